package dev.relayj.xftp.server;

import static dev.relayj.xftp.server.Chunks.assertDownloads;
import static dev.relayj.xftp.server.Chunks.error;
import static dev.relayj.xftp.server.Chunks.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.crypto.Hashes;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.runtime.ExpirationConfig;
import dev.relayj.xftp.protocol.FileCommand;
import dev.relayj.protocol.EntityId;
import dev.relayj.xftp.protocol.FileInfo;
import dev.relayj.xftp.protocol.FileResponse;
import dev.relayj.xftp.protocol.XftpBlock;
import dev.relayj.xftp.protocol.XftpClientHandshake;
import dev.relayj.xftp.protocol.XftpError;
import dev.relayj.xftp.protocol.XftpTransmissions;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Handshake errors, ALPN choices, bad blocks, timeouts, inactive clients and the orderly stop. */
@Timeout(60)
class XftpTransportTest {
    private static final int KB64 = 64 * 1024;

    @TempDir
    Path dir;

    private static String padded(TestXftpClient.Reply reply) throws Exception {
        assertEquals(200, reply.status());
        return new String(XftpBlock.unpad(reply.body()), StandardCharsets.US_ASCII);
    }

    @Test
    void nativeHandshakeErrors() throws Exception {
        try (XftpServer server = new TestServer(dir).start()) {
            try (TestXftpClient client = TestXftpClient.openNative(server.port(), List.of("xftp/1"), null)) {
                assertEquals("HANDSHAKE", padded(client.post(new byte[XftpBlock.SIZE], Map.of())),
                        "a body before the server's handshake");
                client.post(new byte[0], Map.of());
                byte[] wrongHash = TestServer.KEY_HASH.clone();
                wrongHash[5] ^= 1;
                assertEquals("HANDSHAKE", padded(client.post(new XftpClientHandshake(3, wrongHash).toBlock(), Map.of())));
                assertEquals("HANDSHAKE", padded(client.post(new XftpClientHandshake(4, TestServer.KEY_HASH).toBlock(), Map.of())),
                        "a version the server does not have");
                assertEquals("HANDSHAKE", padded(client.post(new byte[100], Map.of())), "not a whole block");
                assertEquals(0, client.post(new XftpClientHandshake(1, TestServer.KEY_HASH).toBlock(), Map.of()).body().length);
                assertEquals(new FileResponse.Pong(), client.command(null, EntityId.NONE, new FileCommand.Ping(), null).response());
            }
        }
    }

