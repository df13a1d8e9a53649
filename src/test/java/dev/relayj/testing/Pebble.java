package dev.relayj.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Debian's pebble (an RFC 8555 test CA) on loopback for one test: its own HTTPS certificate made
 * here, trusted by {@link #httpClient()} only; it validates "localhost" on the given ports.
 * Tests call {@link #installed()} first and skip without it (tools/test installs the package).
 */
public final class Pebble implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final int port;
    private final int managementPort;
    private final SSLContext tls;

    private Pebble(Process process, Path dir, int port, int managementPort, SSLContext tls) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.managementPort = managementPort;
        this.tls = tls;
    }

    public static boolean installed() {
        return List.of("/usr/bin/pebble", "/usr/local/bin/pebble").stream().anyMatch(p -> Files.isExecutable(Path.of(p)));
    }

    /**
     * Starts pebble and waits (bounded) until it listens.
     *
     * @param httpPort where HTTP-01 is validated (0: unused)
     * @param tlsPort where TLS-ALPN-01 is validated (0: unused)
     * @param validitySeconds the lifetime of the certificates it issues (0: pebble's default, 5 years)
     */
    public static Pebble start(Path dir, int httpPort, int tlsPort, long validitySeconds) throws Exception {
        Files.createDirectories(dir);
        int port = freePort();
        int managementPort = freePort();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = generator.generateKeyPair();
        byte[] certificate = selfSigned("localhost", key);
        Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", certificate));
        Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", key.getPrivate().getEncoded()));
        Files.writeString(dir.resolve("config.json"), """
                {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
                 "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d,
                 "ocspResponderURL": "", "externalAccountBindingRequired": false%s}}
                """.formatted(port, managementPort, dir.resolve("cert.pem"), dir.resolve("key.pem"),
                httpPort == 0 ? 1 : httpPort, tlsPort == 0 ? 1 : tlsPort,
                validitySeconds == 0 ? "" : ", \"certificateValidityPeriod\": " + validitySeconds));
        ProcessBuilder builder = new ProcessBuilder("pebble", "-config", dir.resolve("config.json").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("pebble.log").toFile());
        builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
        builder.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
        Process process = builder.start();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("pebble-https", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate)));
        Pebble pebble = new Pebble(process, dir, port, managementPort, context(trust));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return pebble;
            } catch (IOException e) {
                if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                    pebble.close();
                    throw new AssertionError("pebble did not start: " + Files.readString(dir.resolve("pebble.log")), e);
                }
                Thread.sleep(100);
            }
        }
    }

    public URI directory() {
        return URI.create("https://localhost:" + port + "/dir");
    }

    /** An HTTP client that trusts pebble's HTTPS certificate, and nothing else. */
    public HttpClient httpClient() {
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The root pebble issues under (it makes a new one at every start). */
    public X509Certificate root() throws Exception {
        HttpResponse<byte[]> root = httpClient().send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + managementPort + "/roots/0")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (root.statusCode() != 200) {
            throw new IOException("pebble /roots/0: HTTP " + root.statusCode());
        }
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(root.body()));
    }

    /** The leaf a TLS client with SNI localhost gets on the port, its chain verified against {@code root} and the host name. */
    public static X509Certificate servedCertificate(int port, X509Certificate root) throws Exception {
        return servedCertificate(port, root, "http/1.1");
    }

    /** As above, offering this ALPN protocol (an XFTP port takes h2, not http/1.1). */
    public static X509Certificate servedCertificate(int port, X509Certificate root, String alpn) throws Exception {
        KeyStore roots = KeyStore.getInstance("PKCS12");
        roots.load(null, null);
        roots.setCertificateEntry("pebble-root", root);
        try (SSLSocket socket = (SSLSocket) context(roots).getSocketFactory().createSocket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            SSLParameters params = socket.getSSLParameters();
            params.setApplicationProtocols(new String[] {alpn});
            params.setServerNames(List.of(new SNIHostName("localhost")));
            params.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(params);
            socket.startHandshake();
            Certificate[] chain = socket.getSession().getPeerCertificates();
            if (chain.length < 2) {
                throw new IOException("no intermediate in the chain served on port " + port);
            }
            return (X509Certificate) chain[0];
        }
    }

    public String log() throws IOException {
        return Files.readString(dir.resolve("pebble.log"));
    }

    /** Stops pebble (bounded wait); idempotent. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static SSLContext context(KeyStore trust) throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static byte[] selfSigned(String host, KeyPair key) throws Exception {
        V3TBSCertificateGenerator generator = new V3TBSCertificateGenerator();
        generator.setSerialNumber(new ASN1Integer(BigInteger.valueOf(System.nanoTime())));
        X500Name name = new X500Name("CN=" + host);
        generator.setIssuer(name);
        generator.setSubject(name);
        generator.setStartDate(new Time(Date.from(Instant.now().minusSeconds(3600))));
        generator.setEndDate(new Time(Date.from(Instant.now().plusSeconds(86400))));
        generator.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()));
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
        generator.setSignature(algorithm);
        generator.setExtensions(new Extensions(new Extension(Extension.subjectAlternativeName, false,
                new DEROctetString(new GeneralNames(new GeneralName(GeneralName.dNSName, host))))));
        TBSCertificate tbs = generator.generateTBSCertificate();
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(key.getPrivate());
        signature.update(tbs.getEncoded());
        return new DERSequence(new ASN1Encodable[] {tbs, algorithm, new DERBitString(signature.sign())}).getEncoded();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
