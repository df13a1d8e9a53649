package dev.relayj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.smp.server.SmpServer;
import dev.relayj.testing.TrustAllTls;
import dev.relayj.xftp.server.XftpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code start}: the banner of the reference, then a relay that accepts TLS with the relay's ALPN. */
class StartTest {
    @TempDir
    Path tmp;

    private Path cfg() {
        return tmp.resolve("etc");
    }

    private Path log() {
        return tmp.resolve("var");
    }

    private static void setPort(Path ini, String from, String to) throws IOException {
        String text = Files.readString(ini);
        assertTrue(text.contains("\nport = " + from + "\n"));
        Files.writeString(ini, text.replace("\nport = " + from + "\n", "\nport = " + to + "\n"));
    }

    /** Connects with the JDK's TLS client (trusting any certificate) and returns the negotiated ALPN. */
    private static String connect(int port, String... alpn) throws Exception {
        return connect(port, -1, alpn);
    }

    /**
     * As {@link #connect(int, String...)}; {@code firstByte} is the first octet an HTTP/2 relay
     * sends (its SETTINGS frame, shorter than 256 octets, starts with 0), or -1 not to check it; an
     * SMP relay is checked by its server hello.
     */
    private static String connect(int port, int firstByte, String... alpn) throws Exception {
        SSLContext context = TrustAllTls.clientContext("TLSv1.3");
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            SSLParameters params = socket.getSSLParameters();
            params.setApplicationProtocols(alpn);
            socket.setSSLParameters(params);
            socket.startHandshake();
            String negotiated = socket.getApplicationProtocol();
            byte[] start = socket.getInputStream().readNBytes(4);
            if (negotiated.startsWith("smp")) {
                // the relay starts the SMP handshake: its first block is the server hello (range from v6)
                assertEquals(List.of(0, 6), List.of(start[2] & 0xFF, start[3] & 0xFF));
            } else if (firstByte >= 0) {
                assertEquals(firstByte, start[0] & 0xFF);
            }
            return negotiated;
        }
    }

    @Test
    void smpStartPrintsBannerAndAcceptsTls() throws Exception {
        assertEquals(0, CliRun.smp(cfg(), log(), "init", "-y", "--no-password", "--disable-web", "-a", "ED448").exitCode());
        setPort(cfg().resolve("smp-server.ini"), "5223,443", "0");
        List<String> negotiated = new ArrayList<>();
        CliRun r = CliRun.smp(cfg(), log(), "", server -> {
            int port = ((SmpServer) server).ports().get(0);
            negotiated.add(connect(port, "smp/1"));
            negotiated.add(connect(port, "h2", "http/1.1"));
            server.close();
        }, "start");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("smp/1", "h2"), negotiated);
        String fp = Files.readAllLines(cfg().resolve("fingerprint")).get(0);
        assertEquals(SmpServerCli.VERSION + "\n"
                + "Fingerprint: " + fp + "\n"
                + "Server address: smp://" + fp + "@<hostnames>:0\n"
                + "Warning: server source code is not specified.\n"
                + "Add 'source_code' property to [INFORMATION] section of INI file.\n"
                + "Store log: " + log().resolve("smp-server-store.log") + "\n"
                + "Serving SMP protocol on port 0 (TLS)...\n"
                + "\nWARNING: the clients will use port 443 by default soon.\n"
                + "Set `port` in smp-server.ini section [TRANSPORT] to `5223,443`\n\n"
                + "expiring messages after 21 days\n"
                + "expiring clients inactive for 21600 seconds every 3600 seconds\n"
                + "creating new queues allowed\n", r.out());
    }

    @Test
    void ghcRuntimeOptionsOfTheReferenceUnitsAreIgnoredWithOneLine() throws Exception {
        assertEquals(0, CliRun.smp(cfg(), log(), "init", "-y", "--disable-web").exitCode());
        // scripts/main/smp-server.service: ExecStart=/usr/local/bin/smp-server start +RTS -N -RTS
        CliRun r = CliRun.smp(cfg(), log(), "", server -> {
            throw new AssertionError("maintenance must not start the relay");
        }, "start", "+RTS", "-N", "-RTS", "-m");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(GhcRuntimeOptions.NOTE + "\n", r.err());
        CliRun toTheEnd = CliRun.xftp(cfg(), log(), "", server -> server.close(), "start", "+RTS", "-N", "-A16m");
        assertTrue(toTheEnd.err().startsWith(GhcRuntimeOptions.NOTE + "\n"), toTheEnd.err());
        assertFalse(toTheEnd.err().contains("Invalid option"), toTheEnd.err());
    }

    @Test
    void smpMaintenanceDoesNotListen() throws Exception {
        assertEquals(0, CliRun.smp(cfg(), log(), "init", "-y", "--disable-web").exitCode());
        CliRun r = CliRun.smp(cfg(), log(), "", server -> {
            throw new AssertionError("maintenance must not start the relay");
        }, "start", "-m");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().endsWith("Serving SMP protocol on port 5223 (TLS)...\nServing SMP protocol on port 443 (TLS)...\n"
                + "expiring messages after 21 days\n"
                + "expiring clients inactive for 21600 seconds every 3600 seconds\n"
                + "creating new queues requires password\n"), r.out());
        assertTrue(r.out().contains(":5223,443\n"), r.out());
    }

    @Test
    void xftpInitAndStart() throws Exception {
        Path files = tmp.resolve("files");
        CliRun init = CliRun.xftp(cfg(), log(), "init", "-p", files.toString(), "-q", "20gb", "--ip", "10.1.2.3");
        assertEquals(0, init.exitCode(), init.err());
        Path ini = cfg().resolve("file-server.ini");
        String fp = Files.readAllLines(cfg().resolve("fingerprint")).get(0);
        assertEquals("Server initialized, you can modify configuration in " + ini + ".\n"
                + "Run `file-server start` to start server.\n"
                + "----------\n"
                + "You should store CA private key securely and delete it from the server.\n"
                + "If server TLS credential is compromised this key can be used to sign a new one, keeping the same "
                + "server identity and established connections.\n"
                + "CA private key location:\n"
                + cfg().resolve("ca.key") + "\n"
                + "----------\n"
                + XftpServerCli.VERSION + "\n"
                + "Fingerprint: " + fp + "\n"
                + "Server address: xftp://" + fp + "@10.1.2.3\n", init.out());
        String text = Files.readString(ini);
        assertTrue(text.contains("\n[FILES]\npath = " + files + "\nstorage_quota = 20gb\n\n[INACTIVE_CLIENTS]\n"), text);
        assertTrue(text.endsWith("# cert = " + cfg().resolve("web.crt") + "\n# key = " + cfg().resolve("web.key") + "\n"));
        setPort(ini, "443", "0");
        List<String> negotiated = new ArrayList<>();
        CliRun r = CliRun.xftp(cfg(), log(), "", server -> {
            negotiated.add(connect(((XftpServer) server).port(), 0, "xftp/1"));
            server.close();
        }, "start");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("xftp/1"), negotiated);
        assertEquals(XftpServerCli.VERSION + "\n"
                + "Fingerprint: " + fp + "\n"
                + "Server address: xftp://" + fp + "@10.1.2.3:0\n"
                + "Warning: server source code is not specified.\n"
                + "Add 'source_code' property to [INFORMATION] section of INI file.\n"
                + "Store log: " + log().resolve("file-server-store.log") + "\n"
                + "expiring files after 2 days\n"
                + "not expiring inactive clients\n"
                + "Uploading new files allowed.\n"
                + "Listening on port 0...\n", r.out());
    }

    @Test
    void certRenewsOnlineCertificateKeepingIdentity() throws Exception {
        assertEquals(0, CliRun.smp(cfg(), log(), "init", "-y", "--disable-web").exitCode());
        byte[] before = Files.readAllBytes(cfg().resolve("server.crt"));
        String fp = Files.readAllLines(cfg().resolve("fingerprint")).get(0);
        CliRun r = CliRun.smp(cfg(), log(), "cert", "--cn", "new.example.com");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("Generated new server credentials\n----------\n"), r.out());
        assertTrue(!java.util.Arrays.equals(before, Files.readAllBytes(cfg().resolve("server.crt"))));
        assertEquals(fp, Files.readAllLines(cfg().resolve("fingerprint")).get(0));
        assertEquals(0, CliRun.smp(cfg(), log(), "", server -> server.close(), "start", "-m").exitCode());
    }
}
