package dev.relayj.smp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.relayj.crypto.AuthPrivateKey;
import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.crypto.Hashes;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.encoding.VersionRange;
import dev.relayj.protocol.Authorization;
import dev.relayj.smp.protocol.Batch;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.ClientTransmission;
import dev.relayj.smp.protocol.Command;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.MessageLimits;
import dev.relayj.smp.protocol.Parsed;
import dev.relayj.smp.protocol.RawTransmission;
import dev.relayj.protocol.TransmissionAuth;
import dev.relayj.smp.protocol.TransmissionParams;
import dev.relayj.smp.protocol.Transmissions;
import dev.relayj.tls.ClientTlsConnection;
import dev.relayj.tls.ServerCredentials;
import dev.relayj.tls.TlsClient;
import dev.relayj.tls.TlsClientSettings;
import dev.relayj.transport.CertificateChain;
import dev.relayj.transport.ClientHandshakeConfig;
import dev.relayj.transport.ServiceCredentials;
import dev.relayj.transport.ServiceRole;
import dev.relayj.transport.SmpClientHandle;
import dev.relayj.transport.SmpClientHandshaker;
import dev.relayj.transport.TransportException;
import dev.relayj.transport.TransportLink;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A client connected as a service ({@code testNtfServiceClient} in tests/SMPClient.hs): it sends the
 * reference's test certificate as TLS client certificate and its service credentials in the SMP
 * handshake, with an Ed25519 session key that signs service commands.
 */
final class ServiceTestClient implements AutoCloseable {
    private final Socket socket;
    private final ClientTlsConnection tls;
    private final SmpClientHandle handle;
    private final TransmissionParams params;
    private final byte[] certHash;
    private final Ed25519PrivateKey serviceKey;
    private final Deque<ClientTransmission> received = new ArrayDeque<>();

    private ServiceTestClient(Socket socket, ClientTlsConnection tls, SmpClientHandle handle, byte[] certHash,
            Ed25519PrivateKey serviceKey) {
        this.socket = socket;
        this.tls = tls;
        this.handle = handle;
        this.params = TransmissionParams.forVersion(handle.params().version(), handle.params().sessionId());
        this.certHash = certHash;
        this.serviceKey = serviceKey;
    }

    /** Connects with the service's session key (the same key pair across connections, as the reference's test). */
    static ServiceTestClient connect(int port, ServiceRole role, Ed25519PrivateKey serviceKey) throws IOException {
        ServerCredentials credentials = ServerCredentials.load(TestServer.FIXTURES.resolve("ca.crt"),
                TestServer.FIXTURES.resolve("server.crt"), TestServer.FIXTURES.resolve("server.key"));
        CertificateChain chain = CertificateChain.of(der(credentials));
        byte[] certHash = CertificateChain.fingerprint(chain.identityCertificate());
        ServiceCredentials service = new ServiceCredentials(role, chain, certHash,
                SigningKeyFile.read(TestServer.FIXTURES.resolve("server.key")));
        byte[] keyHash = Hashes.sha256(TestSmpClient.TestCertificates.der("ca.crt"));
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        try {
            socket.setSoTimeout(10_000);
            ClientTlsConnection tls = TlsClient.handshake(socket, new TlsClientSettings(keyHash, List.of("smp/1"),
                    Duration.ofSeconds(10), credentials, null));
            TransportLink link = new TransportLink(tls.input(), tls.output(), tls.sessionId(), tls.alpn(),
                    tls.serverCertificates());
            ClientHandshakeConfig config = new ClientHandshakeConfig(keyHash, new VersionRange(6, 18), false,
                    X25519PrivateKey.generate(TestSmpClient.RANDOM), service, serviceKey);
            SmpClientHandle handle = SmpClientHandshaker.handshake(link, config);
            return new ServiceTestClient(socket, tls, handle, certHash, serviceKey);
        } catch (IOException | TransportException | RuntimeException e) {
            socket.close();
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    /** The service id the relay assigned in the handshake. */
    EntityId serviceId() {
        return new EntityId(handle.auth().clientService().serviceId());
    }

    /**
     * Sends a command signed by a queue key; with {@code serviceSigned} the queue key signs the
     * certificate hash and the transmission, and the service key the transmission
     * ({@code serviceSignSendRecv}); without it, as an ordinary client signs.
     */
    void send(CorrId corrId, EntityId entityId, Command command, Ed25519PrivateKey queueKey, boolean serviceSigned) {
        Transmissions.ForAuth forAuth = Transmissions.encodeForAuth(params, corrId, entityId, command);
        byte[] t = forAuth.forAuth();
        byte[] signed = serviceSigned ? concat(certHash, t) : t;
        Authorization authorization = new Authorization(new TransmissionAuth.Signature(queueKey.sign(signed).bytes()),
                serviceSigned ? serviceKey.sign(t).bytes() : null);
        byte[] transmission = Transmissions.withAuthorization(params.serviceAuth(), authorization, forAuth.toSend());
        for (Batch batch : Transmissions.batch(MessageLimits.BLOCK_SIZE, List.of(transmission))) {
            try {
                handle.sendBlock(Transmissions.blockContent((Batch.Block) batch, List.of(transmission)));
            } catch (IOException | TransportException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    BrokerMessage call(EntityId entityId, Command command, Ed25519PrivateKey queueKey, boolean serviceSigned)
            throws IOException {
        CorrId corrId = TestSmpClient.corrId();
        send(corrId, entityId, command, queueKey, serviceSigned);
        ClientTransmission response = receive();
        assertEquals(corrId, response.corrId(), "response to " + command.tag());
        return response.message().value();
    }

    /** NSUBS: signed by the service key alone, with the service id as entity. */
    BrokerMessage subscribeService() throws IOException {
        return call(serviceId(), new Command.NSubs(), serviceKey, false);
    }

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

    /** Whether nothing arrives within {@code millis}. */
    boolean silentFor(int millis) throws IOException {
        if (!received.isEmpty()) {
            return false;
        }
        socket.setSoTimeout(millis);
        try {
            receive();
            return false;
        } catch (java.net.SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    private static List<byte[]> der(ServerCredentials credentials) throws IOException {
        List<byte[]> der = new java.util.ArrayList<>();
        for (java.security.cert.X509Certificate certificate : credentials.chain()) {
            try {
                der.add(certificate.getEncoded());
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IOException(e);
            }
        }
        return der;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    @Override
    public void close() throws IOException {
        tls.close();
        socket.close();
    }
}
