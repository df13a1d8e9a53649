package dev.relayj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.smp.server.PingingSmpClient;
import dev.relayj.testing.Pebble;
import dev.relayj.testing.TrustAllTls;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's online-certificate rotation without a restart: {@code smp-server cert}, then SIGHUP;
 * the connected client keeps going, new clients get the new certificate. ACME is off here, and
 * leaves no trace on disk.
 */
@Timeout(120)
class CertificateReloadTest {
    @TempDir
    Path tmp;

    @Test
    void sighupLoadsTheRotatedOnlineCertificateForNewConnectionsOnly() throws Exception {
        Path cfg = tmp.resolve("etc");
        Path log = tmp.resolve("var");
        CliRun init = CliRun.smp(cfg, log, "init", "-y", "--no-password", "-a", "ED448", "--fqdn", "localhost");
        assertEquals(0, init.exitCode(), init.err());
        int port = Pebble.freePort();
        Path ini = cfg.resolve("smp-server.ini");
        Files.writeString(ini, Files.readString(ini).replace("\nport = 5223,443\n", "\nport = " + port + "\n")
                .replace("\nhttps = 443\n", "\n"));
        List<String> before = List.of(cfg.toFile().list());

        CliRun r = CliRun.smp(cfg, log, "", server -> {
            Assumptions.assumeTrue(SighupReload.installed(), "SIGHUP cannot be handled in this JVM");
            try (PingingSmpClient client = PingingSmpClient.connect(port, cfg.resolve("ca.crt"))) {
                assertTrue(client.ping());
                X509Certificate old = relayLeaf(port);
                CliRun cert = CliRun.smp(cfg, log, "cert");
                assertEquals(0, cert.exitCode(), cert.err());
                X509Certificate rotated = readCertificate(cfg.resolve("server.crt"));
                assertNotEquals(old, rotated);
                Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid())).start();
                assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0);
                Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
                while (!relayLeaf(port).equals(rotated) && Instant.now().isBefore(deadline)) {
                    Thread.sleep(100);
                }
                assertEquals(rotated, relayLeaf(port));
                assertTrue(client.ping(), "the client connected before the reload did not notice");
                try (PingingSmpClient fresh = PingingSmpClient.connect(port, cfg.resolve("ca.crt"))) {
                    assertTrue(fresh.ping());
                }

                // another relay's identity: refused, the fingerprint stays as at start
                Path other = tmp.resolve("other");
                assertEquals(0, CliRun.smp(other, tmp.resolve("other-var"), "init", "-y", "--no-password", "-a", "ED448",
                        "--fqdn", "localhost").exitCode());
                for (String f : List.of("ca.crt", "server.crt", "server.key")) {
                    Files.copy(other.resolve(f), cfg.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                Process again = new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid())).start();
                assertTrue(again.waitFor(10, TimeUnit.SECONDS) && again.exitValue() == 0);
                Thread.sleep(2000);
                assertEquals(rotated, relayLeaf(port), "a different CA is not loaded");
                assertTrue(client.ping());
            }
            server.close();
        }, "start");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(Files.exists(cfg.resolve("acme_account.key")), "acme off writes nothing");
        assertFalse(Files.exists(cfg.resolve("web.crt")));
        assertEquals(before.stream().sorted().toList(), List.of(cfg.toFile().list()).stream().sorted().toList());
    }

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
}
