package dev.relayj.tls;

import dev.relayj.encoding.Base64Url;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * The server identity files of a config directory, made as simplexmq's {@code createServerX509_}
 * and {@code genOnline} ({@code Server/CLI.hs}) make them with openssl: the offline CA
 * (ca.key, ca.crt) whose certificate fingerprint is the server's identity, and the online server
 * certificate (server.key, server.crt) it signs. smp-server and xftp-server use the same names,
 * including the CA's "SMP server CA" ({@code FileTransfer/Server/Main.hs} uses {@code defaultX509Config} too).
 */
public final class ServerCertificates {
    public static final String CA_KEY_FILE = "ca.key";
    public static final String CA_CERT_FILE = "ca.crt";
    public static final String SERVER_KEY_FILE = "server.key";
    public static final String SERVER_CERT_FILE = "server.crt";
    public static final String FINGERPRINT_FILE = "fingerprint";
    public static final String OPENSSL_CA_CONF_FILE = "openssl_ca.conf";
    public static final String OPENSSL_SERVER_CONF_FILE = "openssl_server.conf";
    public static final String SERVER_CSR_FILE = "server.csr";
    /** The serial file {@code openssl x509 -CAcreateserial} keeps beside ca.crt. */
    public static final String CA_SERIAL_FILE = "ca.srl";

    private static final String OPENSSL_CA_CONF = """
            [req]
            distinguished_name = req_distinguished_name
            prompt = no

            [req_distinguished_name]
            CN = SMP server CA
            O = SimpleX

            [v3]
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid:always
            basicConstraints = critical,CA:true
            """;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ServerCertificates() {}