    @Test
    void badBlocksAreAnsweredWithoutHarmingOtherClients() throws Exception {
        try (XftpServer server = new TestServer(dir).start();
                TestXftpClient good = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH);
                TestXftpClient bad = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH)) {
            Chunks.Chunk chunk = upload(good, KB64);
            TestXftpClient.Result shortBody = bad.parse(bad.post(new byte[100], Map.of()), new byte[0]);
            assertEquals(XftpError.BLOCK, error(shortBody.response()));
            byte[] garbage = Chunks.randomData(XftpBlock.SIZE);
            garbage[0] = 0;
            garbage[1] = 10;
            assertEquals(XftpError.BLOCK, error(bad.parse(bad.post(garbage, Map.of()), new byte[0]).response()));
            byte[] otherSession = XftpTransmissions.encodeCommand(new byte[0], new byte[32], "7".getBytes(), EntityId.NONE,
                    new FileCommand.Ping());
            assertEquals(XftpError.SESSION, error(bad.parse(bad.post(otherSession, Map.of()), null).response()));
            byte[] unknown = XftpBlock.pad(frame(bad.sessionId(), "9".getBytes(), "FOO".getBytes()));
            assertEquals("CMD UNKNOWN", error(bad.parse(bad.post(unknown, Map.of()), "9".getBytes()).response()).encode());
            try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                OutputStream out = raw.getOutputStream();
                out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                raw.setSoTimeout(10_000);
                raw.getInputStream().read(new byte[1024]);
            }
            assertDownloads(good, chunk, 0);
            assertEquals(new FileResponse.Pong(), bad.command(null, EntityId.NONE, new FileCommand.Ping(), null).response());
        }
    }

    /** A one-transmission batch without authorization: session id, correlation id, no entity, command bytes. */
    private static byte[] frame(byte[] sessionId, byte[] corrId, byte[] command) {
        byte[] authorized = new byte[3 + sessionId.length + corrId.length + command.length];
        int i = 0;
        authorized[i++] = (byte) sessionId.length;
        System.arraycopy(sessionId, 0, authorized, i, sessionId.length);
        i += sessionId.length;
        authorized[i++] = (byte) corrId.length;
        System.arraycopy(corrId, 0, authorized, i, corrId.length);
        i += corrId.length;
        authorized[i++] = 0;
        System.arraycopy(command, 0, authorized, i, command.length);
        int length = 1 + authorized.length;
        byte[] content = new byte[3 + length];
        content[0] = 1;
        content[1] = (byte) (length >>> 8);
        content[2] = (byte) length;
        content[3] = 0;
        System.arraycopy(authorized, 0, content, 4, authorized.length);
        return content;
    }

    @Test
    void withoutAlpnCommandsRunAtVersion1WithoutHandshake() throws Exception {
        try (XftpServer server = new TestServer(dir).start();
                TestXftpClient client = TestXftpClient.openNative(server.port(), null, null)) {
            assertEquals(1, client.version());
            Chunks.Chunk chunk = upload(client, KB64);
            assertDownloads(client, chunk, 0);
            X25519PrivateKey x25519 = X25519PrivateKey.generate(TestXftpClient.RANDOM);
            FileResponse.Rids rids = assertInstanceOf(FileResponse.Rids.class, client.command(chunk.sender(), chunk.senderId(),
                    new FileCommand.Fadd(List.of(x25519.publicKey())), null).response());
            client.assumeServerSessionKey(X25519PrivateKey.generate(TestXftpClient.RANDOM).publicKey());
            assertEquals(XftpError.AUTH, error(client.command(x25519, rids.recipientIds().get(0), new FileCommand.Fack(), null)
                    .response()), "without a handshake there is no session key to authenticate with");
        }
    }

    @Test
    void h2WithoutSniGetsAnEmptyAnswer() throws Exception {
        try (XftpServer server = new TestServer(dir).start();
                TestXftpClient client = TestXftpClient.openNative(server.port(), List.of("h2"), null)) {
            TestXftpClient.Reply reply = client.post(new byte[0], Map.of());
            assertEquals(200, reply.status());
            assertEquals(0, reply.body().length);
        }
    }

    @Test
    void uploadThatStallsTimesOut() throws Exception {
        TestServer setup = new TestServer(dir);
        setup.uploadTimeout = Duration.ofMillis(300);
        try (XftpServer server = setup.start()) {
            TestTls tls = TestTls.connect(server.port(), List.of("xftp/1"), null);
            try (TestH2Client http2 = tls.http2()) {
                TestXftpClient client = new TestXftpClient(http2Poster(http2), tls.sessionId());
                client.nativeHandshake(TestServer.KEY_HASH, 3);
                Ed25519PrivateKey sender = Ed25519PrivateKey.generate(TestXftpClient.RANDOM);
                byte[] data = Chunks.randomData(KB64);
                FileResponse.Sids sids = assertInstanceOf(FileResponse.Sids.class, Chunks.fnew(client, sender, data,
                        List.of(sender.publicKey()), null));
                byte[] corrId = "t".getBytes();
                byte[] authorized = XftpTransmissions.authorizedBytes(client.sessionId(), corrId, sids.senderId(), new FileCommand.Fput());
                byte[] block = XftpTransmissions.encodeCommand(sender.sign(authorized).bytes(), client.sessionId(), corrId,
                        sids.senderId(), new FileCommand.Fput());
                TestH2Client.Response response = http2.send("POST", TestXftpClient.concat(block, new byte[1000]), Map.of(), false)
                        .get(20, TimeUnit.SECONDS);
                TestXftpClient.Result result = client.parse(new TestXftpClient.Reply(response.status(), response.body(), Map.of()), corrId);
                assertEquals(XftpError.TIMEOUT, error(result.response()));
                assertEquals(0, server.usedStorage());
                assertEquals(new FileResponse.Ok(), client.command(sender, sids.senderId(), new FileCommand.Fput(), data).response());
            }
        }
    }

    private static TestXftpClient.Poster http2Poster(TestH2Client http2) {
        return new TestXftpClient.Poster() {
            @Override
            public TestXftpClient.Reply post(byte[] body, Map<String, String> headers) throws Exception {
                TestH2Client.Response r = http2.post(body, headers);
                return new TestXftpClient.Reply(r.status(), r.body(), Map.of());
            }

            @Override
            public void close() {}
        };
    }

    @Test
    void inactiveClientsAreDisconnected() throws Exception {
        TestServer setup = new TestServer(dir);
        setup.inactiveClients = java.util.Optional.of(new ExpirationConfig(Duration.ofHours(1), Duration.ofHours(1)));
        try (XftpServer server = setup.start();
                TestXftpClient client = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH)) {
            setup.clock.advance(Duration.ofMinutes(59));
            assertEquals(0, server.expireInactiveClientsNow());
            assertEquals(new FileResponse.Pong(), client.command(null, EntityId.NONE, new FileCommand.Ping(), null).response());
            setup.clock.advance(Duration.ofMinutes(61));
            assertEquals(1, server.expireInactiveClientsNow());
            assertThrows(Exception.class, () -> client.command(null, EntityId.NONE, new FileCommand.Ping(), null));
        }
    }

    @Test
    void stopSendsGoAwayAndFlushesTheStoreLog() throws Exception {
        TestServer setup = new TestServer(dir);
        XftpServer server = setup.start();
        TestTls tls = TestTls.connect(server.port(), List.of("xftp/1"), null);
        try (TestH2Client http2 = tls.http2()) {
            TestXftpClient client = new TestXftpClient(http2Poster(http2), tls.sessionId());
            client.nativeHandshake(TestServer.KEY_HASH, 3);
            Chunks.Chunk chunk = upload(client, KB64);
            server.close();
            http2.goAway().get(10, TimeUnit.SECONDS);
            String log = Files.readString(dir.resolve("file-server-store.log"));
            assertTrue(log.contains("FNEW " + chunk.senderId().toBase64()), log);
            assertTrue(log.contains("FPUT " + chunk.senderId().toBase64()), log);
            assertTrue(Files.readString(dir.resolve("file-server-stats.log")).contains("filesUploaded=1"));
            assertTrue(setup.log.contains("Server stopped"));
        } finally {
            server.close();
        }
    }

    @Test
    void fnewIsAuthorizedByTheSenderKeyInTheFileInfo() throws Exception {
        try (XftpServer server = new TestServer(dir).start();
                TestXftpClient client = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH)) {
            X25519PrivateKey dhSender = X25519PrivateKey.generate(TestXftpClient.RANDOM);
            byte[] data = Chunks.randomData(KB64);
            FileInfo info = new FileInfo(dhSender.publicKey(), data.length, Hashes.sha256(data));
            FileResponse.Sids sids = assertInstanceOf(FileResponse.Sids.class, client.command(dhSender, EntityId.NONE,
                    new FileCommand.Fnew(info, List.of(dhSender.publicKey()), null), null).response(),
                    "an X25519 sender key authenticates with the handshake's session key");
            assertEquals(new FileResponse.Ok(), client.command(dhSender, sids.senderId(), new FileCommand.Fput(), data).response());
        }
    }
}
