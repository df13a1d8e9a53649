package dev.relayj.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.AbstractTlsClient;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/** An independent Bouncy Castle TLS client for loopback tests of the listener and of the relays. */
public final class TestTlsClient extends AbstractTlsClient implements AutoCloseable {
    static final int[] RELAY_SUITES = {
        CipherSuite.TLS_CHACHA20_POLY1305_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
    };

    private final ProtocolVersion[] versions;
    private final int[] suites;
    private final List<String> alpn;
    private final String sni;
    private final ServerCredentials clientCredentials;
    private final List<byte[]> serverChain = new ArrayList<>();
    private Socket socket;
    private TlsClientProtocol protocol;

    public TestTlsClient(ProtocolVersion[] versions, int[] suites, List<String> alpn, String sni, ServerCredentials clientCredentials) {
        super(ClientTlsCrypto.create(new SecureRandom()));
        this.versions = versions;
        this.suites = suites;
        this.alpn = alpn;
        this.sni = sni;
        this.clientCredentials = clientCredentials;
    }

    static TestTlsClient tls13(List<String> alpn) {
        return new TestTlsClient(ProtocolVersion.TLSv13.only(), RELAY_SUITES, alpn, null, null);
    }

    public TestTlsClient connect(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        // as the relay's own sockets: a small write (a request's last frame) is not held back
        // waiting for the acknowledgement of the previous one
        socket.setTcpNoDelay(true);
        protocol = new TlsClientProtocol(socket.getInputStream(), socket.getOutputStream());
        try {
            protocol.connect(this);
        } catch (IOException e) {
            close();
            throw e;
        }
        return this;
    }

    public SecurityParameters parameters() {
        return context.getSecurityParametersConnection();
    }

    public String alpn() {
        ProtocolName name = parameters().getApplicationProtocol();
        return name == null ? null : name.getUtf8Decoding();
    }

    public List<byte[]> serverChain() {
        return serverChain;
    }

    public InputStream input() {
        return protocol.getInputStream();
    }

    public OutputStream output() {
        return protocol.getOutputStream();
    }

    @Override
    public void close() throws IOException {
        if (protocol != null) {
            try {
                protocol.close();
            } catch (IOException e) {
                // already closed by the server
            }
        }
        if (socket != null) {
            socket.close();
        }
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return versions;
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), suites);
    }

    @Override
    protected Vector<ProtocolName> getProtocolNames() {
        if (alpn == null) {
            return null;
        }
        Vector<ProtocolName> names = new Vector<>();
        alpn.forEach(name -> names.add(ProtocolName.asUtf8Encoding(name)));
        return names;
    }

    @Override
    protected Vector<ServerName> getSNIServerNames() {
        if (sni == null) {
            return null;
        }
        Vector<ServerName> names = new Vector<>();
        names.add(new ServerName(NameType.host_name, sni.getBytes(StandardCharsets.US_ASCII)));
        return names;
    }

    @Override
    @SuppressWarnings("rawtypes") // Bouncy Castle's signature
    protected Vector<Integer> getSupportedGroups(Vector namedGroupRoles) {
        Vector<Integer> groups = new Vector<>();
        groups.add(NamedGroup.x25519);
        groups.add(NamedGroup.x448);
        groups.add(NamedGroup.secp256r1);
        return groups;
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                Certificate chain = serverCertificate.getCertificate();
                for (int i = 0; i < chain.getLength(); i++) {
                    serverChain.add(chain.getCertificateAt(i).getEncoded());
                }
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                return clientCredentials == null ? null
                        : RelayTlsClient.clientCredentials(context, (BcTlsCrypto) getCrypto(), clientCredentials, request);
            }
        };
    }
}
