package dev.relayj.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.encoding.Base64Url;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class TlsClientTest {
    private static final Path FIXTURES = ServerCertificatesTest.FIXTURES;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final List<String> SMP_ALPN = List.of("smp/1");

    @TempDir
    static Path dir;

    private static ServerCredentials ed448Relay;
    private static ServerCredentials ed25519Relay;
    private static ServerCredentials serviceClient;

    private final BlockingQueue<TlsConnection> accepted = new LinkedBlockingQueue<>();
    private TlsListener listener;

    @BeforeAll
    static void credentials() throws IOException {
        ed448Relay = ServerCredentials.load(FIXTURES.resolve("ca.crt"), FIXTURES.resolve("server.crt"), FIXTURES.resolve("server.key"));
        ed25519Relay = ServerCredentials.load(FIXTURES.resolve("ed25519/ca.crt"), FIXTURES.resolve("ed25519/server.crt"),
                FIXTURES.resolve("ed25519/server.key"));
        Path clientDir = dir.resolve("client");
        ServerCertificates.createCaAndServer(clientDir, SignAlgorithm.ED25519, "service");
        serviceClient = ServerCredentials.load(clientDir.resolve("ca.crt"), clientDir.resolve("server.crt"),
                clientDir.resolve("server.key"));
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    /** Echoes one byte back, then waits for the client to leave. */
    private int start(ServerCredentials credentials, boolean clientCertificates) throws IOException {
        TlsSettings settings = new TlsSettings(credentials, null, SMP_ALPN, TIMEOUT, false, clientCertificates);
        listener = TlsListener.open("127.0.0.1", 0, settings, connection -> {
            accepted.add(connection);
            int b = connection.input().read();
            if (b >= 0) {
                connection.output().write(b);
                connection.output().flush();
                connection.input().read();
            }
        });
        return listener.port();
    }

    private static Socket socket(int port) throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), port);
    }

    private static byte[] keyHash(ServerCredentials credentials) {
        try {
            return Base64Url.decode(credentials.caFingerprint());
        } catch (dev.relayj.encoding.DecodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void handshakesWithTheRelayItsAddressNames() throws Exception {
        int port = start(ed448Relay, false);
        try (ClientTlsConnection connection = TlsClient.handshake(socket(port),
                new TlsClientSettings(keyHash(ed448Relay), SMP_ALPN, TIMEOUT))) {
            assertEquals("smp/1", connection.alpn());
            assertEquals(2, connection.serverCertificates().size());
            connection.output().write(7);
            connection.output().flush();
            assertEquals(7, connection.input().read());
            TlsConnection server = accepted.poll(10, TimeUnit.SECONDS);
            assertArrayEquals(server.sessionId(), connection.sessionId(), "both ends see the same tls-unique");
            assertFalse(server.webCredentialsUsed());
            assertNull(server.serverName(), "SMP clients send no SNI");
        }
    }

    /**
     * Our client seals and opens records with the JDK's cipher (RelayTlsCrypto); this server uses
     * plain Bouncy Castle crypto: records of every edge size cross in both directions.
     */
    @Test
    void recordsOfAllSizesInteroperateWithAPlainBouncyCastleServer() throws Exception {
        TlsSettings settings = new TlsSettings(ed448Relay, null, SMP_ALPN, TIMEOUT, false, false);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread echo = Thread.ofVirtual().start(() -> {
                try (Socket accepted = server.accept()) {
                    TlsServerProtocol protocol = new TlsServerProtocol(
                            accepted.getInputStream(), accepted.getOutputStream());
                    protocol.accept(new RelayTlsServer(
                            new BcTlsCrypto(new SecureRandom()), settings));
                    byte[] buffer = new byte[1 << 16];
                    for (int n = protocol.getInputStream().read(buffer); n > 0; n = protocol.getInputStream().read(buffer)) {
                        protocol.getOutputStream().write(buffer, 0, n);
                        protocol.getOutputStream().flush();
                    }
                } catch (IOException e) {
                    // the client left; what it read decides the test
                }
            });
            Random random = new Random(10);
            try (ClientTlsConnection connection = TlsClient.handshake(socket(server.getLocalPort()),
                    new TlsClientSettings(keyHash(ed448Relay), SMP_ALPN, TIMEOUT))) {
                for (int size : new int[] {0, 1, 16383, 16384, 1, 0, 16384}) {
                    byte[] message = new byte[size];
                    random.nextBytes(message);
                    connection.output().write(message);
                    connection.output().flush();
                    assertArrayEquals(message, connection.input().readNBytes(size), "record of " + size + " bytes");
                }
            }
            echo.join(10_000);
        }
    }

    @Test
    void acceptsAnEd25519Relay() throws Exception {
        int port = start(ed25519Relay, false);
        try (ClientTlsConnection connection = TlsClient.handshake(socket(port),
                new TlsClientSettings(keyHash(ed25519Relay), SMP_ALPN, TIMEOUT))) {
            assertEquals(32, connection.sessionId().length);
        }
    }

    @Test
    void fingerprintOfTheReferenceFixture() {
        assertEquals("LcJUMfVhwD8yxjAiSaDzzGF3-kLG4Uh0Fl_ZIjrRwjI=", ed448Relay.caFingerprint());
    }

    @Test
    void identityMismatchIsAClearError() throws Exception {
        int port = start(ed448Relay, false);
        ServerCertificateException e = assertThrows(ServerCertificateException.class,
                () -> TlsClient.handshake(socket(port), new TlsClientSettings(keyHash(ed25519Relay), SMP_ALPN, TIMEOUT)));
        assertTrue(e.unknownCa());
        assertTrue(e.getMessage().startsWith("server identity mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains(ed448Relay.caFingerprint()), e.getMessage());
    }

    @Test
    void noAlpnOfferedNoneAgreed() throws Exception {
        int port = start(ed448Relay, false);
        try (ClientTlsConnection connection = TlsClient.handshake(socket(port),
                new TlsClientSettings(keyHash(ed448Relay), List.of(), TIMEOUT))) {
            assertNull(connection.alpn());
            assertNull(accepted.poll(10, TimeUnit.SECONDS).alpn());
        }
    }

    @Test
    void sendsAClientCertificateWhenAsked() throws Exception {
        int port = start(ed448Relay, true);
        TlsClientSettings settings = new TlsClientSettings(keyHash(ed448Relay), SMP_ALPN, TIMEOUT, serviceClient, null);
        try (ClientTlsConnection connection = TlsClient.handshake(socket(port), settings)) {
            connection.output().write(1);
            connection.output().flush();
            assertEquals(1, connection.input().read());
            TlsConnection server = accepted.poll(10, TimeUnit.SECONDS);
            assertEquals(2, server.peerCertificates().size());
            assertArrayEquals(serviceClient.chain().get(0).getEncoded(), server.peerCertificates().get(0).getEncoded());
        }
    }

    @Test
    void silentServerTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket socket = socket(silent.getLocalPort());
            try (Socket ignored = silent.accept()) {
                assertThrows(SocketTimeoutException.class, () -> TlsClient.handshake(socket,
                        new TlsClientSettings(keyHash(ed448Relay), SMP_ALPN, Duration.ofMillis(300))));
                assertTrue(socket.isClosed());
            }
        }
    }

    @Test
    void chainValidation() {
        byte[] hash = keyHash(ed448Relay);
        List<byte[]> chain = ed448Relay.chainDer();
        assertThrows(ServerCertificateException.class, () -> ServerChainValidator.validate(List.of(chain.get(0)), hash,
                new java.util.Date()));
        ServerCertificateException expired = assertThrows(ServerCertificateException.class,
                () -> ServerChainValidator.validate(chain, hash, new java.util.Date(Long.MAX_VALUE / 2)));
        assertFalse(expired.unknownCa());
        // a leaf that the identity certificate did not sign
        List<byte[]> foreign = List.of(ed25519Relay.chainDer().get(0), chain.get(1));
        ServerCertificateException unsigned = assertThrows(ServerCertificateException.class,
                () -> ServerChainValidator.validate(foreign, hash, new java.util.Date()));
        assertFalse(unsigned.unknownCa());
    }
}
