package dev.relayj.xftp.server;

import static dev.relayj.xftp.server.Chunks.assertDownloads;
import static dev.relayj.xftp.server.Chunks.upload;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.relayj.xftp.protocol.FileCommand;
import dev.relayj.protocol.EntityId;
import dev.relayj.xftp.protocol.XftpBlock;
import dev.relayj.xftp.protocol.XftpServerHandshake;
import dev.relayj.xftp.protocol.XftpVersions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay as xftp-web sees it: a browser's HTTP/2 (the JDK client, ALPN h2 with SNI) gets the web
 * certificate, the web handshake with a signed challenge, CORS headers and the preflight; a native
 * client on the same port gets neither.
 */
@Timeout(60)
class XftpWebTest {
    private static final int KB64 = 64 * 1024;

    @TempDir
    Path dir;

    private TestServer webServer() {
        TestServer setup = new TestServer(dir);
        setup.web = true;
        return setup;
    }

    @Test
    void webHandshakeThenUploadAndDownloadWithCors() throws Exception {
        try (XftpServer server = webServer().start();
                JdkWebPoster poster = new JdkWebPoster(server.port());
                TestXftpClient client = new TestXftpClient(poster, new byte[0])) {
            client.webHello(TestServer.KEY_HASH);
            TestXftpClient.Reply ack = client.webHandshake(TestServer.KEY_HASH, XftpVersions.CURRENT_XFTP_VERSION);
            assertEquals(200, ack.status());
            assertEquals(0, ack.body().length);
            assertCors(ack);
            Chunks.Chunk chunk = upload(client, KB64);
            assertDownloads(client, chunk, 0);
            TestXftpClient.Reply pong = poster.post(pingBlock(client), Map.of());
            assertCors(pong);
        }
    }

