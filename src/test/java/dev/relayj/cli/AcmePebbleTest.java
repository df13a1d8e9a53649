package dev.relayj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.smp.server.PingingSmpClient;
import dev.relayj.testing.Pebble;
import dev.relayj.testing.TrustAllTls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * [WEB] acme: on against a real ACME CA on loopback: Debian's pebble (tools/test installs it).
 * Pebble's certificates are trusted by this test's clients only; pebble validates "localhost" on
 * the ports the relay listens on.
 */
@Timeout(300)
class AcmePebbleTest {
    @TempDir
    Path tmp;
    private Pebble pebble;

    @BeforeEach
    void requirePebble() {
        Assumptions.assumeTrue(Pebble.installed(),
                "pebble is not installed (Debian package pebble; tools/test installs it): ACME tests skipped");
    }

    @AfterEach
    void stopPebble() throws InterruptedException {
        SmpServerCli.acmeHttpClientForTests = null;
        if (pebble != null) {
            pebble.close();
        }
    }

    @Test
    void tlsAlpn01OnTheSharedPortThenServedAndReloadedByControlPort() throws Exception {
        int shared = Pebble.freePort();
        int control = Pebble.freePort();
        startPebble(0, shared, 0);
        Path cfg = initRelay();
        configure(cfg, shared, shared, 0, control);

        CliRun r = CliRun.smp(cfg, tmp.resolve("var"), "", server -> {
            X509Certificate served = awaitPebbleCertificate(cfg, shared, null);
            assertEquals("CN=localhost", served.getSubjectX500Principal().getName());
            assertEquals("rw-------", mode(cfg.resolve("acme_account.key")));
            assertEquals("rw-------", mode(cfg.resolve("web.key")));
            assertTrue(adminCommand(control, "reload-certs").contains("certificates reloaded"));
            assertEquals(served, Pebble.servedCertificate(shared, pebble.root()));
            server.close();
        }, "start");
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void http01OnWebHttpThenTheSiteHttpsPortOpens() throws Exception {
        int smp = Pebble.freePort();
        int https = Pebble.freePort();
        int http = Pebble.freePort();
        startPebble(http, 0, 0);
        Path cfg = initRelay();
        configure(cfg, smp, https, http, 0);

        CliRun r = CliRun.smp(cfg, tmp.resolve("var"), "", server -> {
            awaitPebbleCertificate(cfg, https, null);
            server.close();
        }, "start");
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void xftpTlsAlpn01OnTheXftpPort() throws Exception {
        int xftp = Pebble.freePort();
        startPebble(0, xftp, 0);
        Path cfg = tmp.resolve("etc");
        CliRun init = CliRun.xftp(cfg, tmp.resolve("var"), "init", "-p", tmp.resolve("files").toString(), "-q", "1gb",
                "--fqdn", "localhost");
        assertEquals(0, init.exitCode(), init.err());
        Path ini = cfg.resolve("file-server.ini");
        String text = Files.readString(ini);
        text = replace(text, "\nport = 443\n", "\nport = " + xftp + "\n");
        text = text + "acme = on\nacme_directory = " + pebble.directory() + "\n";
        Files.writeString(ini, text);

        CliRun r = CliRun.xftp(cfg, tmp.resolve("var"), "", server -> {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            X509Certificate served = null;
            while (served == null && Instant.now().isBefore(deadline)) {
                if (Files.exists(cfg.resolve("web.crt"))) {
                    try {
                        served = Pebble.servedCertificate(xftp, pebble.root(), "h2");
                    } catch (IOException e) {
                        // not reloaded yet
                    }
                }
                Thread.sleep(500);
            }
            assertTrue(served != null, "no pebble certificate on the XFTP port; pebble: " + pebble.log());
            assertEquals("CN=localhost", served.getSubjectX500Principal().getName());
            server.close();
        }, "start");
        assertEquals(0, r.exitCode(), r.err());
    }

    /**
     * Pebble issues 30-second certificates: the relay renews at 20 s while an SMP client stays
     * connected and keeps round-tripping; then the online certificate is rotated with
     * {@code smp-server cert} and reloaded on the control port, and that client does not notice.
     */
    @Test
    void renewalAndOnlineCertificateRotationKeepTheConnectedClient() throws Exception {
        int shared = Pebble.freePort();
        int control = Pebble.freePort();
        startPebble(0, shared, 30);
        Path cfg = initRelay();
        configure(cfg, shared, shared, 0, control);

        CliRun r = CliRun.smp(cfg, tmp.resolve("var"), "", server -> {
            X509Certificate first = awaitPebbleCertificate(cfg, shared, null);
            try (PingingSmpClient client = PingingSmpClient.connect(shared, cfg.resolve("ca.crt"))) {
                assertTrue(client.ping());
                X509Certificate renewed = awaitPebbleCertificate(cfg, shared, first, client);
                assertNotEquals(first.getSerialNumber(), renewed.getSerialNumber());
                assertTrue(client.ping(), "the client connected before the renewal still round-trips");

                X509Certificate onlineBefore = relayLeaf(shared);
                CliRun cert = CliRun.smp(cfg, tmp.resolve("var"), "cert");
                assertEquals(0, cert.exitCode(), cert.err());
                assertEquals(onlineBefore, relayLeaf(shared), "nothing changes before the reload");
                assertTrue(adminCommand(control, "reload-certs").contains("certificates reloaded"));
                X509Certificate onlineAfter = relayLeaf(shared);
                assertNotEquals(onlineBefore, onlineAfter);
                assertEquals(readCertificate(cfg.resolve("server.crt")), onlineAfter);
                assertTrue(client.ping(), "the client connected before the rotation still round-trips");
                try (PingingSmpClient fresh = PingingSmpClient.connect(shared, cfg.resolve("ca.crt"))) {
                    assertTrue(fresh.ping(), "a new client accepts the new online certificate (same CA)");
                }
            }
            server.close();
        }, "start");
        assertEquals(0, r.exitCode(), r.err());
    }

    private void startPebble(int httpPort, int tlsPort, long validitySeconds) throws Exception {
        pebble = Pebble.start(tmp.resolve("pebble"), httpPort, tlsPort, validitySeconds);
        SmpServerCli.acmeHttpClientForTests = pebble.httpClient();
    }

    private Path initRelay() {
        Path cfg = tmp.resolve("etc");
        CliRun init = CliRun.smp(cfg, tmp.resolve("var"), "init", "-y", "--no-password", "-a", "ED448", "--fqdn", "localhost");
        assertEquals(0, init.exitCode(), init.err());
        return cfg;
    }

    /** The three ACME lines below [WEB] https, and the relay's ports (0: not set). */
    private void configure(Path cfg, int smpPort, int httpsPort, int httpPort, int controlPort) throws IOException {
        Path ini = cfg.resolve("smp-server.ini");
        String text = Files.readString(ini);
        text = replace(text, "\nport = 5223,443\n", "\nport = " + smpPort + "\n");
        text = replace(text, "\nhttps = 443\n", "\nhttps = " + httpsPort + "\nacme = on\nacme_email = ops@example.com\n"
                + "acme_directory = " + pebble.directory() + "\n");
        if (httpPort != 0) {
            text = replace(text, "\n# http = 8000\n", "\nhttp = " + httpPort + "\n");
        }
        if (controlPort != 0) {
            text = text.replaceAll("(?m)^#? ?control_port = .*$", "control_port = " + controlPort)
                    .replaceAll("(?m)^#? ?control_port_admin_password = .*$", "control_port_admin_password = admin-pass");
        }
        Files.writeString(ini, text);
    }

    private X509Certificate awaitPebbleCertificate(Path cfg, int port, X509Certificate notThis) throws Exception {
        return awaitPebbleCertificate(cfg, port, notThis, null);
    }

    /**
     * Waits (bounded) until the port presents a certificate chained to pebble's root for
     * "localhost", other than {@code notThis}; the client, if any, pings every half second meanwhile.
     */
    private X509Certificate awaitPebbleCertificate(Path cfg, int port, X509Certificate notThis, PingingSmpClient client)
            throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            if (client != null) {
                assertTrue(client.ping(), "the connected client round-trips while the certificate is renewed");
            }
            if (Files.exists(cfg.resolve("web.crt"))) {
                try {
                    X509Certificate served = Pebble.servedCertificate(port, pebble.root());
                    if (!served.equals(notThis)) {
                        return served;
                    }
                } catch (IOException e) {
                    last = e;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no (new) certificate from pebble served on port " + port + "; pebble: " + pebble.log(), last);
    }

    /** The online certificate a relay client (no SNI, ALPN smp/1) gets. */
    private static X509Certificate relayLeaf(int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) TrustAllTls.clientContext("TLS").getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            SSLParameters params = socket.getSSLParameters();
            params.setApplicationProtocols(new String[] {"smp/1"});
            socket.setSSLParameters(params);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static X509Certificate readCertificate(Path file) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file)));
    }

    private static String adminCommand(int port, String command) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("auth admin-pass\n" + command + "\nquit\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private static String replace(String text, String from, String to) {
        assertTrue(text.contains(from), from);
        return text.replace(from, to);
    }
}
