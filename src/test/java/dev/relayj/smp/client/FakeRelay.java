package dev.relayj.smp.client;

import dev.relayj.crypto.Hashes;
import dev.relayj.crypto.SignaturePrivateKey;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.encoding.Base64Url;
import dev.relayj.encoding.DecodingException;
import dev.relayj.smp.protocol.Batch;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.MessageLimits;
import dev.relayj.smp.protocol.ServerTransmission;
import dev.relayj.smp.protocol.SmpServerAddress;
import dev.relayj.smp.protocol.TransmissionParams;
import dev.relayj.smp.protocol.Transmissions;
import dev.relayj.testing.ReferenceFixtures;
import dev.relayj.tls.ServerCredentials;
import dev.relayj.tls.TlsConnection;
import dev.relayj.tls.TlsListener;
import dev.relayj.tls.TlsSettings;
import dev.relayj.transport.CertificateChain;
import dev.relayj.transport.ServerHandshakeConfig;
import dev.relayj.transport.SmpServerHandle;
import dev.relayj.transport.SmpServerHandshaker;
import dev.relayj.transport.SmpVersions;
import dev.relayj.transport.TransportException;
import dev.relayj.transport.TransportLink;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A minimal SMP relay for client tests: the real TLS listener and server handshake, then each
 * received command goes to the test's {@link Responder}.
 */
final class FakeRelay implements AutoCloseable {
    static final Path FIXTURES = ReferenceFixtures.DIR;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Answers one command; may answer later through the session, or never. */
    @FunctionalInterface
    interface Responder {
        void respond(Session session, ServerTransmission.Received command) throws IOException;
    }

    /** One client connection to the fake relay. */
    static final class Session {
        final SmpServerHandle handle;
        final TransmissionParams params;
        private final TlsConnection connection;
        private final ReentrantLock sendLock = new ReentrantLock();

        Session(SmpServerHandle handle, TlsConnection connection) {
            this.handle = handle;
            this.connection = connection;
            this.params = TransmissionParams.forVersion(handle.params().version(), handle.params().sessionId());
        }

        void send(CorrId corrId, EntityId entityId, BrokerMessage message) throws IOException {
            sendAll(List.of(Transmissions.encodeResponse(params, corrId, entityId, message)));
        }

        void sendAll(List<byte[]> transmissions) throws IOException {
            sendLock.lock();
            try {
                for (Batch batch : Transmissions.batch(MessageLimits.BLOCK_SIZE, transmissions)) {
                    if (batch instanceof Batch.Block block) {
                        handle.sendBlock(Transmissions.blockContent(block, transmissions));
                    }
                }
            } catch (TransportException e) {
                throw new IOException(e);
            } finally {
                sendLock.unlock();
            }
        }

        void close() {
            connection.close();
        }
    }

    private final TlsListener listener;
    private final BlockingQueue<Session> sessions = new LinkedBlockingQueue<>();
    private final ServerCredentials credentials;

    FakeRelay(Responder responder) throws IOException {
        credentials = ServerCredentials.load(FIXTURES.resolve("ca.crt"), FIXTURES.resolve("server.crt"),
                FIXTURES.resolve("server.key"));
        ServerHandshakeConfig handshake = new ServerHandshakeConfig(
                CertificateChain.of(List.of(pem("server.crt"), pem("ca.crt"))), signKey(), Hashes.sha256(pem("ca.crt")),
                SmpVersions.SUPPORTED_SERVER_SMP_RELAY_VRANGE, (role, chain, hash) -> new byte[24]);
        TlsSettings settings = new TlsSettings(credentials, null, SmpVersions.ALPN_SUPPORTED_SMP_HANDSHAKES,
                Duration.ofSeconds(10), false);
        listener = TlsListener.open("127.0.0.1", 0, settings, connection -> serve(connection, handshake, responder));
    }

    private void serve(TlsConnection connection, ServerHandshakeConfig handshake, Responder responder) throws IOException {
        List<byte[]> peer = new ArrayList<>();
        for (X509Certificate certificate : connection.peerCertificates()) {
            try {
                peer.add(certificate.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IOException(e);
            }
        }
        TransportLink link = new TransportLink(connection.input(), connection.output(), connection.sessionId(),
                connection.alpn(), peer);
        SmpServerHandle handle;
        try {
            handle = SmpServerHandshaker.handshake(link, handshake, X25519PrivateKey.generate(RANDOM));
        } catch (TransportException e) {
            return;
        }
        Session session = new Session(handle, connection);
        sessions.add(session);
        while (true) {
            byte[] block;
            try {
                block = handle.receiveBlock();
            } catch (TransportException e) {
                continue;
            }
            for (ServerTransmission transmission : Transmissions.decodeServerBlock(session.params, block)) {
                switch (transmission) {
                    case ServerTransmission.Received received -> responder.respond(session, received);
                    case ServerTransmission.Refused refused ->
                            session.send(refused.corrId(), refused.entityId(), refused.response());
                }
            }
        }
    }

    int port() {
        return listener.port();
    }

    SmpServerAddress address() {
        return address("127.0.0.1");
    }

    SmpServerAddress address(String hosts) {
        try {
            return SmpServerAddress.parse("smp://" + credentials.caFingerprint() + "@" + hosts + ":" + port());
        } catch (DecodingException e) {
            throw new IllegalStateException(e);
        }
    }

    Session nextSession() throws InterruptedException {
        Session session = sessions.poll(10, TimeUnit.SECONDS);
        if (session == null) {
            throw new AssertionError("no client connected");
        }
        return session;
    }

    @Override
    public void close() {
        listener.close();
    }

    /** Answers PING with PONG and everything else with OK. */
    static void pong(Session session, ServerTransmission.Received t) throws IOException {
        session.send(t.corrId(), t.entityId(), t.command() instanceof dev.relayj.smp.protocol.Command.Ping
                ? new BrokerMessage.Pong() : new BrokerMessage.Ok());
    }

    static byte[] pem(String name) {
        return ReferenceFixtures.pem(name);
    }

    private static SignaturePrivateKey signKey() {
        try {
            return SignaturePrivateKey.fromPkcs8(pem("server.key"));
        } catch (DecodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] keyHash() {
        return Hashes.sha256(pem("ca.crt"));
    }

    static String fingerprint() {
        return Base64Url.encode(keyHash());
    }
}
