package dev.relayj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.smp.server.SmpServer;
import dev.relayj.testing.ReferenceFixtures;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code start} generates the information site and serves it on [WEB] http and on the SMP port it
 * shares with [WEB] https: the same port speaks SMP to relay clients and HTTPS to browsers (SNI).
 */
@Timeout(150)
class WebSiteStartTest {
    private static final Path FIXTURES = ReferenceFixtures.DIR;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path tmp;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String replace(String text, String from, String to) {
        assertTrue(text.contains(from), from);
        return text.replace(from, to);
    }

    @Test
    void siteIsGeneratedAndServedOnHttpAndTheSharedSmpPort() throws Exception {
        Path cfg = tmp.resolve("etc");
        Path log = tmp.resolve("var");
        CliRun init = CliRun.smp(cfg, log, "init", "-y", "--no-password", "-a", "ED448");
        assertEquals(0, init.exitCode(), init.err());
        Files.copy(FIXTURES.resolve("web.crt"), cfg.resolve("web.crt"));
        Files.copy(FIXTURES.resolve("web.key"), cfg.resolve("web.key"));
        int shared = freePort();
        int http = freePort();
        Path ini = cfg.resolve("smp-server.ini");
        String text = Files.readString(ini);
        text = replace(text, "\nport = 5223,443\n", "\nport = " + shared + "\n");
        text = replace(text, "\nhttps = 443\n", "\nhttps = " + shared + "\n");
        text = replace(text, "\n# http = 8000\n", "\nhttp = " + http + "\n");
        Files.writeString(ini, text);

        List<String> seen = new ArrayList<>();
        Optional<Path> browser = chromium();
        CliRun r = CliRun.smp(cfg, log, "", server -> {
            assertEquals(List.of(shared), ((SmpServer) server).ports());
            seen.add(smpHello(shared));
            seen.add(firstLine(https(shared, "localhost")));
            seen.add(firstLine(http(http)));
            String page = https(shared, "localhost");
            assertTrue(page.contains("<html"), page);
            if (browser.isPresent()) {
                screenshot(browser.get(), shared);
            }
            server.close();
        }, "start");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("smp/1", "HTTP/1.1 200 OK", "HTTP/1.1 200 OK"), seen);
        assertTrue(Files.isRegularFile(log.resolve("www").resolve("index.html")));
        // the page names this software and the protocol versions it serves, not the reference's version alone
        String index = Files.readString(log.resolve("www").resolve("index.html"));
        assertTrue(index.contains("relayj " + RelayjBuild.CURRENT.version() + ", SMP protocol versions 6–18 "
                + "(compatible with simplexmq " + Banner.SIMPLEXMQ_VERSION + ")"), index);
        assertTrue(r.out().contains("Serving static site on port " + shared + " (TLS)..."), r.out());
        Assumptions.assumeTrue(browser.isPresent(), "chromium is not installed: the page was not rendered");
    }

    @Test
    void httpsOnItsOwnPortServesTheSiteWhileTheSmpPortStaysSmp() throws Exception {
        Path cfg = tmp.resolve("etc");
        Path log = tmp.resolve("var");
        CliRun init = CliRun.smp(cfg, log, "init", "-y", "--no-password", "-a", "ED448");
        assertEquals(0, init.exitCode(), init.err());
        Files.copy(FIXTURES.resolve("web.crt"), cfg.resolve("web.crt"));
        Files.copy(FIXTURES.resolve("web.key"), cfg.resolve("web.key"));
        int smp = freePort();
        int https = freePort();
        Path ini = cfg.resolve("smp-server.ini");
        String text = Files.readString(ini);
        text = replace(text, "\nport = 5223,443\n", "\nport = " + smp + "\n");
        text = replace(text, "\nhttps = 443\n", "\nhttps = " + https + "\n");
        Files.writeString(ini, text);
        List<String> seen = new ArrayList<>();
        CliRun r = CliRun.smp(cfg, log, "", server -> {
            seen.add(firstLine(https(https, "localhost")));
            seen.add(smpHello(smp));
            server.close();
        }, "start");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("HTTP/1.1 200 OK", "smp/1"), seen);
        assertTrue(!r.out().contains("Serving static site on port " + smp), r.out());
    }

    @Test
    void xftpSiteIsGeneratedAndServedOnHttp() throws Exception {
        Path cfg = tmp.resolve("etc");
        Path log = tmp.resolve("var");
        CliRun init = CliRun.xftp(cfg, log, "init", "-p", tmp.resolve("files").toString(), "-q", "1gb");
        assertEquals(0, init.exitCode(), init.err());
        int http = freePort();
        Path ini = cfg.resolve("file-server.ini");
        String text = Files.readString(ini);
        text = replace(text, "\nport = 443\n", "\nport = 0\n");
        text = replace(text, "\n# http = 8000\n", "\nhttp = " + http + "\n");
        Files.writeString(ini, text);
        List<String> pages = new ArrayList<>();
        CliRun r = CliRun.xftp(cfg, log, "", server -> {
            pages.add(http(http));
            server.close();
        }, "start");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("HTTP/1.1 200 OK", firstLine(pages.get(0)));
        assertTrue(pages.get(0).contains("<html"), pages.get(0));
        assertTrue(Files.isRegularFile(log.resolve("www").resolve("file").resolve("index.html")));
    }

    private static String firstLine(String response) {
        return response.substring(0, response.indexOf("\r\n"));
    }

    private static SSLContext trustAll() throws Exception {
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }

    /** An SMP client's TLS (no SNI, ALPN smp/1): the relay answers with its server hello. */
    private static String smpHello(int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) trustAll().getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            SSLParameters params = socket.getSSLParameters();
            params.setApplicationProtocols(new String[] {"smp/1"});
            socket.setSSLParameters(params);
            socket.startHandshake();
            byte[] start = socket.getInputStream().readNBytes(4);
            assertEquals(List.of(0, 6), List.of(start[2] & 0xFF, start[3] & 0xFF), "server hello from v6");
            return socket.getApplicationProtocol();
        }
    }

    /** A browser's TLS (SNI, ALPN http/1.1): GET / on the same port. */
    private static String https(int port, String sni) throws Exception {
        try (SSLSocket socket = (SSLSocket) trustAll().getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            SSLParameters params = socket.getSSLParameters();
            params.setApplicationProtocols(new String[] {"http/1.1"});
            params.setServerNames(List.of(new SNIHostName(sni)));
            socket.setSSLParameters(params);
            socket.startHandshake();
            return get(socket.getInputStream(), socket.getOutputStream());
        }
    }

    private static String http(int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            return get(socket.getInputStream(), socket.getOutputStream());
        }
    }

    private static String get(InputStream in, OutputStream out) throws IOException {
        out.write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
    }

    private static Optional<Path> chromium() {
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path candidate = Path.of(d, name);
                if (!d.isEmpty() && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** A real browser renders the page from the shared port (skipped without chromium). */
    private void screenshot(Path browser, int port) throws Exception {
        Path png = tmp.resolve("index.png");
        Path profile = Files.createDirectory(tmp.resolve("profile"));
        Process p = new ProcessBuilder(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--ignore-certificate-errors", "--user-data-dir=" + profile,
                "--screenshot=" + png, "--window-size=1200,900", "https://localhost:" + port + "/")
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("chromium.log").toFile())
                .start();
        try {
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium did not finish");
        } finally {
            p.destroyForcibly();
        }
        assertTrue(Files.exists(png), () -> "no screenshot: " + read(tmp.resolve("chromium.log")));
        byte[] image = Files.readAllBytes(png);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(image, 8));
        assertTrue(image.length > 20_000, "screenshot of " + image.length + " octets looks blank");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
