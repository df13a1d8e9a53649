package dev.relayj.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.testing.JdkHttp2Client;
import dev.relayj.testing.ReferenceWebTls;
import dev.relayj.tls.ServerCertificates;
import dev.relayj.tls.ServerCredentials;
import dev.relayj.tls.SignAlgorithm;
import dev.relayj.tls.TlsListener;
import dev.relayj.tls.TlsSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site behind our own TLS listener, as the servers run it: a dedicated HTTPS port ([WEB] https
 * with cert and key) and the SMP port shared with HTTPS, where a client that sends SNI gets the web
 * certificate and the site (Server.hs runs attachHTTP when sniUsed; rfcs/2024-09-15-shared-port.md).
 */
@Timeout(60)
class WebOverRelayTlsTest {
    @TempDir
    static Path dir;

    private static Path site;
    private static ServerCredentials web;
    private static ServerCredentials relay;

    @BeforeAll
    static void setUp() throws IOException {
        site = dir.resolve("www");
        StaticSite.generate(site, StaticSiteTest.fullInfo());
        web = ServerCredentials.loadWeb(ReferenceWebTls.WEB_CERT, ReferenceWebTls.WEB_KEY);
        Path relayDir = dir.resolve("relay");
        ServerCertificates.createCaAndServer(relayDir, SignAlgorithm.ED448, "localhost");
        relay = ServerCredentials.load(relayDir.resolve("ca.crt"), relayDir.resolve("server.crt"),
                relayDir.resolve("server.key"));
    }

    @Test
    void dedicatedHttpsPortServesHttp2AndHttp1() throws Exception {
        StaticFileServer files = new StaticFileServer(site);
        TlsSettings settings = new TlsSettings(web, web, List.of("h2", "http/1.1"), TlsSettings.DEFAULT_HANDSHAKE_TIMEOUT,
                false);
        try (TlsListener https = TlsListener.open("127.0.0.1", 0, settings, files::serve);
                JdkHttp2Client client = new JdkHttp2Client(ReferenceWebTls.trustingClientContext())) {
            URI base = URI.create("https://localhost:" + https.port());
            JdkHttp2Client.Reply index = client.send("GET", base.resolve("/"));
            assertEquals("HTTP_2", index.version());
            assertEquals(200, index.status());
            assertArrayEquals(Files.readAllBytes(site.resolve("index.html")), index.body());

            assertEquals(200, http1(base.resolve("/invitation")));
            assertEquals(200, http1WithAlpn(https.port(), "/.well-known/assetlinks.json"));
        }
    }

    @Test
    void sharedProtocolPortServesBrowsersThatSendSni() throws Exception {
        StaticFileServer files = new StaticFileServer(site);
        AtomicInteger protocolClients = new AtomicInteger();
        TlsSettings settings = new TlsSettings(relay, web, List.of("smp/1", "h2", "http/1.1"),
                TlsSettings.DEFAULT_HANDSHAKE_TIMEOUT, false);
        try (TlsListener shared = TlsListener.open("127.0.0.1", 0, settings, connection -> {
                    if (connection.webCredentialsUsed()) {
                        files.serve(connection);
                    } else {
                        protocolClients.incrementAndGet();
                    }
                });
                JdkHttp2Client client = new JdkHttp2Client(ReferenceWebTls.trustingClientContext())) {
            URI base = URI.create("https://localhost:" + shared.port());
            JdkHttp2Client.Reply contact = client.send("GET", base.resolve("/contact"));
            assertEquals("HTTP_2", contact.version());
            assertEquals(200, contact.status());
            assertTrue(new String(contact.body(), StandardCharsets.UTF_8).contains("Open in SimpleX Chat"));
            assertEquals(200, http1WithAlpn(shared.port(), "/.well-known/assetlinks.json"));
            assertEquals(0, protocolClients.get());
            // the JDK sends no SNI for a name without a dot: such a client is taken for a protocol client
            org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> http1(base.resolve("/")));
            assertTrue(protocolClients.get() >= 1, "HttpURLConnection may retry a failed GET");
        }
    }

    /** HttpsURLConnection offers no ALPN (and no SNI for "localhost"), so the server falls back to HTTP/1.1. */
    private static int http1(URI uri) throws Exception {
        HttpsURLConnection c = (HttpsURLConnection) uri.toURL().openConnection();
        c.setSSLSocketFactory(ReferenceWebTls.trustingClientContext().getSocketFactory());
        c.setHostnameVerifier((host, session) -> true);
        c.setConnectTimeout(10_000);
        c.setReadTimeout(10_000);
        try {
            int status = c.getResponseCode();
            c.getInputStream().readAllBytes();
            return status;
        } finally {
            c.disconnect();
        }
    }

    private static int http1WithAlpn(int port, String path) throws Exception {
        try (SSLSocket s = (SSLSocket) ReferenceWebTls.trustingClientContext().getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            SSLParameters p = s.getSSLParameters();
            p.setApplicationProtocols(new String[] {"http/1.1"});
            p.setServerNames(List.of(new javax.net.ssl.SNIHostName("localhost")));
            s.setSSLParameters(p);
            s.startHandshake();
            assertEquals("http/1.1", s.getApplicationProtocol());
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            HttpListenerTest.Response r = HttpListenerTest.readResponse(s.getInputStream(), false);
            assertEquals("application/json", r.headers().get("content-type"));
            return r.status();
        }
    }
}
