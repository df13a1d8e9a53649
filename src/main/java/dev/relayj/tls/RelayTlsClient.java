package dev.relayj.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.AbstractTlsClient;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The client side of one TLS handshake with a relay, configured as simplexmq's
 * {@code defaultSupportedParams} ({@code Transport.hs}) as its clients use it: TLS 1.3 and 1.2,
 * ChaCha20-Poly1305 only, groups X448 and X25519, signatures Ed448 and Ed25519, no renegotiation;
 * the server chain is checked against the address's identity ({@link ServerChainValidator}).
 */
final class RelayTlsClient extends AbstractTlsClient {
    private static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_CHACHA20_POLY1305_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
    };

    private final TlsClientSettings settings;
    private List<byte[]> serverChain = List.of();
    private ServerCertificateException certificateFailure;

    RelayTlsClient(BcTlsCrypto crypto, TlsClientSettings settings) {
        super(crypto);
        this.settings = settings;
    }

    SecurityParameters securityParameters() {
        return context.getSecurityParametersConnection();
    }

    List<byte[]> serverChain() {
        return serverChain;
    }

    /** Why the server's chain was refused, or null. */
    ServerCertificateException certificateFailure() {
        return certificateFailure;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.TLSv13.downTo(ProtocolVersion.TLSv12);
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), CIPHER_SUITES);
    }

    @Override
    @SuppressWarnings("rawtypes") // Bouncy Castle's signature
    protected Vector<Integer> getSupportedGroups(Vector namedGroupRoles) {
        Vector<Integer> groups = new Vector<>();
        groups.add(NamedGroup.x448);
        groups.add(NamedGroup.x25519);
        return groups;
    }

    @Override
    protected Vector<SignatureAndHashAlgorithm> getSupportedSignatureAlgorithms() {
        Vector<SignatureAndHashAlgorithm> signatures = new Vector<>();
        signatures.add(SignatureAndHashAlgorithm.ed448);
        signatures.add(SignatureAndHashAlgorithm.ed25519);
        return signatures;
    }

    @Override
    protected Vector<ProtocolName> getProtocolNames() {
        if (settings.alpnProtocols().isEmpty()) {
            return null;
        }
        Vector<ProtocolName> names = new Vector<>();
        settings.alpnProtocols().forEach(name -> names.add(ProtocolName.asUtf8Encoding(name)));
        return names;
    }

    @Override
    protected Vector<ServerName> getSNIServerNames() {
        if (settings.serverNameOrNull() == null) {
            return null;
        }
        Vector<ServerName> names = new Vector<>();
        names.add(new ServerName(NameType.host_name, settings.serverNameOrNull().getBytes(StandardCharsets.US_ASCII)));
        return names;
    }

    /** A relay that closes without close_notify just ends the stream. */
    @Override
    public boolean requiresCloseNotify() {
        return false;
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                Certificate chain = serverCertificate.getCertificate();
                List<byte[]> der = new ArrayList<>(chain.getLength());
                for (int i = 0; i < chain.getLength(); i++) {
                    der.add(chain.getCertificateAt(i).getEncoded());
                }
                try {
                    ServerChainValidator.validate(der, settings.keyHash(), new Date());
                } catch (ServerCertificateException e) {
                    certificateFailure = e;
                    throw new TlsFatalAlert(e.unknownCa() ? AlertDescription.unknown_ca : AlertDescription.bad_certificate,
                            e.getMessage());
                }
                serverChain = List.copyOf(der);
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                ServerCredentials credentials = settings.clientCredentialsOrNull();
                return credentials == null ? null : clientCredentials(context, (BcTlsCrypto) getCrypto(), credentials, request);
            }
        };
    }

    /** Presents {@code credentials} (an Ed25519 or Ed448 chain) as the client's certificate. */
    static TlsCredentials clientCredentials(TlsContext context, BcTlsCrypto crypto, ServerCredentials credentials,
            CertificateRequest request) throws IOException {
        List<byte[]> der = credentials.chainDer();
        Certificate certificate;
        if (TlsUtils.isTLSv13(context)) {
            CertificateEntry[] entries = new CertificateEntry[der.size()];
            for (int i = 0; i < entries.length; i++) {
                entries[i] = new CertificateEntry(crypto.createCertificate(der.get(i)), null);
            }
            certificate = new Certificate(request.getCertificateRequestContext(), entries);
        } else {
            TlsCertificate[] certificates = new TlsCertificate[der.size()];
            for (int i = 0; i < certificates.length; i++) {
                certificates[i] = crypto.createCertificate(der.get(i));
            }
            certificate = new Certificate(certificates);
        }
        SignatureAndHashAlgorithm signature = SignAlgorithm.ofPrivateKey(credentials.privateKey()) == SignAlgorithm.ED448
                ? SignatureAndHashAlgorithm.ed448
                : SignatureAndHashAlgorithm.ed25519;
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, credentials.privateKey(),
                certificate, signature);
    }
}