    /**
     * {@code init}: writes ca.key, ca.crt, server.key, server.crt, the fingerprint file (and the
     * openssl configs, server.csr and ca.srl the reference leaves behind) into dir; returns the fingerprint.
     */
    public static String createCaAndServer(Path dir, SignAlgorithm algorithm, String serverCommonName) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(OPENSSL_CA_CONF_FILE), OPENSSL_CA_CONF, StandardCharsets.UTF_8);
        AsymmetricCipherKeyPair caKeys = algorithm.generateKeyPair(RANDOM);
        PemFiles.writeSecret(dir.resolve(CA_KEY_FILE), PemFiles.PRIVATE_KEY, PrivateKeys.encodePkcs8(caKeys.getPrivate()));
        Certificate ca = CertificateIssuer.selfSignedCa(algorithm, caKeys.getPrivate(), publicKeyInfo(caKeys),
                CertificateIssuer.randomSerial(RANDOM), Instant.now());
        PemFiles.writePublic(dir.resolve(CA_CERT_FILE), PemFiles.CERTIFICATE, ca.getEncoded(ASN1Encoding.DER));
        issueServer(dir, algorithm, serverCommonName, ca, algorithm, caKeys.getPrivate());
        String fingerprint = fingerprint(ca);
        Files.writeString(dir.resolve(FINGERPRINT_FILE), fingerprint + "\n", StandardCharsets.US_ASCII);
        return fingerprint;
    }

    /**
     * {@code cert}: a new server.key and server.crt signed with dir/ca.key. A null algorithm or
     * common name is taken from the existing server.crt, as {@code genOnline} does: the algorithm
     * from its signature algorithm, the name from its subject CN.
     */
    public static void renewServer(Path dir, SignAlgorithm algorithmOrNull, String commonNameOrNull) throws IOException {
        SignAlgorithm algorithm = algorithmOrNull;
        String commonName = commonNameOrNull;
        if (algorithm == null || commonName == null) {
            Certificate old = singleCertificate(dir.resolve(SERVER_CERT_FILE));
            if (algorithm == null) {
                algorithm = SignAlgorithm.ofOid(old.getSignatureAlgorithm().getAlgorithm());
                if (algorithm == null) {
                    throw new IOException("Unexpected signature algorithm " + old.getSignatureAlgorithm().getAlgorithm());
                }
            }
            if (commonName == null) {
                commonName = commonName(old);
            }
        }
        Path caKeyFile = dir.resolve(CA_KEY_FILE);
        AsymmetricKeyParameter caKey = PrivateKeys.read(caKeyFile);
        SignAlgorithm caAlgorithm = SignAlgorithm.ofPrivateKey(caKey);
        if (caAlgorithm == null) {
            throw new IOException(caKeyFile + ": not an Ed25519 or Ed448 key");
        }
        Path caCertFile = dir.resolve(CA_CERT_FILE);
        Certificate ca = parseCertificate(caCertFile, PemFiles.readAll(caCertFile, PemFiles.CERTIFICATE).get(0));
        issueServer(dir, algorithm, commonName, ca, caAlgorithm, caKey);
    }

    /** base64url(SHA-256(DER)) of the first certificate in the file, padded: the server identity. */
    public static String fingerprint(Path caCertFile) throws IOException {
        byte[] der = PemFiles.readAll(caCertFile, PemFiles.CERTIFICATE).get(0);
        return Base64Url.encode(sha256(der));
    }

    /**
     * {@code checkSavedFingerprint}: the fingerprint of dir/ca.crt when it equals the first line of
     * dir/fingerprint; otherwise "Stored fingerprint is invalid." as the reference says.
     */
    public static String checkSavedFingerprint(Path dir) throws IOException {
        Path savedFile = dir.resolve(FINGERPRINT_FILE);
        String saved;
        try (BufferedReader reader = Files.newBufferedReader(savedFile, StandardCharsets.ISO_8859_1)) {
            saved = reader.readLine();
        } catch (NoSuchFileException e) {
            throw new IOException(savedFile + ": file not found");
        }
        String actual = fingerprint(dir.resolve(CA_CERT_FILE));
        if (!actual.equals(saved)) {
            throw new IOException("Stored fingerprint is invalid.");
        }
        return actual;
    }

    static String fingerprint(Certificate certificate) throws IOException {
        return Base64Url.encode(sha256(certificate.getEncoded(ASN1Encoding.DER)));
    }

    static Certificate parseCertificate(Path file, byte[] der) throws IOException {
        try {
            return Certificate.getInstance(der);
        } catch (RuntimeException e) {
            throw new IOException(file + ": invalid certificate (" + e.getMessage() + ")");
        }
    }

    private static void issueServer(Path dir, SignAlgorithm algorithm, String commonName, Certificate ca,
            SignAlgorithm caAlgorithm, AsymmetricKeyParameter caKey) throws IOException {
        Files.writeString(dir.resolve(OPENSSL_SERVER_CONF_FILE), opensslServerConf(commonName), StandardCharsets.UTF_8);
        AsymmetricCipherKeyPair serverKeys = algorithm.generateKeyPair(RANDOM);
        SubjectPublicKeyInfo serverPublicKey = publicKeyInfo(serverKeys);
        PemFiles.writeSecret(dir.resolve(SERVER_KEY_FILE), PemFiles.PRIVATE_KEY, PrivateKeys.encodePkcs8(serverKeys.getPrivate()));
        PemFiles.writePublic(dir.resolve(SERVER_CSR_FILE), "CERTIFICATE REQUEST",
                CertificateIssuer.serverRequest(algorithm, serverKeys.getPrivate(), serverPublicKey, commonName)
                        .getEncoded(ASN1Encoding.DER));
        BigInteger serial = nextSerial(dir.resolve(CA_SERIAL_FILE));
        Certificate server = CertificateIssuer.server(ca, caAlgorithm, caKey, serverPublicKey, commonName, serial, Instant.now());
        PemFiles.writePublic(dir.resolve(SERVER_CERT_FILE), PemFiles.CERTIFICATE, server.getEncoded(ASN1Encoding.DER));
        Files.writeString(dir.resolve(CA_SERIAL_FILE), serialText(serial) + "\n", StandardCharsets.US_ASCII);
    }

    private static String opensslServerConf(String commonName) {
        return "[req]\ndistinguished_name = req_distinguished_name\nprompt = no\n\n[req_distinguished_name]\n"
                + "CN = " + commonName + "\n\n"
                + "[v3]\nbasicConstraints = CA:FALSE\nkeyUsage = digitalSignature, nonRepudiation, keyAgreement\n"
                + "extendedKeyUsage = serverAuth\n";
    }

    /** As openssl -CAcreateserial: the saved serial plus one, or a random one plus one when there is none. */
    private static BigInteger nextSerial(Path serialFile) throws IOException {
        BigInteger previous = null;
        if (Files.exists(serialFile)) {
            String text = Files.readString(serialFile, StandardCharsets.US_ASCII).strip();
            try {
                previous = new BigInteger(text, 16);
            } catch (NumberFormatException e) {
                throw new IOException(serialFile + ": invalid serial number");
            }
        }
        return (previous == null ? CertificateIssuer.randomSerial(RANDOM) : previous).add(BigInteger.ONE);
    }

    private static String serialText(BigInteger serial) {
        byte[] bytes = serial.toByteArray();
        int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        return HexFormat.of().withUpperCase().formatHex(bytes, start, bytes.length);
    }

    private static Certificate singleCertificate(Path file) throws IOException {
        List<byte[]> certificates;
        try {
            certificates = PemFiles.readAll(file, PemFiles.CERTIFICATE);
        } catch (IOException e) {
            if (Files.isRegularFile(file)) {
                throw new IOException("No certificate found at " + file);
            }
            throw e;
        }
        if (certificates.size() > 1) {
            throw new IOException("Too many certificates at " + file);
        }
        return parseCertificate(file, certificates.get(0));
    }

    private static String commonName(Certificate certificate) throws IOException {
        RDN[] names = certificate.getSubject().getRDNs(BCStyle.CN);
        if (names.length == 0) {
            throw new IOException("Certificate subject has no CN element");
        }
        if (!(names[0].getFirst().getValue() instanceof ASN1String text)) {
            throw new IOException("Certificate subject CN decoding failed");
        }
        return text.getString();
    }

    private static SubjectPublicKeyInfo publicKeyInfo(AsymmetricCipherKeyPair keys) throws IOException {
        return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(keys.getPublic());
    }

    private static byte[] sha256(byte[] data) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(data, 0, data.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        return hash;
    }
}
