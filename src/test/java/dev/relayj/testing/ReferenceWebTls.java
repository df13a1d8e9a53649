package dev.relayj.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** JSSE contexts for the tests of the web site: the reference's web test certificate (RSA, CN=localhost), and a client trusting anything. */
public final class ReferenceWebTls {
    public static final Path FIXTURES = ReferenceFixtures.DIR;
    public static final Path WEB_CERT = FIXTURES.resolve("web.crt");
    public static final Path WEB_KEY = FIXTURES.resolve("web.key");

    private ReferenceWebTls() {}

    public static SSLContext serverContext() throws Exception {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(WEB_CERT)));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pem(WEB_KEY)));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] password = "test".toCharArray();
        ks.setKeyEntry("web", key, password, new Certificate[] {cert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    public static SSLContext trustingClientContext() throws Exception {
        return TrustAllTls.clientContext("TLS");
    }

    private static byte[] pem(Path file) throws IOException {
        String text = Files.readString(file);
        String body = text.substring(text.indexOf("-----", text.indexOf("BEGIN")) + 5, text.indexOf("-----END"));
        return Base64.getMimeDecoder().decode(body);
    }
}
