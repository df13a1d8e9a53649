package dev.relayj.smp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.relayj.crypto.AuthPrivateKey;
import dev.relayj.crypto.CbAuthenticator;
import dev.relayj.crypto.CbNonce;
import dev.relayj.crypto.CryptoBox;
import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.crypto.Ed448PrivateKey;
import dev.relayj.crypto.Hashes;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.crypto.X25519Secret;
import dev.relayj.encoding.VersionRange;
import dev.relayj.protocol.Authorization;
import dev.relayj.smp.protocol.Batch;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.ClientTransmission;
import dev.relayj.smp.protocol.Command;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.MessageLimits;
import dev.relayj.smp.protocol.NewQueueRequest;
import dev.relayj.smp.protocol.Parsed;
import dev.relayj.smp.protocol.QueueIdsKeys;
import dev.relayj.smp.protocol.QueueRequestData;
import dev.relayj.smp.protocol.RawTransmission;
import dev.relayj.smp.protocol.RcvMessageBody;
import dev.relayj.smp.protocol.SubscriptionMode;
import dev.relayj.protocol.TransmissionAuth;
import dev.relayj.smp.protocol.TransmissionParams;
import dev.relayj.smp.protocol.Transmissions;
import dev.relayj.transport.ClientHandshakeConfig;
import dev.relayj.transport.SmpClientHandle;
import dev.relayj.transport.SmpClientHandshaker;
import dev.relayj.transport.TransportException;
import dev.relayj.transport.TransportLink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.AbstractTlsClient;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;

/**
 * A test SMP client over real TLS: it shares with the server only the protocol, transport and
 * crypto types, as the reference's tests/SMPClient.hs does.
 */
final class TestSmpClient implements AutoCloseable {
    static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final TlsClientProtocol tls;
    private final SmpClientHandle handle;
    final TransmissionParams params;
    private final Deque<ClientTransmission> received = new ArrayDeque<>();

    private TestSmpClient(Socket socket, TlsClientProtocol tls, SmpClientHandle handle) {
        this.socket = socket;
        this.tls = tls;
        this.handle = handle;
        this.params = TransmissionParams.forVersion(handle.params().version(), handle.params().sessionId());
    }

    /** Connects with ALPN smp/1 and agrees the highest version up to {@code maxVersion}. */
    static TestSmpClient connect(int port, int maxVersion) throws IOException {
        return connect(port, maxVersion, true);
    }

    static TestSmpClient connect(int port, int maxVersion, boolean alpn) throws IOException {
        return connect(port, maxVersion, alpn, Hashes.sha256(TestCertificates.der("ca.crt")));
    }

    /** As above, for a relay whose CA certificate has this SHA-256 (the fingerprint of its address). */
    static TestSmpClient connect(int port, int maxVersion, boolean alpn, byte[] keyHash) throws IOException {
        return connect(port, maxVersion, alpn, keyHash, null);
    }

