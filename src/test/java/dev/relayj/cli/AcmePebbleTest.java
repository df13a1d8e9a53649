package dev.relayj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * [WEB] acme: on against a real ACME CA on loopback: Debian's pebble (tools/test installs it).
 * Pebble's HTTPS certificate and its issuing root are trusted by this test's HTTP client and TLS
 * client only. Pebble validates "localhost" on the ports the relay listens on.
 */
@Timeout(300)
class AcmePebbleTest {
    @TempDir
    Path tmp;
    private Process pebble;
    private int pebblePort;
    private int managementPort;
    private SSLContext pebbleTls;

    @BeforeEach
    void requirePebble() {
        boolean installed = List.of("/usr/bin/pebble", "/usr/local/bin/pebble").stream().anyMatch(p -> Files.isExecutable(Path.of(p)));
        Assumptions.assumeTrue(installed, "pebble is not installed (Debian package pebble; tools/test installs it): ACME tests skipped");
    }

    @AfterEach
    void stopPebble() throws InterruptedException {
        SmpServerCli.acmeHttpClientForTests = null;
        if (pebble != null) {
            pebble.destroy();
            if (!pebble.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                pebble.destroyForcibly();
            }
        }
    }

    @Test
    void tlsAlpn01OnTheSharedPortThenServedAndReloadedByControlPort() throws Exception {
        int shared = freePort();
        int control = freePort();
        startPebble(0, shared);
        Path cfg = initRelay();
        Path ini = cfg.resolve("smp-server.ini");
        String text = Files.readString(ini);
        text = replace(text, "\nport = 5223,443\n", "\nport = " + shared + "\n");
        text = replace(text, "\nhttps = 443\n", "\nhttps = " + shared + "\n" + acmeLines());
        text = text.replaceAll("(?m)^#? ?control_port = .*$", "control_port = " + control)
                .replaceAll("(?m)^#? ?control_port_admin_password = .*$", "control_port_admin_password = admin-pass");
        Files.writeString(ini, text);

        CliRun r = CliRun.smp(cfg, tmp.resolve("var"), "", server -> {
            X509Certificate served = awaitPebbleCertificate(cfg, shared);
            assertEquals("CN=localhost", served.getSubjectX500Principal().getName());
            assertEquals(0600, mode(cfg.resolve("acme_account.key")));
            assertEquals(0600, mode(cfg.resolve("web.key")));
            assertTrue(adminCommand(control, "reload-certs").contains("certificates reloaded"));
            assertEquals(served, servedCertificate(shared));
            server.close();
        }, "start");
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void http01OnWebHttpThenTheSiteHttpsPortOpens() throws Exception {
        int smp = freePort();
        int https = freePort();
        int http = freePort();
        startPebble(http, 0);
        Path cfg = initRelay();
        Path ini = cfg.resolve("smp-server.ini");
        String text = Files.readString(ini);
        text = replace(text, "\nport = 5223,443\n", "\nport = " + smp + "\n");
        text = replace(text, "\nhttps = 443\n", "\nhttps = " + https + "\n" + acmeLines());
        text = replace(text, "\n# http = 8000\n", "\nhttp = " + http + "\n");
        Files.writeString(ini, text);

        CliRun r = CliRun.smp(cfg, tmp.resolve("var"), "", server -> {
            awaitPebbleCertificate(cfg, https);
            server.close();
        }, "start");
        assertEquals(0, r.exitCode(), r.err());
    }

    private String acmeLines() {
        return "acme = on\nacme_email = ops@example.com\nacme_directory = https://localhost:" + pebblePort + "/dir\n";
    }

    private Path initRelay() {
        Path cfg = tmp.resolve("etc");
        CliRun init = CliRun.smp(cfg, tmp.resolve("var"), "init", "-y", "--no-password", "-a", "ED448", "--fqdn", "localhost");
        assertEquals(0, init.exitCode(), init.err());
        return cfg;
    }

    /** Waits (bounded) until the port presents a certificate that chains to pebble's root for "localhost". */
    private X509Certificate awaitPebbleCertificate(Path cfg, int port) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(150));
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(cfg.resolve("web.crt"))) {
                try {
                    return servedCertificate(port);
                } catch (IOException e) {
                    last = e;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no certificate from pebble served on port " + port, last);
    }

    /** The leaf a TLS client with SNI localhost gets, verified against pebble's root (and the host name). */
    private X509Certificate servedCertificate(int port) throws Exception {
        KeyStore roots = KeyStore.getInstance("PKCS12");
        roots.load(null, null);
        roots.setCertificateEntry("pebble-root", pebbleRoot());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(roots);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            SSLParameters params = socket.getSSLParameters();
            params.setApplicationProtocols(new String[] {"http/1.1"});
            params.setServerNames(List.of(new SNIHostName("localhost")));
            params.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(params);
            socket.startHandshake();
            Certificate[] chain = socket.getSession().getPeerCertificates();
            assertTrue(chain.length >= 2, "leaf and intermediate");
            return (X509Certificate) chain[0];
        }
    }

    private X509Certificate pebbleRoot() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(pebbleTls).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<byte[]> root = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + managementPort + "/roots/0"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, root.statusCode());
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(root.body()));
    }

    private static String adminCommand(int port, String command) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("auth admin-pass\n" + command + "\nquit\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Pebble on loopback only, validating on the relay's ports; its HTTPS certificate is made here. */
    private void startPebble(int httpPort, int tlsPort) throws Exception {
        pebblePort = freePort();
        managementPort = freePort();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = generator.generateKeyPair();
        byte[] certificate = selfSigned("localhost", key);
        Path dir = Files.createDirectories(tmp.resolve("pebble"));
        Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", certificate));
        Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", key.getPrivate().getEncoded()));
        Files.writeString(dir.resolve("config.json"), """
                {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
                 "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d,
                 "ocspResponderURL": "", "externalAccountBindingRequired": false}}
                """.formatted(pebblePort, managementPort, dir.resolve("cert.pem"), dir.resolve("key.pem"),
                httpPort == 0 ? 1 : httpPort, tlsPort == 0 ? 1 : tlsPort));
        ProcessBuilder builder = new ProcessBuilder("pebble", "-config", dir.resolve("config.json").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("pebble.log").toFile());
        builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
        builder.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
        pebble = builder.start();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("pebble-https", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate)));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        pebbleTls = SSLContext.getInstance("TLS");
        pebbleTls.init(null, factory.getTrustManagers(), null);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            try (Socket s = new Socket("127.0.0.1", pebblePort)) {
                break;
            } catch (IOException e) {
                if (Instant.now().isAfter(deadline) || !pebble.isAlive()) {
                    throw new AssertionError("pebble did not start: " + Files.readString(dir.resolve("pebble.log")), e);
                }
                Thread.sleep(100);
            }
        }
        SmpServerCli.acmeHttpClientForTests =
                HttpClient.newBuilder().sslContext(pebbleTls).connectTimeout(Duration.ofSeconds(5)).build();
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

    private static int mode(Path file) throws IOException {
        String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        int mode = 0;
        for (char c : perms.toCharArray()) {
            mode = (mode << 1) | (c == '-' ? 0 : 1);
        }
        return mode;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String replace(String text, String from, String to) {
        assertTrue(text.contains(from), from);
        return text.replace(from, to);
    }
}
