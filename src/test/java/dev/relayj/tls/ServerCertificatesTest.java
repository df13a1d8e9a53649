package dev.relayj.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.testing.ReferenceFixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ServerCertificatesTest {
    static final Path FIXTURES = ReferenceFixtures.DIR;

    @TempDir
    Path dir;

    @Test
    void fingerprintsOfTheReferenceFixtures() throws IOException {
        assertEquals("LcJUMfVhwD8yxjAiSaDzzGF3-kLG4Uh0Fl_ZIjrRwjI=", ServerCertificates.fingerprint(FIXTURES.resolve("ca.crt")));
        assertEquals("evk6yvqIaOtOVWfFhXQTdQRtlKeDy_4MXsJDYh2agys=",
                ServerCertificates.fingerprint(FIXTURES.resolve("ed25519/ca.crt")));
    }

    @Test
    void loadsTheReferenceFixtures() throws IOException {
        ServerCredentials ed448 = ServerCredentials.load(FIXTURES.resolve("ca.crt"), FIXTURES.resolve("server.crt"),
                FIXTURES.resolve("server.key"));
        assertEquals("LcJUMfVhwD8yxjAiSaDzzGF3-kLG4Uh0Fl_ZIjrRwjI=", ed448.caFingerprint());
        assertEquals(2, ed448.chain().size());
        assertEquals(SignAlgorithm.ED448, SignAlgorithm.ofPrivateKey(ed448.privateKey()));
        ServerCredentials ed25519 = ServerCredentials.load(FIXTURES.resolve("ed25519/ca.crt"),
                FIXTURES.resolve("ed25519/server.crt"), FIXTURES.resolve("ed25519/server.key"));
        assertEquals(SignAlgorithm.ED25519, SignAlgorithm.ofPrivateKey(ed25519.privateKey()));
        ServerCredentials web = ServerCredentials.loadWeb(FIXTURES.resolve("web.crt"), FIXTURES.resolve("web.key"));
        assertEquals(2, web.chain().size());
    }

    @ParameterizedTest
    @EnumSource(SignAlgorithm.class)
    void initWritesTheIdentityFilesAsOpensslDoes(SignAlgorithm algorithm) throws Exception {
        String fingerprint = ServerCertificates.createCaAndServer(dir, algorithm, "relay.example.com");

        assertEquals(fingerprint, ServerCertificates.fingerprint(dir.resolve("ca.crt")));
        assertEquals(fingerprint + "\n", Files.readString(dir.resolve("fingerprint")));
        assertEquals(fingerprint, ServerCertificates.checkSavedFingerprint(dir));
        for (String key : List.of("ca.key", "server.key")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(key))));
            assertTrue(Files.readString(dir.resolve(key)).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        }
        Path referenceKey = algorithm == SignAlgorithm.ED448 ? FIXTURES.resolve("ca.key") : FIXTURES.resolve("ed25519/ca.key");
        assertEquals(Files.size(referenceKey), Files.size(dir.resolve("ca.key")), "PKCS#8 v0 without public key");
        assertTrue(Files.readString(dir.resolve("server.csr")).startsWith("-----BEGIN CERTIFICATE REQUEST-----\n"));
        assertTrue(Files.readString(dir.resolve("openssl_server.conf")).contains("CN = relay.example.com\n"));

        X509Certificate ca = x509(dir.resolve("ca.crt"));
        X509Certificate server = x509(dir.resolve("server.crt"));
        Path referenceDir = algorithm == SignAlgorithm.ED448 ? FIXTURES : FIXTURES.resolve("ed25519");
        X509Certificate referenceCa = x509(referenceDir.resolve("ca.crt"));
        X509Certificate referenceServer = x509(referenceDir.resolve("server.crt"));

        assertEquals(referenceCa.getSubjectX500Principal(), ca.getSubjectX500Principal());
        assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
        assertEquals(ca.getSubjectX500Principal(), server.getIssuerX500Principal());
        assertEquals("CN=relay.example.com", server.getSubjectX500Principal().getName());
        assertEquals(referenceCa.getSigAlgName(), ca.getSigAlgName());
        assertEquals(3, ca.getVersion());
        assertEquals(3, server.getVersion());
        assertEquals(extensionOrder(referenceCa), extensionOrder(ca));
        assertEquals(extensionOrder(referenceServer), extensionOrder(server));
        assertEquals(referenceCa.getCriticalExtensionOIDs(), ca.getCriticalExtensionOIDs());
        assertEquals(referenceServer.getCriticalExtensionOIDs(), server.getCriticalExtensionOIDs());
        assertEquals(Integer.MAX_VALUE, ca.getBasicConstraints());
        assertEquals(-1, server.getBasicConstraints());
        assertArrayEquals(referenceServer.getKeyUsage(), server.getKeyUsage());
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), server.getExtendedKeyUsage());
        assertArrayEquals(ca.getExtensionValue("2.5.29.14"), trimToKeyId(server.getExtensionValue("2.5.29.35")),
                "server AKI is the CA's SKI");
        server.verify(ca.getPublicKey());
        ca.verify(ca.getPublicKey());
        Duration validity = Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant());
        assertEquals(999_999, validity.toDays());
        assertTrue(Duration.between(server.getNotBefore().toInstant(), Instant.now()).abs().toMinutes() < 5);
        assertTrue(server.getSerialNumber().signum() > 0 && server.getSerialNumber().bitLength() <= 160);
        assertEquals(server.getSerialNumber(), new BigInteger(Files.readString(dir.resolve("ca.srl")).strip(), 16));

        ServerCredentials credentials = ServerCredentials.load(dir.resolve("ca.crt"), dir.resolve("server.crt"),
                dir.resolve("server.key"));
        assertEquals(fingerprint, credentials.caFingerprint());
        assertEquals(List.of(server, ca), credentials.chain());
    }

    @Test
    void opensslAcceptsTheGeneratedChain() throws Exception {
        Assumptions.assumeTrue(opensslPresent(), "openssl not installed");
        ServerCertificates.createCaAndServer(dir, SignAlgorithm.ED448, "localhost");
        Process verify = new ProcessBuilder("openssl", "verify", "-CAfile", "ca.crt", "server.crt")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        assertTrue(verify.waitFor(30, TimeUnit.SECONDS));
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("server.crt: OK", output.strip());
        Process key = new ProcessBuilder("openssl", "pkey", "-in", "server.key", "-noout")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        assertTrue(key.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, key.exitValue());
    }

    @Test
    void renewKeepsTheIdentityAndReplacesTheServerCertificate() throws Exception {
        String fingerprint = ServerCertificates.createCaAndServer(dir, SignAlgorithm.ED448, "relay.example.com");
        byte[] oldServer = Files.readAllBytes(dir.resolve("server.crt"));
        byte[] oldKey = Files.readAllBytes(dir.resolve("server.key"));
        BigInteger oldSerial = x509(dir.resolve("server.crt")).getSerialNumber();

        ServerCertificates.renewServer(dir, null, null);

        assertEquals(fingerprint, ServerCertificates.fingerprint(dir.resolve("ca.crt")));
        assertEquals(fingerprint, ServerCertificates.checkSavedFingerprint(dir));
        assertNotEquals(new String(oldServer), Files.readString(dir.resolve("server.crt")));
        assertNotEquals(new String(oldKey), Files.readString(dir.resolve("server.key")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("server.key"))));
        X509Certificate renewed = x509(dir.resolve("server.crt"));
        assertEquals("CN=relay.example.com", renewed.getSubjectX500Principal().getName());
        assertEquals("Ed448", ((java.security.interfaces.EdECKey) renewed.getPublicKey()).getParams().getName());
        assertEquals(oldSerial.add(BigInteger.ONE), renewed.getSerialNumber());
        renewed.verify(x509(dir.resolve("ca.crt")).getPublicKey());

        ServerCertificates.renewServer(dir, SignAlgorithm.ED25519, "other.example.com");
        X509Certificate other = x509(dir.resolve("server.crt"));
        assertEquals("CN=other.example.com", other.getSubjectX500Principal().getName());
        assertEquals("Ed25519", ((java.security.interfaces.EdECKey) other.getPublicKey()).getParams().getName());
        assertEquals(fingerprint, ServerCredentials.load(dir.resolve("ca.crt"), dir.resolve("server.crt"),
                dir.resolve("server.key")).caFingerprint());
    }

    @Test
    void renewsTheReferenceFixtureIdentity() throws IOException {
        for (String name : List.of("ca.crt", "ca.key", "server.crt", "server.key")) {
            Files.copy(FIXTURES.resolve(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        ServerCertificates.renewServer(dir, null, null);
        ServerCredentials credentials = ServerCredentials.load(dir.resolve("ca.crt"), dir.resolve("server.crt"),
                dir.resolve("server.key"));
        assertEquals("LcJUMfVhwD8yxjAiSaDzzGF3-kLG4Uh0Fl_ZIjrRwjI=", credentials.caFingerprint());
        assertEquals("CN=localhost", credentials.chain().get(0).getSubjectX500Principal().getName());
    }

    @Test
    void reportsTamperedFingerprintAndBadFilesInOneLine() throws IOException {
        ServerCertificates.createCaAndServer(dir, SignAlgorithm.ED25519, "localhost");
        Files.writeString(dir.resolve("fingerprint"), "AAAA\n");
        assertEquals("Stored fingerprint is invalid.",
                assertThrows(IOException.class, () -> ServerCertificates.checkSavedFingerprint(dir)).getMessage());

        IOException missing = assertThrows(IOException.class,
                () -> ServerCredentials.load(dir.resolve("nope.crt"), dir.resolve("server.crt"), dir.resolve("server.key")));
        assertEquals(dir.resolve("nope.crt") + ": file not found", missing.getMessage());

        Files.writeString(dir.resolve("empty.key"), "not a key\n");
        IOException noKey = assertThrows(IOException.class,
                () -> ServerCredentials.load(dir.resolve("ca.crt"), dir.resolve("server.crt"), dir.resolve("empty.key")));
        assertEquals(dir.resolve("empty.key") + ": no PRIVATE KEY found", noKey.getMessage());

        IOException mismatch = assertThrows(IOException.class,
                () -> ServerCredentials.load(dir.resolve("ca.crt"), dir.resolve("server.crt"), dir.resolve("ca.key")));
        assertTrue(mismatch.getMessage().startsWith(dir.resolve("ca.key") + ": private key does not match"));
        assertTrue(!mismatch.getMessage().contains("\n"));

        Files.writeString(dir.resolve("server.crt"), "");
        assertEquals("No certificate found at " + dir.resolve("server.crt"),
                assertThrows(IOException.class, () -> ServerCertificates.renewServer(dir, null, null)).getMessage());
        Files.writeString(dir.resolve("server.crt"), Files.readString(dir.resolve("ca.crt")).repeat(2));
        assertEquals("Too many certificates at " + dir.resolve("server.crt"),
                assertThrows(IOException.class, () -> ServerCertificates.renewServer(dir, null, null)).getMessage());
    }

    static boolean opensslPresent() {
        try {
            Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static X509Certificate x509(Path file) throws Exception {
        byte[] der = PemFiles.readAll(file, PemFiles.CERTIFICATE).get(0);
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static List<String> extensionOrder(X509Certificate certificate) throws Exception {
        Extensions extensions = Certificate.getInstance(certificate.getEncoded()).getTBSCertificate().getExtensions();
        List<String> order = new ArrayList<>();
        for (var oid : extensions.getExtensionOIDs()) {
            Extension extension = extensions.getExtension(oid);
            order.add(oid.getId() + (extension.isCritical() ? "!" : ""));
        }
        return order;
    }

    /** The keyIdentifier of an AuthorityKeyIdentifier extension value, re-wrapped as an SKI extension value. */
    private static byte[] trimToKeyId(byte[] akiExtensionValue) {
        var aki = org.bouncycastle.asn1.x509.AuthorityKeyIdentifier.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(akiExtensionValue).getOctets());
        try {
            return new org.bouncycastle.asn1.DEROctetString(new org.bouncycastle.asn1.DEROctetString(aki.getKeyIdentifierObject().getOctets()))
                    .getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
