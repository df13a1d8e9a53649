package dev.relayj.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * A TLS server credential: the certificate chain the server sends and the private key of its
 * first certificate. As simplexmq's {@code loadServerCredential} ({@code Transport/Server.hs},
 * {@code credentialLoadX509Chain}) the chain is every certificate of the certificate file followed
 * by every certificate of the CA file: [server cert, CA cert] for a relay's identity.
 */
public final class ServerCredentials {
    private final List<byte[]> chainDer;
    private final List<X509Certificate> chain;
    private final AsymmetricKeyParameter privateKey;
    private final String caFingerprint;
    /** The chain as Bouncy Castle sends it, parsed on first use and then shared by every connection. */
    private volatile ParsedChain parsedChain;

    private ServerCredentials(List<byte[]> chainDer, List<X509Certificate> chain, AsymmetricKeyParameter privateKey,
            String caFingerprint) {
        this.chainDer = chainDer;
        this.chain = chain;
        this.privateKey = privateKey;
        this.caFingerprint = caFingerprint;
    }

    /** The relay identity: chain [server.crt..., ca.crt...] and server.key; errors are one line naming the file. */
    public static ServerCredentials load(Path caCert, Path serverCert, Path serverKey) throws IOException {
        List<byte[]> caCertificates = PemFiles.readAll(caCert, PemFiles.CERTIFICATE);
        List<byte[]> der = new ArrayList<>(PemFiles.readAll(serverCert, PemFiles.CERTIFICATE));
        der.addAll(caCertificates);
        String fingerprint = ServerCertificates.fingerprint(ServerCertificates.parseCertificate(caCert, caCertificates.get(0)));
        return create(serverCert, serverKey, der, fingerprint);
    }

    /**
     * A web (HTTPS) credential without a separate CA file, such as [WEB] cert/key for the shared
     * port: the chain is every certificate of the file in order (a fullchain.pem).
     */
    public static ServerCredentials loadWeb(Path certificateChain, Path key) throws IOException {
        List<byte[]> der = PemFiles.readAll(certificateChain, PemFiles.CERTIFICATE);
        String fingerprint = ServerCertificates.fingerprint(
                ServerCertificates.parseCertificate(certificateChain, der.get(der.size() - 1)));
        return create(certificateChain, key, der, fingerprint);
    }

    /**
     * A credential made in memory (an ACME challenge certificate): DER chain leaf first and the
     * PKCS#8 DER of its key; its last certificate stands for the CA.
     */
    public static ServerCredentials fromDer(List<byte[]> chainDer, byte[] pkcs8Key) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>(chainDer.size());
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] bytes : chainDer) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(bytes)));
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("invalid certificate (" + e.getMessage() + ")");
        }
        String fingerprint = ServerCertificates.fingerprint(org.bouncycastle.asn1.x509.Certificate.getInstance(
                chainDer.get(chainDer.size() - 1)));
        return new ServerCredentials(List.copyOf(chainDer), List.copyOf(certificates),
                org.bouncycastle.crypto.util.PrivateKeyFactory.createKey(pkcs8Key), fingerprint);
    }

    private static ServerCredentials create(Path certFile, Path keyFile, List<byte[]> der, String fingerprint)
            throws IOException {
        List<X509Certificate> certificates = new ArrayList<>(der.size());
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] bytes : der) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(bytes)));
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(certFile + ": invalid certificate (" + e.getMessage() + ")");
        }
        AsymmetricKeyParameter key = PrivateKeys.read(keyFile);
        Certificate leaf = ServerCertificates.parseCertificate(certFile, der.get(0));
        if (!keyMatches(leaf, key)) {
            throw new IOException(keyFile + ": private key does not match the certificate in " + certFile);
        }
        return new ServerCredentials(List.copyOf(der), List.copyOf(certificates), key, fingerprint);
    }

    private static boolean keyMatches(Certificate certificate, AsymmetricKeyParameter key) throws IOException {
        byte[] publicKeyBits = certificate.getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
        if (key instanceof Ed25519PrivateKeyParameters ed25519) {
            return Arrays.equals(ed25519.generatePublicKey().getEncoded(), publicKeyBits);
        }
        if (key instanceof Ed448PrivateKeyParameters ed448) {
            return Arrays.equals(ed448.generatePublicKey().getEncoded(), publicKeyBits);
        }
        AsymmetricKeyParameter publicKey;
        try {
            publicKey = PublicKeyFactory.createKey(certificate.getSubjectPublicKeyInfo());
        } catch (IOException | RuntimeException e) {
            return false;
        }
        if (key instanceof RSAPrivateCrtKeyParameters rsa && publicKey instanceof RSAKeyParameters rsaPublic) {
            return rsa.getModulus().equals(rsaPublic.getModulus()) && rsa.getPublicExponent().equals(rsaPublic.getExponent());
        }
        if (key instanceof ECPrivateKeyParameters ec && publicKey instanceof ECPublicKeyParameters ecPublic) {
            return ec.getParameters().getG().multiply(ec.getD()).normalize().equals(ecPublic.getQ().normalize());
        }
        return false;
    }

    /** base64url(SHA-256) of the CA certificate: the fingerprint in the server address. */
    public String caFingerprint() {
        return caFingerprint;
    }

    /** The chain sent to clients, leaf first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    List<byte[]> chainDer() {
        return chainDer;
    }

    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    /**
     * The chain for the Certificate message, TLS 1.3 form (with empty extensions) or 1.2 form.
     * Parsed once per crypto instead of once per connection: each connection keeps the chain it
     * sent, and the parsed certificates were a good part of an idle connection's memory.
     */
    org.bouncycastle.tls.Certificate tlsCertificate(TlsCrypto crypto, boolean tls13) throws IOException {
        ParsedChain parsed = parsedChain;
        if (parsed == null || parsed.crypto() != crypto) {
            TlsCertificate[] certificates = new TlsCertificate[chainDer.size()];
            CertificateEntry[] entries = new CertificateEntry[chainDer.size()];
            for (int i = 0; i < certificates.length; i++) {
                certificates[i] = crypto.createCertificate(chainDer.get(i));
                entries[i] = new CertificateEntry(certificates[i], null);
            }
            parsed = new ParsedChain(crypto, new org.bouncycastle.tls.Certificate(TlsUtils.EMPTY_BYTES, entries),
                    new org.bouncycastle.tls.Certificate(certificates));
            parsedChain = parsed;
        }
        return tls13 ? parsed.tls13() : parsed.tls12();
    }

    private record ParsedChain(TlsCrypto crypto, org.bouncycastle.tls.Certificate tls13,
            org.bouncycastle.tls.Certificate tls12) {}
}