    /**
     * As above from the loopback address {@code local} (127.0.0.2…): more connections than one
     * source address has ephemeral ports (tools/bench-smp connections).
     */
    static TestSmpClient connect(int port, int maxVersion, boolean alpn, byte[] keyHash, InetAddress local)
            throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, local, 0);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        TlsClientProtocol tls = new TlsClientProtocol(socket.getInputStream(), socket.getOutputStream());
        Client client = new Client(alpn);
        try {
            tls.connect(client);
            byte[] sessionId = client.sessionId();
            TransportLink link = new TransportLink(tls.getInputStream(), tls.getOutputStream(), sessionId,
                    alpn ? "smp/1" : null, client.serverChain);
            ClientHandshakeConfig config = new ClientHandshakeConfig(keyHash, new VersionRange(6, maxVersion), false,
                    X25519PrivateKey.generate(RANDOM), null, null);
            return new TestSmpClient(socket, tls, SmpClientHandshaker.handshake(link, config));
        } catch (IOException | TransportException | RuntimeException e) {
            socket.close();
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    int version() {
        return params.version();
    }

    // ---- sending

    static CorrId corrId() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return new CorrId(bytes);
    }

    /** One signed (or, with a null key, unsigned) transmission as it goes in a batch. */
    byte[] transmission(CorrId corrId, EntityId entityId, Command command, AuthPrivateKey key) {
        Transmissions.ForAuth forAuth = Transmissions.encodeForAuth(params, corrId, entityId, command);
        Authorization authorization = key == null ? null : new Authorization(authorize(key, forAuth.forAuth(), corrId));
        return Transmissions.withAuthorization(params.serviceAuth(), authorization, forAuth.toSend());
    }

    private TransmissionAuth authorize(AuthPrivateKey key, byte[] forAuth, CorrId corrId) {
        return switch (key) {
            case Ed25519PrivateKey ed -> new TransmissionAuth.Signature(ed.sign(forAuth).bytes());
            case Ed448PrivateKey ed -> new TransmissionAuth.Signature(ed.sign(forAuth).bytes());
            case X25519PrivateKey x -> new TransmissionAuth.Authenticator(CbAuthenticator.create(
                    handle.auth().peerServerPublicKey(), x, CbNonce.fitting(corrId.bytes()), forAuth).bytes());
        };
    }

    void send(CorrId corrId, EntityId entityId, Command command, AuthPrivateKey key) {
        sendTransmissions(List.of(transmission(corrId, entityId, command, key)));
    }

    void sendTransmissions(List<byte[]> transmissions) {
        for (Batch batch : Transmissions.batch(MessageLimits.BLOCK_SIZE, transmissions)) {
            sendRaw(Transmissions.blockContent((Batch.Block) batch, transmissions));
        }
    }

    /** Sends a block with this content, padded (and encrypted) by the transport. */
    void sendRaw(byte[] content) {
        try {
            handle.sendBlock(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TransportException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes bytes straight to the TLS stream, bypassing block framing and encryption. */
    void sendBytes(byte[] bytes) throws IOException {
        tls.getOutputStream().write(bytes);
        tls.getOutputStream().flush();
    }

    // ---- receiving

    /** The next transmission from the server (waits up to the socket timeout). */
    ClientTransmission receive() throws IOException {
        while (received.isEmpty()) {
            byte[] content;
            try {
                content = handle.receiveBlock();
            } catch (TransportException e) {
                throw new IOException(e);
            }
            for (Parsed<RawTransmission> raw : Transmissions.parseBlock(params, content)) {
                received.add(Transmissions.decodeClient(params, raw));
            }
        }
        return received.poll();
    }

    /** Sends a command and returns the response message (which must have the command's correlation id). */
    BrokerMessage call(EntityId entityId, Command command, AuthPrivateKey key) throws IOException {
        CorrId corrId = corrId();
        send(corrId, entityId, command, key);
        ClientTransmission response = receive();
        assertEquals(corrId, response.corrId(), "response to " + command.tag());
        return response.message().value();
    }

    /** An event (no correlation id) for this entity. */
    BrokerMessage event(EntityId entityId) throws IOException {
        ClientTransmission t = receive();
        assertEquals(CorrId.NONE, t.corrId(), "expected an event");
        assertEquals(entityId, t.entityId());
        return t.message().value();
    }

    /** How long a read may wait (10 s from connect): benchmarks of slow bulk work wait longer. */
    void readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Whether nothing arrives within {@code millis}. */
    boolean silentFor(int millis) throws IOException {
        if (!received.isEmpty()) {
            return false;
        }
        int timeout = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            receive();
            return false;
        } catch (java.net.SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(timeout);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            tls.close();
        } catch (IOException e) {
            // the server may have closed it
        }
        socket.close();
    }

    // ---- queues

    /** A queue as its recipient knows it. */
    record TestQueue(EntityId rcvId, EntityId sndId, Ed25519PrivateKey rcvKey, X25519Secret dhSecret, QueueIdsKeys ids) {}

    TestQueue createQueue(SubscriptionMode mode, QueueRequestData data) throws IOException {
        return createQueue(mode, data, null);
    }

    TestQueue createQueue(SubscriptionMode mode, QueueRequestData data, dev.relayj.protocol.BasicAuth auth)
            throws IOException {
        Ed25519PrivateKey rcvKey = Ed25519PrivateKey.generate(RANDOM);
        X25519PrivateKey dhKey = X25519PrivateKey.generate(RANDOM);
        BrokerMessage response = call(EntityId.NONE, new Command.New(new NewQueueRequest(rcvKey.publicKey(),
                dhKey.publicKey(), auth, mode, data, null)), rcvKey);
        QueueIdsKeys ids = assertInstanceOf(BrokerMessage.Ids.class, response).ids();
        return new TestQueue(ids.recipientId(), ids.senderId(), rcvKey, dhKey.dh(ids.serverDhKey()), ids);
    }

    TestQueue createQueue() throws IOException {
        return createQueue(SubscriptionMode.SUBSCRIBE, new QueueRequestData.Messaging(null));
    }

    /** Decrypts a delivered message with the queue's DH secret. */
    static RcvMessageBody decrypt(TestQueue queue, BrokerMessage message) {
        BrokerMessage.Msg msg = assertInstanceOf(BrokerMessage.Msg.class, message);
        try {
            byte[] body = CryptoBox.cbDecrypt(queue.dhSecret(), CbNonce.fitting(msg.msgId()), msg.encryptedBody());
            return RcvMessageBody.decode(body);
        } catch (Exception e) {
            throw new AssertionError("message does not decrypt: " + e.getMessage(), e);
        }
    }

    static byte[] bodyOf(TestQueue queue, BrokerMessage message) {
        return assertInstanceOf(RcvMessageBody.Message.class, decrypt(queue, message)).body().toByteArray();
    }

    // ---- TLS

    private static final class Client extends AbstractTlsClient {
        private final boolean alpn;
        final List<byte[]> serverChain = new ArrayList<>();

        Client(boolean alpn) {
            super(dev.relayj.tls.ClientTlsCrypto.create(RANDOM));
            this.alpn = alpn;
        }

        byte[] sessionId() {
            // tls-unique: the client's own Finished verify data
            return context.getSecurityParametersConnection().getLocalVerifyData();
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.TLSv13.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return TlsUtils.getSupportedCipherSuites(getCrypto(), new int[] {CipherSuite.TLS_CHACHA20_POLY1305_SHA256});
        }

        @Override
        protected Vector<ProtocolName> getProtocolNames() {
            if (!alpn) {
                return null;
            }
            Vector<ProtocolName> names = new Vector<>();
            names.add(ProtocolName.asUtf8Encoding("smp/1"));
            return names;
        }

        @Override
        @SuppressWarnings("rawtypes")
        protected Vector<Integer> getSupportedGroups(Vector namedGroupRoles) {
            Vector<Integer> groups = new Vector<>();
            groups.add(NamedGroup.x25519);
            groups.add(NamedGroup.x448);
            return groups;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                    var chain = serverCertificate.getCertificate();
                    for (int i = 0; i < chain.getLength(); i++) {
                        serverChain.add(chain.getCertificateAt(i).getEncoded());
                    }
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) {
                    return null;
                }
            };
        }
    }

    /** The reference's test certificates as DER. */
    static final class TestCertificates {
        private TestCertificates() {}

        static byte[] der(String name) {
            try {
                String text = Files.readString(TestServer.FIXTURES.resolve(name));
                StringBuilder body = new StringBuilder();
                for (String line : text.split("\n")) {
                    if (!line.startsWith("-----") && !line.isBlank()) {
                        body.append(line.strip());
                    }
                }
                return Base64.getDecoder().decode(body.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
