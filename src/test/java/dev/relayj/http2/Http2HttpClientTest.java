package dev.relayj.http2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.relayj.testing.JdkHttp2Client;
import dev.relayj.testing.JsseH2Server;
import dev.relayj.testing.TrustAllTls;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JDK's own HTTP/2 client, over TLS with ALPN h2, as an independent peer: whatever it sends
 * our server must accept, whatever we send it must accept, and bodies must arrive intact.
 */
@Timeout(120)
class Http2HttpClientTest {
    private static JsseH2Server server;
    private static JdkHttp2Client client;
    private static URI base;

    private static final Http2Handler HANDLER = (request, response) -> {
        String path = request.path();
        if (path.equals("/hello")) {
            response.header("content-type", "text/plain").send(("hello " + request.method()).getBytes());
        } else if (path.equals("/sha256")) {
            MessageDigest sha = sha256();
            long n = 0;
            byte[] buf = new byte[8192];
            for (int r; (r = request.body().read(buf)) > 0; n += r) {
                sha.update(buf, 0, r);
            }
            response.send((n + " " + HexFormat.of().formatHex(sha.digest())).getBytes());
        } else if (path.equals("/echo")) {
            try (OutputStream out = response.body()) {
                request.body().transferTo(out);
            }
        } else if (path.startsWith("/stream/")) {
            int size = Integer.parseInt(path.substring("/stream/".length()));
            response.sendFrom(new ByteArrayInputStream(pseudoRandom(size, size)));
        } else {
            response.status(404).send(new byte[0]);
        }
    };

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(256);
        KeyPair keys = kpg.generateKeyPair();
        X509Certificate cert = selfSigned(keys);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] password = "test".toCharArray();
        ks.setKeyEntry("server", keys.getPrivate(), password, new java.security.cert.Certificate[] {cert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);

        server = JsseH2Server.start(serverContext, socket ->
                new Http2Connection(socket.getInputStream(), socket.getOutputStream(), Http2ServerConfig.DEFAULT, HANDLER)
                        .run());

        client = new JdkHttp2Client(TrustAllTls.clientContext("TLS"));
        base = URI.create("https://localhost:" + server.port());
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        server.close();
    }

    private static JdkHttp2Client.Reply send(String method, String path, byte[] body) throws Exception {
        JdkHttp2Client.Reply reply = client.send(method, base.resolve(path), body);
        assertEquals("HTTP_2", reply.version());
        assertEquals(Set.of("h2"), server.negotiated());
        return reply;
    }

    @Test
    void getAndSmallPost() throws Exception {
        JdkHttp2Client.Reply get = send("GET", "/hello", null);
        assertEquals(200, get.status());
        assertEquals("text/plain", get.header("content-type"));
        assertEquals("hello GET", new String(get.body()));
        assertEquals("hello POST", new String(send("POST", "/hello", new byte[] {'x'}).body()));
        assertEquals(404, send("GET", "/nothing", null).status());
    }

    @Test
    void multiMegabyteUploadArrivesIntact() throws Exception {
        byte[] body = pseudoRandom(5 * 1024 * 1024 + 123, 7);
        JdkHttp2Client.Reply r = send("POST", "/sha256", body);
        assertEquals(body.length + " " + HexFormat.of().formatHex(sha256().digest(body)), new String(r.body()));
    }

    @Test
    void echoStreamsBothWays() throws Exception {
        byte[] body = pseudoRandom(3 * 1024 * 1024, 11);
        JdkHttp2Client.Reply r = send("POST", "/echo", body);
        assertArrayEquals(sha256().digest(body), sha256().digest(r.body()));
    }

    @Test
    void largeResponseIsStreamed() throws Exception {
        int size = 9 * 1024 * 1024 + 5;
        JdkHttp2Client.Reply r = send("GET", "/stream/" + size, null);
        assertEquals(size, r.body().length);
        assertArrayEquals(sha256().digest(pseudoRandom(size, size)), sha256().digest(r.body()));
    }

    @Test
    void manyConcurrentStreams() throws Exception {
        List<CompletableFuture<JdkHttp2Client.Reply>> results = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            byte[] body = pseudoRandom(20000 + i * 997, i);
            expected.add(body.length + " " + HexFormat.of().formatHex(sha256().digest(body)));
            results.add(client.sendAsync("POST", base.resolve("/sha256"), body));
        }
        for (int i = 0; i < results.size(); i++) {
            assertEquals(expected.get(i), new String(results.get(i).get(60, TimeUnit.SECONDS).body()));
        }
    }

    static byte[] pseudoRandom(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A throwaway self-signed ECDSA certificate for localhost, built from Bouncy Castle's ASN.1 types. */
    private static X509Certificate selfSigned(KeyPair keys) throws Exception {
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
        X500Name name = new X500Name("CN=localhost");
        long now = System.currentTimeMillis();
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(BigInteger.valueOf(now)));
        tbs.setSignature(algorithm);
        tbs.setIssuer(name);
        tbs.setSubject(name);
        tbs.setStartDate(new Time(new Date(now - 3_600_000)));
        tbs.setEndDate(new Time(new Date(now + 86_400_000)));
        tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        tbs.setExtensions(extensions.generate());
        TBSCertificate certificate = tbs.generateTBSCertificate();
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(certificate.getEncoded(ASN1Encoding.DER));
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(certificate);
        v.add(algorithm);
        v.add(new DERBitString(signer.sign()));
        byte[] der = new DERSequence(v).getEncoded(ASN1Encoding.DER);
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }
}
