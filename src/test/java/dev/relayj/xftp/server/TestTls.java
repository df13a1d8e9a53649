package dev.relayj.xftp.server;

import java.io.IOException;
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
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * A Bouncy Castle TLS 1.3 client for the tests: offers the given ALPN names (none when null) and
 * SNI host (none when null), records the server's chain and its own Finished (tls-unique, the
 * XFTP session id).
 */
final class TestTls extends AbstractTlsClient implements java.io.Closeable {
    private final List<String> alpn;
    private final String sni;
    private final List<byte[]> serverChain = new ArrayList<>();
    private Socket socket;
    private TlsClientProtocol protocol;

    private TestTls(List<String> alpn, String sni) {
        super(new BcTlsCrypto(new SecureRandom()));
        this.alpn = alpn;
        this.sni = sni;
    }

    static TestTls connect(int port, List<String> alpn, String sni) throws IOException {
        TestTls tls = new TestTls(alpn, sni);
        tls.socket = new Socket(InetAddress.getLoopbackAddress(), port);
        tls.socket.setSoTimeout(30_000);
        tls.protocol = new TlsClientProtocol(tls.socket.getInputStream(), tls.socket.getOutputStream());
        try {
            tls.protocol.connect(tls);
        } catch (IOException e) {
            tls.close();
            throw e;
        }
        return tls;
    }

    TestH2Client http2() throws IOException {
        return new TestH2Client(protocol.getInputStream(), protocol.getOutputStream(), this);
    }

    byte[] sessionId() {
        return context.getSecurityParametersConnection().getLocalVerifyData();
    }

    String negotiatedAlpn() {
        ProtocolName name = context.getSecurityParametersConnection().getApplicationProtocol();
        return name == null ? null : name.getUtf8Decoding();
    }

    List<byte[]> serverChain() {
        return serverChain;
    }

    @Override
    public void close() throws IOException {
        if (protocol != null) {
            try {
                protocol.close();
            } catch (IOException e) {
                // closed by the server already
            }
        }
        if (socket != null) {
            socket.close();
        }
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.TLSv13.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), new int[] {
            CipherSuite.TLS_CHACHA20_POLY1305_SHA256, CipherSuite.TLS_AES_128_GCM_SHA256
        });
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
            public TlsCredentials getClientCredentials(CertificateRequest request) {
                return null;
            }
        };
    }
}