    @Test
    void sniSelectsTheWebCertificateAndBothClientsShareFiles() throws Exception {
        try (XftpServer server = webServer().start()) {
            String pem = Files.readString(TestServer.FIXTURES.resolve("web.crt"));
            byte[] webLeaf = java.util.Base64.getMimeDecoder().decode(pem.substring(
                    pem.indexOf("-----BEGIN CERTIFICATE-----") + 27, pem.indexOf("-----END CERTIFICATE-----")));
            try (TestTls web = TestTls.connect(server.port(), List.of("h2"), "localhost");
                    TestTls relay = TestTls.connect(server.port(), List.of("xftp/1"), null)) {
                assertArrayEquals(webLeaf, web.serverChain().get(0), "web certificate with SNI");
                assertEquals(2, relay.serverChain().size());
                assertArrayEquals(TestServer.KEY_HASH, dev.relayj.crypto.Hashes.sha256(relay.serverChain().get(1)),
                        "relay chain without SNI");
            }
            try (TestXftpClient sender = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH);
                    JdkWebPoster poster = new JdkWebPoster(server.port());
                    TestXftpClient browser = new TestXftpClient(poster, new byte[0])) {
                browser.webHello(TestServer.KEY_HASH);
                browser.webHandshake(TestServer.KEY_HASH, XftpVersions.CURRENT_XFTP_VERSION);
                Chunks.Chunk chunk = upload(sender, KB64);
                assertDownloads(browser, chunk, 0);
            }
        }
    }

    @Test
    void preflightOnlyOnWebConnections() throws Exception {
        try (XftpServer server = webServer().start(); JdkWebPoster poster = new JdkWebPoster(server.port())) {
            TestXftpClient.Reply preflight = poster.send("OPTIONS", null, Map.of());
            assertEquals(200, preflight.status());
            assertEquals(0, preflight.body().length);
            assertEquals(List.of("*"), preflight.headers().get("access-control-allow-origin"));
            assertEquals(List.of("POST, OPTIONS"), preflight.headers().get("access-control-allow-methods"));
            assertEquals(List.of("*"), preflight.headers().get("access-control-allow-headers"));
            assertEquals(List.of("86400"), preflight.headers().get("access-control-max-age"));
            try (TestXftpClient nativeClient = TestXftpClient.openNative(server.port(), List.of("xftp/1"), null)) {
                TestXftpClient.Reply hello = nativeClient.post(new byte[0], Map.of());
                assertEquals(200, hello.status());
                assertEquals(List.of(""), hello.headers().get("raw"), "only :status, no CORS without SNI");
                XftpServerHandshake.parse(XftpBlock.unpad(hello.body()));
            }
        }
    }

    @Test
    void commandBeforeWebHelloIsSessionError() throws Exception {
        try (XftpServer server = webServer().start(); JdkWebPoster poster = new JdkWebPoster(server.port())) {
            TestXftpClient.Reply reply = poster.post(new byte[XftpBlock.SIZE], Map.of());
            assertEquals(200, reply.status());
            assertEquals("SESSION", new String(XftpBlock.unpad(reply.body()), StandardCharsets.US_ASCII));
            assertCors(reply);
        }
    }

    @Test
    void helloWithoutChallengeHasNoProofAndRehelloKeepsTheSessionKey() throws Exception {
        try (XftpServer server = webServer().start();
                JdkWebPoster poster = new JdkWebPoster(server.port());
                TestXftpClient client = new TestXftpClient(poster, new byte[0])) {
            TestXftpClient.Reply plain = poster.post(XftpBlock.pad(new byte[] {'0'}), Map.of("xftp-web-hello", "1"));
            XftpServerHandshake first = XftpServerHandshake.parse(XftpBlock.unpad(plain.body()));
            assertNull(first.webIdentityProof(), "no challenge, no proof");
            XftpServerHandshake second = client.webHello(TestServer.KEY_HASH);
            assertArrayEquals(TestXftpClient.verifyServer(first, TestServer.KEY_HASH).raw(),
                    TestXftpClient.verifyServer(second, TestServer.KEY_HASH).raw(), "hello again keeps the session key");
            client.webHandshake(TestServer.KEY_HASH, XftpVersions.CURRENT_XFTP_VERSION);
            Chunks.Chunk chunk = upload(client, KB64);
            XftpServerHandshake third = client.webHello(TestServer.KEY_HASH);
            assertArrayEquals(TestXftpClient.verifyServer(second, TestServer.KEY_HASH).raw(),
                    TestXftpClient.verifyServer(third, TestServer.KEY_HASH).raw(), "after the handshake too");
            TestXftpClient.Reply notHandshake = poster.post(pingBlock(client), Map.of());
            assertEquals("HANDSHAKE", new String(XftpBlock.unpad(notHandshake.body()), StandardCharsets.US_ASCII),
                    "after a new hello the next request must be the client handshake");
            assertEquals(0, client.webHandshake(TestServer.KEY_HASH, 2).body().length);
            assertDownloads(client, chunk, 0);
        }
    }

    @Test
    void badWebHelloAndWrongKeyHashAreHandshakeErrors() throws Exception {
        try (XftpServer server = webServer().start();
                JdkWebPoster poster = new JdkWebPoster(server.port());
                TestXftpClient client = new TestXftpClient(poster, new byte[0])) {
            TestXftpClient.Reply shortChallenge = poster.post(XftpBlock.pad(new byte[] {'1', 3, 1, 2, 3}),
                    Map.of("xftp-web-hello", "1"));
            assertEquals("HANDSHAKE", new String(XftpBlock.unpad(shortChallenge.body()), StandardCharsets.US_ASCII));
            client.webHello(TestServer.KEY_HASH);
            byte[] wrongHash = TestServer.KEY_HASH.clone();
            wrongHash[0] ^= 1;
            TestXftpClient.Reply refused = client.webHandshake(wrongHash, 3);
            assertEquals("HANDSHAKE", new String(XftpBlock.unpad(refused.body()), StandardCharsets.US_ASCII));
            assertEquals(0, client.webHandshake(TestServer.KEY_HASH, 3).body().length);
        }
    }

    @Test
    void getServesTheStaticSiteOnWebConnections() throws Exception {
        Path site = Files.createDirectories(dir.resolve("www"));
        Files.writeString(site.resolve("index.html"), "<h1>relay</h1>");
        Files.createDirectories(site.resolve("well-known"));
        Files.writeString(site.resolve("well-known").resolve("info.json"), "{}");
        Files.writeString(dir.resolve("secret.txt"), "no");
        TestServer setup = webServer();
        setup.staticPath = java.util.Optional.of(site);
        try (XftpServer server = setup.start(); JdkWebPoster poster = new JdkWebPoster(server.port())) {
            TestXftpClient.Reply index = poster.send("GET", null, Map.of());
            assertEquals(200, index.status());
            assertEquals("<h1>relay</h1>", new String(index.body(), StandardCharsets.UTF_8));
            assertEquals(List.of("text/html"), index.headers().get("content-type"));
        }
        try (XftpServer server = webServer().start(); JdkWebPoster poster = new JdkWebPoster(server.port())) {
            assertEquals(404, poster.send("GET", null, Map.of()).status(), "no site configured");
        }
    }

    private static byte[] pingBlock(TestXftpClient client) throws Exception {
        return dev.relayj.xftp.protocol.XftpTransmissions.encodeCommand(new byte[0], client.sessionId(), new byte[] {'p'},
                EntityId.NONE, new FileCommand.Ping());
    }

    private static void assertCors(TestXftpClient.Reply reply) {
        assertEquals(List.of("*"), reply.headers().get("access-control-allow-origin"));
        assertEquals(List.of("*"), reply.headers().get("access-control-expose-headers"));
    }
}
