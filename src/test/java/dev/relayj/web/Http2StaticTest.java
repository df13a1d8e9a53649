package dev.relayj.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.testing.JdkHttp2Client;
import dev.relayj.testing.JsseH2Server;
import dev.relayj.testing.ReferenceWebTls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The site over HTTP/2: the JDK's HttpClient over a JSSE TLS socket that negotiated ALPN h2. */
@Timeout(60)
class Http2StaticTest {
    @TempDir
    static Path site;

    private static JsseH2Server server;
    private static JdkHttp2Client client;
    private static URI base;
    private static StaticFileServer files;

    @BeforeAll
    static void start() throws Exception {
        StaticSite.generate(site, StaticSiteTest.fullInfo());
        files = new StaticFileServer(site);
        server = JsseH2Server.start(ReferenceWebTls.serverContext(),
                socket -> files.serveHttp2(socket.getInputStream(), socket.getOutputStream(), socket));
        client = new JdkHttp2Client(ReferenceWebTls.trustingClientContext());
        base = URI.create("https://localhost:" + server.port());
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        server.close();
    }

    private static JdkHttp2Client.Reply send(String method, String path) throws Exception {
        JdkHttp2Client.Reply reply = client.send(method, base.resolve(path));
        assertEquals("HTTP_2", reply.version());
        assertEquals(Set.of("h2"), server.negotiated());
        return reply;
    }

    @Test
    void pagesAndWellKnownFiles() throws Exception {
        JdkHttp2Client.Reply index = send("GET", "/");
        assertEquals(200, index.status());
        assertEquals("text/html", index.header("content-type"));
        assertArrayEquals(Files.readAllBytes(site.resolve("index.html")), index.body());
        assertEquals(Long.toString(index.body().length), index.header("content-length"));

        JdkHttp2Client.Reply contact = send("GET", "/contact");
        assertEquals(200, contact.status());
        assertArrayEquals(Files.readAllBytes(site.resolve("contact/index.html")), contact.body());

        JdkHttp2Client.Reply apple = send("GET", "/.well-known/apple-app-site-association");
        assertEquals("application/json", apple.header("content-type"));
        assertArrayEquals(Files.readAllBytes(site.resolve("well-known/apple-app-site-association")), apple.body());
    }

    @Test
    void headNotFoundAndOtherMethods() throws Exception {
        JdkHttp2Client.Reply head = send("HEAD", "/");
        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
        assertEquals(Long.toString(Files.size(site.resolve("index.html"))), head.header("content-length"));
        assertEquals(404, send("GET", "/nothing").status());
        assertEquals(404, send("GET", "/.hidden").status());
        assertEquals(400, send("GET", "/%2e%2e/x").status());
        JdkHttp2Client.Reply post = send("POST", "/");
        assertEquals(405, post.status());
        assertEquals("GET, HEAD", post.header("allow"));
    }

    @Test
    void xftpServerServesOnlyWhatTheSiteHas() throws Exception {
        SSLServerSocket xftp = (SSLServerSocket) ReferenceWebTls.serverContext().getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        SSLParameters params = xftp.getSSLParameters();
        params.setApplicationProtocols(new String[] {"h2"});
        xftp.setSSLParameters(params);
        // as the XFTP server: pages for browsers' GETs, everything else to the protocol
        dev.relayj.http2.Http2Handler handler = (request, response) -> {
            if (!files.serveIfPresent(request, response)) {
                response.status(418).send("protocol".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        };
        Thread server = Thread.ofVirtual().start(() -> {
            try (xftp; SSLSocket socket = (SSLSocket) xftp.accept()) {
                new dev.relayj.http2.Http2Connection(socket.getInputStream(), socket.getOutputStream(),
                        dev.relayj.http2.Http2ServerConfig.DEFAULT, handler).run();
            } catch (IOException e) {
                // the client went away
            }
        });
        try (JdkHttp2Client own = new JdkHttp2Client(ReferenceWebTls.trustingClientContext())) {
            URI xftpBase = URI.create("https://localhost:" + xftp.getLocalPort());
            JdkHttp2Client.Reply page = own.send("GET", xftpBase.resolve("/"));
            assertEquals(200, page.status());
            assertArrayEquals(Files.readAllBytes(site.resolve("index.html")), page.body());
            assertEquals(418, own.send("GET", xftpBase.resolve("/nothing")).status());
            assertEquals(418, own.send("POST", xftpBase.resolve("/")).status());
            assertEquals(418, own.send("GET", xftpBase.resolve("/%2e%2e/x")).status());
        } finally {
            xftp.close();
            server.join(10_000);
        }
    }

    @Test
    void gzipWhenAccepted() throws Exception {
        // the JDK client does not ask for gzip; the handler is checked through its own entry point
        JdkHttp2Client.Reply plain = send("GET", "/index.html");
        assertTrue(plain.header("content-encoding") == null);
        try (StaticReply r = files.reply("GET", "/index.html", true, false);
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            r.writeBody(out);
            try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(out.toByteArray()))) {
                assertArrayEquals(plain.body(), gz.readAllBytes());
            }
        }
    }
}
