package dev.relayj.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class TlsListenerTest {
    private static final Path FIXTURES = ServerCertificatesTest.FIXTURES;

    @TempDir
    static Path dir;

    private static ServerCredentials relay;
    private static ServerCredentials serviceClient;
    private static ServerCredentials strangerClient;

    private final BlockingQueue<TlsConnection> accepted = new LinkedBlockingQueue<>();
    private TlsListener listener;

    @BeforeAll
    static void credentials() throws IOException {
        Path relayDir = dir.resolve("relay");
        ServerCertificates.createCaAndServer(relayDir, SignAlgorithm.ED448, "localhost");
        relay = ServerCredentials.load(relayDir.resolve("ca.crt"), relayDir.resolve("server.crt"), relayDir.resolve("server.key"));
        Path clientDir = dir.resolve("client");
        ServerCertificates.createCaAndServer(clientDir, SignAlgorithm.ED25519, "service");
        serviceClient = ServerCredentials.load(clientDir.resolve("ca.crt"), clientDir.resolve("server.crt"),
                clientDir.resolve("server.key"));
        // a leaf presented with a CA that did not sign it
        strangerClient = ServerCredentials.load(relayDir.resolve("ca.crt"), clientDir.resolve("server.crt"),
                clientDir.resolve("server.key"));
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    /** Records each connection, then echoes what it reads until the client leaves. */
    private void start(TlsSettings settings) throws IOException {
        listener = TlsListener.open("127.0.0.1", 0, settings, connection -> {
            accepted.add(connection);
            InputStream in = connection.input();
            OutputStream out = connection.output();
            byte[] buffer = new byte[1024];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        });
    }

    private static TlsSettings relaySettings() {
        return new TlsSettings(relay, null, List.of("smp/1"), Duration.ofSeconds(10), false);
    }

    private TlsConnection nextConnection() throws InterruptedException {
        TlsConnection connection = accepted.poll(10, TimeUnit.SECONDS);
        assertNotNull(connection, "no connection reached the handler");
        return connection;
    }

    private static void assertEcho(TestTlsClient client) throws IOException {
        byte[] message = "hello relay".getBytes(StandardCharsets.US_ASCII);
        client.output().write(message);
        client.output().flush();
        assertArrayEquals(message, client.input().readNBytes(message.length));
    }

    @Test
    void tls13WithAlpnSendsTheIdentityChainAndAgreesOnTheSessionId() throws Exception {
        start(relaySettings());
        try (TestTlsClient client = TestTlsClient.tls13(List.of("smp/1")).connect(listener.port())) {
            TlsConnection connection = nextConnection();
            assertEquals("smp/1", client.alpn());
            assertEquals("smp/1", connection.alpn());
            assertEquals(ProtocolVersion.TLSv13, client.parameters().getNegotiatedVersion());
            assertEquals(CipherSuite.TLS_CHACHA20_POLY1305_SHA256, client.parameters().getCipherSuite());
            byte[] clientFinished = client.parameters().getLocalVerifyData();
            assertEquals(32, clientFinished.length);
            assertArrayEquals(clientFinished, connection.sessionId());

            List<byte[]> chain = client.serverChain();
            assertEquals(2, chain.size());
            assertArrayEquals(relay.chainDer().get(0), chain.get(0));
            assertEquals(relay.caFingerprint(), dev.relayj.encoding.Base64Url.encode(sha256(chain.get(1))));
            assertTrue(connection.peerCertificates().isEmpty());
            assertNull(connection.serverName());
            assertFalse(connection.webCredentialsUsed());
            assertEcho(client);
        }
    }

    /**
     * The listener seals and opens records with the JDK's cipher (RelayTlsCrypto), the client with
     * plain Bouncy Castle: records of every edge size cross in both directions, TLS 1.3 and 1.2.
     */
    @Test
    void recordsOfAllSizesInteroperateWithPlainBouncyCastle() throws Exception {
        listener = TlsListener.open("127.0.0.1", 0, relaySettings(), connection -> {
            InputStream in = connection.input();
            OutputStream out = connection.output();
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        });
        Random random = new Random(10);
        for (ProtocolVersion[] versions : List.of(ProtocolVersion.TLSv13.only(), ProtocolVersion.TLSv12.only())) {
            try (TestTlsClient client = new TestTlsClient(versions, TestTlsClient.RELAY_SUITES, List.of("smp/1"), null, null)
                    .connect(listener.port())) {
                for (int size : new int[] {0, 1, 16383, 16384, 1, 0, 16384}) {
                    byte[] message = new byte[size];
                    random.nextBytes(message);
                    client.output().write(message);
                    client.output().flush();
                    assertArrayEquals(message, client.input().readNBytes(size), "record of " + size + " bytes");
                }
            }
        }
    }

    @Test
    void tls12UsesEcdheEcdsaChaCha() throws Exception {
        start(relaySettings());
        TestTlsClient tls12 = new TestTlsClient(ProtocolVersion.TLSv12.only(), TestTlsClient.RELAY_SUITES,
                List.of("smp/1"), null, null);
        try (TestTlsClient client = tls12.connect(listener.port())) {
            TlsConnection connection = nextConnection();
            assertEquals(ProtocolVersion.TLSv12, client.parameters().getNegotiatedVersion());
            assertEquals(CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, client.parameters().getCipherSuite());
            assertEquals("smp/1", connection.alpn());
            assertEquals(12, connection.sessionId().length);
            assertArrayEquals(client.parameters().getLocalVerifyData(), connection.sessionId());
            assertEquals(2, client.serverChain().size());
            assertEcho(client);
        }
    }

    @Test
    void clientWithoutAlpnIsServedWithoutAlpn() throws Exception {
        start(relaySettings());
        try (TestTlsClient client = TestTlsClient.tls13(null).connect(listener.port())) {
            TlsConnection connection = nextConnection();
            assertNull(client.alpn());
            assertNull(connection.alpn());
            assertEcho(client);
        }
    }

    @Test
    void clientOfferingOnlyOtherProtocolsIsRefused() throws Exception {
        start(relaySettings());
        TlsFatalAlertReceived refused = assertThrows(TlsFatalAlertReceived.class,
                () -> TestTlsClient.tls13(List.of("h2", "http/1.1")).connect(listener.port()));
        assertEquals(AlertDescription.no_application_protocol, refused.getAlertDescription());
        assertNull(accepted.poll());
    }

    @Test
    void serverPreferenceDecidesAlpn() throws Exception {
        start(new TlsSettings(relay, null, List.of("xftp/1", "h2"), Duration.ofSeconds(10), false));
        try (TestTlsClient client = TestTlsClient.tls13(List.of("h2", "xftp/1")).connect(listener.port())) {
            assertEquals("xftp/1", client.alpn());
            assertEquals("xftp/1", nextConnection().alpn());
        }
    }

    @Test
    void otherCipherSuitesAreRefused() throws Exception {
        start(relaySettings());
        TestTlsClient aes = new TestTlsClient(ProtocolVersion.TLSv13.downTo(ProtocolVersion.TLSv12),
                new int[] {CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256},
                List.of("smp/1"), null, null);
        assertThrows(IOException.class, () -> aes.connect(listener.port()));
    }

    @Test
    void garbageAndStalledClientsDoNotBlockOthers() throws Exception {
        start(new TlsSettings(relay, null, List.of("smp/1"), Duration.ofMillis(500), true));
        try (Socket garbage = new Socket(InetAddress.getLoopbackAddress(), listener.port());
                Socket stalled = new Socket(InetAddress.getLoopbackAddress(), listener.port())) {
            garbage.setSoTimeout(10_000);
            stalled.setSoTimeout(10_000);
            garbage.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            garbage.getOutputStream().flush();
            try (TestTlsClient client = TestTlsClient.tls13(List.of("smp/1")).connect(listener.port())) {
                assertEquals("smp/1", nextConnection().alpn());
                assertEcho(client);
            }
            assertEquals(-1, drain(garbage.getInputStream()), "garbage client is disconnected");
            assertEquals(-1, drain(stalled.getInputStream()), "stalled client is disconnected after the timeout");
        }
        assertNull(accepted.poll());
    }

    @Test
    void closeEndsOpenConnectionsAndStopsAccepting() throws Exception {
        start(relaySettings());
        try (TestTlsClient client = TestTlsClient.tls13(List.of("smp/1")).connect(listener.port())) {
            nextConnection();
            int port = listener.port();
            listener.close();
            listener.close();
            assertTrue(endOfStream(client.input()), "open connection is closed");
            assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
        }
    }

    @Test
    void handlerFailureIsContainedToItsConnection() throws Exception {
        listener = TlsListener.open("127.0.0.1", 0, relaySettings(), connection -> {
            accepted.add(connection);
            if (accepted.size() == 1) {
                throw new IllegalStateException("handler bug");
            }
            connection.output().write(7);
            connection.output().flush();
        });
        try (TestTlsClient first = TestTlsClient.tls13(List.of("smp/1")).connect(listener.port())) {
            assertTrue(endOfStream(first.input()));
        }
        try (TestTlsClient second = TestTlsClient.tls13(List.of("smp/1")).connect(listener.port())) {
            assertEquals(7, second.input().read());
        }
    }

    @Test
    void sniSelectsTheWebCredentials() throws Exception {
        ServerCredentials web = ServerCredentials.loadWeb(FIXTURES.resolve("web.crt"), FIXTURES.resolve("web.key"));
        start(new TlsSettings(relay, web, List.of("smp/1", "h2", "http/1.1"), Duration.ofSeconds(10), false));
        int[] browserSuites = {CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256};
        TestTlsClient browser = new TestTlsClient(ProtocolVersion.TLSv13.downTo(ProtocolVersion.TLSv12), browserSuites,
                List.of("h2", "http/1.1"), "localhost", null);
        try (TestTlsClient client = browser.connect(listener.port())) {
            TlsConnection connection = nextConnection();
            assertEquals("localhost", connection.serverName());
            assertTrue(connection.webCredentialsUsed());
            assertEquals("h2", connection.alpn());
            assertArrayEquals(web.chainDer().get(0), client.serverChain().get(0));
            assertEcho(client);
        }
        TestTlsClient browser12 = new TestTlsClient(ProtocolVersion.TLSv12.only(), browserSuites, List.of("h2"), "localhost", null);
        try (TestTlsClient client = browser12.connect(listener.port())) {
            assertTrue(nextConnection().webCredentialsUsed());
            assertEquals(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, client.parameters().getCipherSuite());
        }
        try (TestTlsClient client = TestTlsClient.tls13(List.of("smp/1")).connect(listener.port())) {
            assertFalse(nextConnection().webCredentialsUsed());
            assertArrayEquals(relay.chainDer().get(0), client.serverChain().get(0));
        }
    }

    @Test
    void serviceCertificatesAreRequestedAndValidated() throws Exception {
        start(relaySettings().withClientCertificates(true));
        try (TestTlsClient client = TestTlsClient.tls13(List.of("smp/1")).connect(listener.port())) {
            assertTrue(nextConnection().peerCertificates().isEmpty());
            assertEcho(client);
        }
        TestTlsClient service = new TestTlsClient(ProtocolVersion.TLSv13.only(), TestTlsClient.RELAY_SUITES,
                List.of("smp/1"), null, serviceClient);
        try (TestTlsClient client = service.connect(listener.port())) {
            TlsConnection connection = nextConnection();
            assertEquals(serviceClient.chain(), connection.peerCertificates());
            assertArrayEquals(client.parameters().getLocalVerifyData(), connection.sessionId());
        }
        TestTlsClient service12 = new TestTlsClient(ProtocolVersion.TLSv12.only(), TestTlsClient.RELAY_SUITES,
                List.of("smp/1"), null, serviceClient);
        try (TestTlsClient client = service12.connect(listener.port())) {
            assertEquals(2, nextConnection().peerCertificates().size());
            assertEcho(client);
        }
        TestTlsClient stranger = new TestTlsClient(ProtocolVersion.TLSv13.only(), TestTlsClient.RELAY_SUITES,
                List.of("smp/1"), null, strangerClient);
        assertThrows(IOException.class, () -> {
            try (TestTlsClient client = stranger.connect(listener.port())) {
                client.input().read();
            }
        });
        assertNull(accepted.poll());
    }

    @Test
    void clientCertificatesAreNotRequestedByDefault() throws Exception {
        start(relaySettings());
        TestTlsClient service = new TestTlsClient(ProtocolVersion.TLSv13.only(), TestTlsClient.RELAY_SUITES,
                List.of("smp/1"), null, serviceClient);
        try (TestTlsClient client = service.connect(listener.port())) {
            assertTrue(nextConnection().peerCertificates().isEmpty());
            assertEcho(client);
        }
    }

    @Test
    void opensslClientConnectsWithAlpn() throws Exception {
        Assumptions.assumeTrue(ServerCertificatesTest.opensslPresent(), "openssl not installed");
        listener = TlsListener.open("127.0.0.1", 0, relaySettings(), connection -> {
            accepted.add(connection);
            connection.output().write("pong\n".getBytes(StandardCharsets.US_ASCII));
            connection.output().flush();
        });
        Process openssl = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + listener.port(),
                "-alpn", "smp/1", "-ign_eof").redirectErrorStream(true).start();
        openssl.getOutputStream().close();
        try {
            assertEquals("smp/1", nextConnection().alpn());
            assertTrue(openssl.waitFor(30, TimeUnit.SECONDS), "s_client ends when the server closes");
            String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(output.contains("ALPN protocol: smp/1"), output);
            assertTrue(output.contains("TLSv1.3, Cipher is TLS_CHACHA20_POLY1305_SHA256"), output);
            assertTrue(output.contains("CN = SMP server CA, O = SimpleX"), output);
            assertTrue(output.contains("pong"), output);
        } finally {
            openssl.destroyForcibly();
        }
    }

    private static int drain(InputStream in) throws IOException {
        try {
            while (in.read() >= 0) {
                // discard whatever the server sent before closing (an alert)
            }
            return -1;
        } catch (SocketTimeoutException e) {
            return 0;
        } catch (IOException e) {
            return -1;
        }
    }

    private static boolean endOfStream(InputStream in) {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return java.security.MessageDigest.getInstance("SHA-256").digest(data);
    }

    static X509Certificate x509(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
