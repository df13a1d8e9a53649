package dev.relayj.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.Hashtable;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.tls.AbstractTlsServer;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The server side of one TLS handshake, configured as simplexmq's {@code defaultSupportedParams}
 * ({@code Transport.hs}): TLS 1.3 and 1.2, ChaCha20-Poly1305 only, groups X448 and X25519,
 * signatures Ed448 and Ed25519, no renegotiation. A port that also serves HTTPS uses
 * {@code defaultSupportedParamsHTTPS} instead, which browsers need.
 */
final class RelayTlsServer extends AbstractTlsServer {
    private static final int[] RELAY_CIPHER_SUITES = {
        CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
    };

    /** tls's {@code ciphersuite_strong} in its deterministic order (GCM, then ChaCha20, then CCM). */
    private static final int[] HTTPS_CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CCM,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_AES_256_GCM_SHA384,
        CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_AES_128_GCM_SHA256,
        CipherSuite.TLS_AES_128_CCM_SHA256
    };

    private static final int[] RELAY_GROUPS = {NamedGroup.x448, NamedGroup.x25519};

    private static final int[] HTTPS_GROUPS = {
        NamedGroup.x25519, NamedGroup.x448, NamedGroup.ffdhe4096, NamedGroup.ffdhe6144, NamedGroup.ffdhe8192,
        NamedGroup.secp521r1
    };

    private static final List<SignatureAndHashAlgorithm> RELAY_SIGNATURES =
            List.of(SignatureAndHashAlgorithm.ed448, SignatureAndHashAlgorithm.ed25519);

    private static final List<SignatureAndHashAlgorithm> HTTPS_SIGNATURES = List.of(
            SignatureAndHashAlgorithm.ed448,
            SignatureAndHashAlgorithm.ed25519,
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa),
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha384, SignatureAlgorithm.ecdsa),
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha512, SignatureAlgorithm.ecdsa),
            SignatureAndHashAlgorithm.rsa_pss_rsae_sha512,
            SignatureAndHashAlgorithm.rsa_pss_rsae_sha384,
            SignatureAndHashAlgorithm.rsa_pss_rsae_sha256,
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha512, SignatureAlgorithm.rsa),
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha384, SignatureAlgorithm.rsa),
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.rsa));

    private final TlsSettings settings;
    private final AcmeTlsChallenges challengesOrNull;
    private final boolean https;
    private ServerCredentials selected;
    private boolean acmeChallenge;
    private String serverName;
    private List<X509Certificate> peerCertificates = List.of();

    RelayTlsServer(BcTlsCrypto crypto, TlsSettings settings) {
        this(crypto, settings, null);
    }

    /**
     * @param challengesOrNull TLS-ALPN-01 certificates while ACME is on; the port then also takes
     *     browsers' parameters, as the CA's validator is one (a port without ACME is unchanged)
     */
    RelayTlsServer(BcTlsCrypto crypto, TlsSettings settings, AcmeTlsChallenges challengesOrNull) {
        super(crypto);
        this.settings = settings;
        this.challengesOrNull = challengesOrNull;
        this.https = settings.webCredentialsOrNull() != null || challengesOrNull != null;
        this.selected = settings.credentials();
    }

    String serverName() {
        return serverName;
    }

    boolean webCredentialsUsed() {
        return !acmeChallenge && selected != settings.credentials();
    }

    boolean acmeChallengeAnswered() {
        return acmeChallenge;
    }

    List<X509Certificate> peerCertificates() {
        return peerCertificates;
    }

    SecurityParameters securityParameters() {
        return context.getSecurityParametersConnection();
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.TLSv13.downTo(ProtocolVersion.TLSv12);
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), https ? HTTPS_CIPHER_SUITES : RELAY_CIPHER_SUITES);
    }

    @Override
    public int[] getSupportedGroups() {
        return (https ? HTTPS_GROUPS : RELAY_GROUPS).clone();
    }

    @Override
    protected Vector<ProtocolName> getProtocolNames() {
        if (acmeChallenge) {
            Vector<ProtocolName> names = new Vector<>();
            names.add(ProtocolName.asUtf8Encoding(AcmeTlsChallenges.ALPN_PROTOCOL));
            return names;
        }
        if (settings.alpnProtocols().isEmpty()) {
            return null;
        }
        Vector<ProtocolName> names = new Vector<>();
        for (String protocol : settings.alpnProtocols()) {
            names.add(ProtocolName.asUtf8Encoding(protocol));
        }
        return names;
    }

    /** Chooses the credential by SNI, as the reference's {@code onServerNameIndication} hook. */
    @Override
    @SuppressWarnings("rawtypes") // Bouncy Castle's signature
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        Vector<?> names = clientExtensions == null ? null : TlsExtensionsUtils.getServerNameExtensionClient(clientExtensions);
        if (names != null) {
            for (Object name : names) {
                if (name instanceof ServerName serverName && serverName.getNameType() == NameType.host_name) {
                    this.serverName = new String(serverName.getNameData(), StandardCharsets.US_ASCII);
                    break;
                }
            }
            if (settings.webCredentialsOrNull() != null) {
                selected = settings.webCredentialsOrNull();
            }
        }
        // decided before the superclass picks the ALPN protocol from getProtocolNames()
        ServerCredentials challenge = challengesOrNull == null || !offersAcmeAlpn(clientExtensions) ? null
                : challengesOrNull.find(serverName);
        if (challenge != null) {
            acmeChallenge = true;
            selected = challenge;
        }
        super.processClientExtensions(clientExtensions);
    }

    private static boolean offersAcmeAlpn(Hashtable<?, ?> clientExtensions) throws IOException {
        Vector<?> protocols = clientExtensions == null ? null : TlsExtensionsUtils.getALPNExtensionClient(clientExtensions);
        return protocols != null && protocols.contains(ProtocolName.asUtf8Encoding(AcmeTlsChallenges.ALPN_PROTOCOL));
    }

    /** In TLS 1.2 only suites whose authentication fits the chosen credential's key. */
    @Override
    @SuppressWarnings("rawtypes") // Bouncy Castle's signature
    protected boolean isSelectableCipherSuite(int cipherSuite, int availCurveBits, int availFiniteFieldBits, Vector sigAlgs) {
        if (!super.isSelectableCipherSuite(cipherSuite, availCurveBits, availFiniteFieldBits, sigAlgs)) {
            return false;
        }
        return switch (TlsUtils.getKeyExchangeAlgorithm(cipherSuite)) {
            case KeyExchangeAlgorithm.ECDHE_ECDSA -> !(selected.privateKey() instanceof RSAKeyParameters);
            case KeyExchangeAlgorithm.ECDHE_RSA -> selected.privateKey() instanceof RSAKeyParameters;
            default -> true;
        };
    }

    @Override
    protected int getMaximumNegotiableCurveBits() {
        int maxBits = 0;
        for (int group : commonGroups()) {
            maxBits = Math.max(maxBits, NamedGroup.getCurveBits(group));
        }
        return maxBits;
    }

    /** TLS 1.2 ECDHE: the client's first group that we support too. */
    @Override
    protected int selectECDH(int minimumCurveBits) {
        for (int group : commonGroups()) {
            if (NamedGroup.refersToAnECDHCurve(group) && NamedGroup.getCurveBits(group) >= minimumCurveBits) {
                return group;
            }
        }
        return -1;
    }

    private List<Integer> commonGroups() {
        int[] clientGroups = context.getSecurityParametersHandshake().getClientSupportedGroups();
        int[] ours = getSupportedGroups();
        List<Integer> common = new ArrayList<>();
        if (clientGroups == null) {
            for (int group : ours) {
                common.add(group);
            }
            return common;
        }
        for (int group : clientGroups) {
            if (org.bouncycastle.util.Arrays.contains(ours, group)) {
                common.add(group);
            }
        }
        return common;
    }

    @Override
    public TlsCredentials getCredentials() throws IOException {
        ProtocolVersion version = context.getServerVersion();
        boolean tls13 = TlsUtils.isTLSv13(version);
        AsymmetricKeyParameter key = selected.privateKey();
        SignatureAndHashAlgorithm signature = chooseSignature(key, context.getSecurityParametersHandshake().getClientSigAlgs(), tls13);
        if (signature == null) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "no signature algorithm in common with the client");
        }
        BcTlsCrypto crypto = (BcTlsCrypto) getCrypto();
        Certificate certificate = selected.tlsCertificate(crypto, tls13);
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, key, certificate, signature);
    }

    private SignatureAndHashAlgorithm chooseSignature(AsymmetricKeyParameter key, Vector<?> clientSignatures, boolean tls13) {
        if (clientSignatures == null) {
            return null;
        }
        for (SignatureAndHashAlgorithm candidate : https ? HTTPS_SIGNATURES : RELAY_SIGNATURES) {
            if (clientSignatures.contains(candidate) && fitsKey(candidate, key, tls13)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean fitsKey(SignatureAndHashAlgorithm signature, AsymmetricKeyParameter key, boolean tls13) {
        short algorithm = signature.getSignature();
        if (key instanceof Ed25519PrivateKeyParameters) {
            return algorithm == SignatureAlgorithm.ed25519;
        }
        if (key instanceof Ed448PrivateKeyParameters) {
            return algorithm == SignatureAlgorithm.ed448;
        }
        if (key instanceof RSAKeyParameters) {
            return algorithm == SignatureAlgorithm.rsa_pss_rsae_sha256 || algorithm == SignatureAlgorithm.rsa_pss_rsae_sha384
                    || algorithm == SignatureAlgorithm.rsa_pss_rsae_sha512 || (!tls13 && algorithm == SignatureAlgorithm.rsa);
        }
        if (key instanceof ECPrivateKeyParameters ec && algorithm == SignatureAlgorithm.ecdsa) {
            int bits = ec.getParameters().getCurve().getFieldSize();
            short hash = bits <= 256 ? HashAlgorithm.sha256 : bits <= 384 ? HashAlgorithm.sha384 : HashAlgorithm.sha512;
            return signature.getHash() == hash;
        }
        return false;
    }

    /** Asks for an optional client chain when service certificates are accepted ({@code paramsAskClientCert}). */
    @Override
    public CertificateRequest getCertificateRequest() throws IOException {
        if (!settings.requestClientCertificates()) {
            return null;
        }
        Vector<SignatureAndHashAlgorithm> signatures = new Vector<>(https ? HTTPS_SIGNATURES : RELAY_SIGNATURES);
        if (TlsUtils.isTLSv13(context.getServerVersion())) {
            return new CertificateRequest(TlsUtils.EMPTY_BYTES, signatures, null, null);
        }
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                signatures, null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        List<X509Certificate> chain = new ArrayList<>(clientCertificate.getLength());
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < clientCertificate.getLength(); i++) {
                byte[] der = clientCertificate.getCertificateAt(i).getEncoded();
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "unparsable client certificate", e);
        }
        ClientCertificateValidator.validate(chain, new Date());
        peerCertificates = List.copyOf(chain);
    }

    /** A client that closes without close_notify just ends the stream, as the reference's EOF handling. */
    @Override
    public boolean requiresCloseNotify() {
        return false;
    }
}
