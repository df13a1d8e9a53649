package dev.relayj.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.crypto.CryptoBox;
import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.crypto.SbChainKey;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.encoding.SmpWriter;
import dev.relayj.encoding.VersionRange;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmpHandshakeTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPN = "smp/1";

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final byte[] sessionId = randomBytes(32);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static ServerHandshakeConfig serverConfig(ServiceRegistry services) {
        return new ServerHandshakeConfig(
                Fixtures.serverChain(),
                Fixtures.serverKey(),
                Fixtures.serverKeyHash(),
                SmpVersions.SUPPORTED_SERVER_SMP_RELAY_VRANGE,
                services);
    }

    private static ServerHandshakeConfig serverConfig() {
        return serverConfig((role, chain, hash) -> {
            throw new TransportException(HandshakeError.BAD_SERVICE);
        });
    }

    private static ClientHandshakeConfig clientConfig(VersionRange range, boolean proxy) {
        return new ClientHandshakeConfig(
                Fixtures.serverKeyHash(), range, proxy, X25519PrivateKey.generate(RANDOM), null, null);
    }

    /** Runs the server handshake on its own thread; it closes the connection when it fails, as the server does. */
    private Future<SmpServerHandle> serve(Loopback loopback, String alpn, List<byte[]> clientChain, ServerHandshakeConfig config) {
        return executor.submit(() -> {
            try {
                return SmpServerHandshaker.handshake(
                        loopback.serverLink(sessionId, alpn, clientChain), config, X25519PrivateKey.generate(RANDOM));
            } catch (TransportException | IOException | RuntimeException e) {
                loopback.server.close();
                throw e;
            }
        });
    }

    private SmpClientHandle connect(Loopback loopback, String alpn, ClientHandshakeConfig config) throws Exception {
        return SmpClientHandshaker.handshake(
                loopback.clientLink(sessionId, alpn, Fixtures.serverChain().certificates()), config);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.get(Loopback.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static TransportError serverFailure(Future<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(future));
        return assertInstanceOf(TransportException.class, e.getCause()).error();
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 7, 10, 11, 14, 16, 18})
    void agreesEachVersionAndExchangesBlocks(int version) throws Exception {
        try (Loopback loopback = new Loopback()) {
            Future<SmpServerHandle> served = serve(loopback, ALPN, List.of(), serverConfig());
            SmpClientHandle client = connect(loopback, ALPN, clientConfig(new VersionRange(6, version), false));
            SmpServerHandle server = await(served);

            assertEquals(version, server.params().version());
            assertEquals(version, client.params().version());
            assertEquals(new VersionRange(6, version), server.params().serverVersionRange());
            assertEquals(new VersionRange(6, version), client.params().serverVersionRange());
            assertEquals(version >= 7, server.params().implySessionId());
            assertEquals(version >= 16, client.params().serviceAuth());
            assertArrayEquals(sessionId, server.params().sessionId());

            // the server always signs its key (its range reaches v7); the client sends its own from v7
            assertNotNull(client.auth());
            assertEquals(server.auth().serverPrivateKey().publicKey(), client.auth().peerServerPublicKey());
            if (version >= 7) {
                assertEquals(client.auth().sessionSecret(), server.auth().sessionSecret());
            } else {
                assertNull(server.auth().sessionSecret());
            }
            assertEquals(version >= 11, server.transport().encrypted());
            assertEquals(version >= 11, client.transport().encrypted());

            client.sendBlock("ping".getBytes(StandardCharsets.US_ASCII));
            assertEquals("ping", new String(server.receiveBlock(), StandardCharsets.US_ASCII));
            server.sendBlock("pong".getBytes(StandardCharsets.US_ASCII));
            assertEquals("pong", new String(client.receiveBlock(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void serverSendsWithTheFirstChainFromSessionIdAndDhSecret() throws Exception {
        try (Loopback loopback = new Loopback()) {
            Future<SmpServerHandle> served = serve(loopback, ALPN, List.of(), serverConfig());
            SmpClientHandle client = connect(loopback, ALPN, clientConfig(SmpVersions.SUPPORTED_CLIENT_SMP_RELAY_VRANGE, false));
            SmpServerHandle server = await(served);
            byte[] payload = "first".getBytes(StandardCharsets.US_ASCII);
            server.sendBlock(payload);
            byte[] wire = loopback.client.getInputStream().readNBytes(SmpVersions.SMP_BLOCK_SIZE);
            // blockEncryption: sbcInit sessionId dhSecret; the server's send key is the first chain
            SbChainKey.Step step = SbChainKey.init(sessionId, client.auth().sessionSecret()).first().next();
            assertArrayEquals(CryptoBox.sbEncrypt(step.key(), step.nonce(), payload, SmpVersions.SMP_BLOCK_SIZE - 16), wire);
        }
    }

    @Test
    void withoutAlpnOffersOnlyTheLegacyVersionAndNoKey() throws Exception {
        try (Loopback loopback = new Loopback()) {
            Future<SmpServerHandle> served = serve(loopback, null, List.of(), serverConfig());
            SmpClientHandle client = connect(loopback, null, clientConfig(SmpVersions.SUPPORTED_CLIENT_SMP_RELAY_VRANGE, false));
            SmpServerHandle server = await(served);
            assertEquals(6, server.params().version());
            assertEquals(VersionRange.of(6), client.params().serverVersionRange());
            assertNull(client.auth());
            assertNull(server.auth().sessionSecret());
            assertFalse(server.transport().encrypted());
        }
    }

    @Test
    void withoutAlpnAClientFromV7FindsNoCommonVersion() throws Exception {
        try (Loopback loopback = new Loopback()) {
            Future<SmpServerHandle> served = serve(loopback, null, List.of(), serverConfig());
            TransportException e = assertThrows(TransportException.class,
                    () -> connect(loopback, null, clientConfig(new VersionRange(7, 18), false)));
            assertEquals(TransportError.Simple.VERSION, e.error());
            loopback.client.close();
            ExecutionException failure = assertThrows(ExecutionException.class, () -> await(served));
            assertInstanceOf(IOException.class, failure.getCause());
        }
    }

    @Test
    void serverRejectsAVersionOutsideItsRangeAndCloses() throws Exception {
        try (Loopback loopback = new Loopback()) {
            Future<SmpServerHandle> served = serve(loopback, ALPN, List.of(), serverConfig());
            BlockTransport raw = new BlockTransport(
                    loopback.client.getInputStream(), loopback.client.getOutputStream(), SmpVersions.SMP_BLOCK_SIZE);
            raw.receiveBlock();
            // v19 is parsed as v16+: no key here, then the proxy flag and an absent service
            raw.sendBlock(new SmpWriter().writeWord16(19).writeShortBytes(Fixtures.serverKeyHash()).writeBool(false)
                    .writeChar('0').toByteArray());
            assertEquals(TransportError.Simple.VERSION, serverFailure(served));
            // nothing is sent back: the connection just closes
            assertThrows(EOFException.class, raw::receiveBlock);
        }
    }

    @Test
    void serverRejectsAnotherIdentityAndCloses() throws Exception {
        try (Loopback loopback = new Loopback()) {
            Future<SmpServerHandle> served = serve(loopback, ALPN, List.of(), serverConfig());
            BlockTransport raw = new BlockTransport(
                    loopback.client.getInputStream(), loopback.client.getOutputStream(), SmpVersions.SMP_BLOCK_SIZE);
            raw.receiveBlock();
            byte[] otherHash = Fixtures.serverKeyHash();
            otherHash[0] ^= 1;
            raw.sendBlock(new SmpWriter().writeWord16(18).writeShortBytes(otherHash).writeBool(false).writeChar('0')
                    .toByteArray());
            assertEquals(TransportError.handshake(HandshakeError.IDENTITY), serverFailure(served));
            assertThrows(EOFException.class, raw::receiveBlock);
        }
    }

    @Test
    void serverRejectsAnUnparsableClientHandshake() throws Exception {
        try (Loopback loopback = new Loopback()) {
            Future<SmpServerHandle> served = serve(loopback, ALPN, List.of(), serverConfig());
            BlockTransport raw = new BlockTransport(
                    loopback.client.getInputStream(), loopback.client.getOutputStream(), SmpVersions.SMP_BLOCK_SIZE);
            raw.receiveBlock();
            raw.sendBlock(new byte[] {0, 18});
            assertEquals(TransportError.handshake(HandshakeError.PARSE), serverFailure(served));
        }
    }

    @Test
    void clientWithAnotherIdentityRejectsTheServerKey() throws Exception {
        try (Loopback loopback = new Loopback()) {
            serve(loopback, ALPN, List.of(), serverConfig());
            byte[] otherHash = Fixtures.serverKeyHash();
            otherHash[31] ^= 1;
            ClientHandshakeConfig config = new ClientHandshakeConfig(otherHash,
                    SmpVersions.SUPPORTED_CLIENT_SMP_RELAY_VRANGE, false, X25519PrivateKey.generate(RANDOM), null, null);
            TransportException e = assertThrows(TransportException.class, () -> connect(loopback, ALPN, config));
            assertEquals(TransportError.handshake(HandshakeError.BAD_AUTH), e.error());
        }
    }

    @Test
    void clientRejectsAKeyNotSignedByTheTlsLeaf() throws Exception {
        try (Loopback loopback = new Loopback()) {
            serve(loopback, ALPN, List.of(), serverConfig());
            TransportLink link = loopback.clientLink(sessionId, ALPN, Fixtures.ed25519Chain().certificates());
            TransportException e = assertThrows(TransportException.class, () -> SmpClientHandshaker.handshake(
                    link, clientConfig(SmpVersions.SUPPORTED_CLIENT_SMP_RELAY_VRANGE, false)));
            assertEquals(TransportError.handshake(HandshakeError.BAD_AUTH), e.error());
        }
    }

    @Test
    void clientRejectsAnotherSessionId() throws Exception {
        try (Loopback loopback = new Loopback()) {
            serve(loopback, ALPN, List.of(), serverConfig());
            TransportLink link = loopback.clientLink(randomBytes(32), ALPN, Fixtures.serverChain().certificates());
            TransportException e = assertThrows(TransportException.class, () -> SmpClientHandshaker.handshake(
                    link, clientConfig(SmpVersions.SUPPORTED_CLIENT_SMP_RELAY_VRANGE, false)));
            assertEquals(TransportError.Simple.SESSION, e.error());
        }
    }

    @Test
    void proxyConnectionsHaveNoBlockEncryption() throws Exception {
        try (Loopback loopback = new Loopback()) {
            Future<SmpServerHandle> served = serve(loopback, ALPN, List.of(), serverConfig());
            SmpClientHandle client = connect(loopback, ALPN,
                    clientConfig(SmpVersions.SUPPORTED_PROXY_CLIENT_SMP_RELAY_VRANGE, true));
            SmpServerHandle server = await(served);
            assertEquals(18, server.params().version());
            assertNotNull(server.auth().sessionSecret());
            assertEquals(client.auth().sessionSecret(), server.auth().sessionSecret());
            assertFalse(server.transport().encrypted());
            assertFalse(client.transport().encrypted());
            client.sendBlock(new byte[] {1, 2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, server.receiveBlock());
        }
    }

    @Test
    void proxyCapsItsVersionAtTenForARelayOlderThanV14() throws Exception {
        try (Loopback loopback = new Loopback()) {
            ServerHandshakeConfig old = new ServerHandshakeConfig(Fixtures.serverChain(), Fixtures.serverKey(),
                    Fixtures.serverKeyHash(), new VersionRange(6, 12), (r, c, h) -> new byte[0]);
            Future<SmpServerHandle> served = serve(loopback, ALPN, List.of(), old);
            SmpClientHandle client = connect(loopback, ALPN,
                    clientConfig(SmpVersions.SUPPORTED_PROXY_CLIENT_SMP_RELAY_VRANGE, true));
            SmpServerHandle server = await(served);
            assertEquals(10, client.params().version());
            assertEquals(10, server.params().version());
            assertFalse(server.transport().encrypted());
        }
    }

    @Test
    void clientWithoutSessionKeyGetsNoBlockEncryption() throws Exception {
        try (Loopback loopback = new Loopback()) {
            Future<SmpServerHandle> served = serve(loopback, ALPN, List.of(), serverConfig());
            SmpClientHandle client = connect(loopback, ALPN, new ClientHandshakeConfig(Fixtures.serverKeyHash(),
                    SmpVersions.SUPPORTED_CLIENT_SMP_RELAY_VRANGE, false, null, null, null));
            SmpServerHandle server = await(served);
            assertEquals(18, server.params().version());
            assertNull(server.auth().sessionSecret());
            assertNull(client.auth().sessionSecret());
            assertFalse(client.transport().encrypted());
        }
    }

    private static ClientHandshakeConfig serviceClientConfig(Ed25519PrivateKey sessionKey) {
        CertificateChain chain = Fixtures.ed25519Chain();
        ServiceCredentials credentials = new ServiceCredentials(ServiceRole.NOTIFIER, chain,
                CertificateChain.fingerprint(chain.certificate(1)), Fixtures.ed25519Key());
        return new ClientHandshakeConfig(Fixtures.serverKeyHash(), SmpVersions.SUPPORTED_CLIENT_SMP_RELAY_VRANGE,
                false, X25519PrivateKey.generate(RANDOM), credentials, sessionKey);
    }

    @Test
    void serviceClientGetsItsServiceId() throws Exception {
        CertificateChain chain = Fixtures.ed25519Chain();
        AtomicReference<byte[]> askedHash = new AtomicReference<>();
        ServerHandshakeConfig config = serverConfig((role, certificates, hash) -> {
            assertEquals(ServiceRole.NOTIFIER, role);
            assertEquals(chain, certificates);
            askedHash.set(hash);
            return "service-1".getBytes(StandardCharsets.US_ASCII);
        });
        Ed25519PrivateKey sessionKey = Ed25519PrivateKey.generate(RANDOM);
        try (Loopback loopback = new Loopback()) {
            Future<SmpServerHandle> served = serve(loopback, ALPN, chain.certificates(), config);
            SmpClientHandle client = connect(loopback, ALPN, serviceClientConfig(sessionKey));
            SmpServerHandle server = await(served);

            byte[] idHash = CertificateChain.fingerprint(chain.certificate(1));
            assertArrayEquals(idHash, askedHash.get());
            PeerClientService peer = server.auth().peerClientService();
            assertArrayEquals("service-1".getBytes(StandardCharsets.US_ASCII), peer.serviceId());
            assertEquals(ServiceRole.NOTIFIER, peer.role());
            assertArrayEquals(idHash, peer.certHash());
            assertEquals(sessionKey.publicKey(), peer.serviceKey());
            ClientService own = client.auth().clientService();
            assertArrayEquals("service-1".getBytes(StandardCharsets.US_ASCII), own.serviceId());
            assertTrue(client.transport().encrypted());
            client.sendBlock(new byte[] {42});
            assertArrayEquals(new byte[] {42}, server.receiveBlock());
        }
    }

    @Test
    void serviceChainMustBeTheTlsClientChain() throws Exception {
        try (Loopback loopback = new Loopback()) {
            Future<SmpServerHandle> served = serve(loopback, ALPN, Fixtures.serverChain().certificates(),
                    serverConfig((r, c, h) -> new byte[] {1}));
            TransportException e = assertThrows(TransportException.class,
                    () -> connect(loopback, ALPN, serviceClientConfig(Ed25519PrivateKey.generate(RANDOM))));
            assertEquals(TransportError.handshake(HandshakeError.BAD_AUTH), e.error());
            assertEquals(TransportError.handshake(HandshakeError.BAD_AUTH), serverFailure(served));
        }
    }

    @Test
    void serviceStoreFailureIsSentToTheClient() throws Exception {
        try (Loopback loopback = new Loopback()) {
            Future<SmpServerHandle> served = serve(loopback, ALPN, Fixtures.ed25519Chain().certificates(), serverConfig());
            TransportException e = assertThrows(TransportException.class,
                    () -> connect(loopback, ALPN, serviceClientConfig(Ed25519PrivateKey.generate(RANDOM))));
            assertEquals(TransportError.handshake(HandshakeError.BAD_SERVICE), e.error());
            assertEquals(TransportError.handshake(HandshakeError.BAD_SERVICE), serverFailure(served));
        }
    }

    @Test
    void serviceCredentialsAreNotOfferedBelowV16() throws Exception {
        try (Loopback loopback = new Loopback()) {
            Future<SmpServerHandle> served = serve(loopback, ALPN, Fixtures.ed25519Chain().certificates(), serverConfig());
            CertificateChain chain = Fixtures.ed25519Chain();
            ClientHandshakeConfig config = new ClientHandshakeConfig(Fixtures.serverKeyHash(), new VersionRange(6, 15),
                    false, X25519PrivateKey.generate(RANDOM),
                    new ServiceCredentials(ServiceRole.MESSAGING, chain, new byte[32], Fixtures.ed25519Key()),
                    Ed25519PrivateKey.generate(RANDOM));
            SmpClientHandle client = connect(loopback, ALPN, config);
            SmpServerHandle server = await(served);
            assertEquals(15, server.params().version());
            assertNull(server.auth().peerClientService());
            assertNull(client.auth().clientService());
        }
    }

    @Test
    void clientThatDisconnectsDuringTheHandshakeEndsTheServerHandshake() throws Exception {
        try (Loopback loopback = new Loopback()) {
            Future<SmpServerHandle> served = serve(loopback, ALPN, List.of(), serverConfig());
            loopback.client.getInputStream().readNBytes(100);
            loopback.client.getOutputStream().write(new byte[1000]);
            loopback.client.shutdownOutput();
            ExecutionException e = assertThrows(ExecutionException.class, () -> await(served));
            assertInstanceOf(EOFException.class, e.getCause());
        }
    }
}
