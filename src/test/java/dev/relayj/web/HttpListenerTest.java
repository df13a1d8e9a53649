package dev.relayj.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class HttpListenerTest {
    @TempDir
    Path tmp;

    private Path site;
    private HttpListener listener;

    @BeforeEach
    void start() throws IOException {
        site = tmp.resolve("www");
        StaticSite.generate(site, StaticSiteTest.fullInfo());
        Files.writeString(tmp.resolve("secret.txt"), "outside");
        Files.writeString(site.resolve(".hidden"), "hidden");
        Files.createSymbolicLink(site.resolve("escape.txt"), tmp.resolve("secret.txt"));
        Files.createSymbolicLink(site.resolve("up"), tmp);
        listener = HttpListener.open("127.0.0.1", 0,
                new StaticFileServer(site, new WebLimits(Duration.ofSeconds(2), Duration.ofSeconds(5), 3, 2048, 20)));
    }

    @AfterEach
    void stop() {
        listener.close();
    }

    /** One exchange's parsed response; header names in lower case. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), listener.port());
        s.setSoTimeout(10_000);
        return s;
    }

    /** Reads one response; for HEAD the body is not read whatever Content-Length says. */
    static Response readResponse(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        assertEquals("HTTP/1.1", parts[0], statusLine);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l; !(l = line(in)).isEmpty(); ) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
        }
        int length = head ? 0 : Integer.parseInt(headers.get("content-length"));
        return new Response(Integer.parseInt(parts[1]), headers, in.readNBytes(length));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new IOException("closed");
            }
            b.write(c);
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private Response exchange(String request) throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return readResponse(s.getInputStream(), request.startsWith("HEAD "));
        }
    }

    private Response get(String path) throws IOException {
        return exchange("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    @Test
    void pagesThroughTheJdkClient() throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + listener.port() + "/").toURL()
                .openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(10_000);
        assertEquals(200, c.getResponseCode());
        assertEquals("text/html", c.getContentType());
        byte[] body = c.getInputStream().readAllBytes();
        assertArrayEquals(Files.readAllBytes(site.resolve("index.html")), body);
        assertEquals(body.length, c.getContentLengthLong());
        c.disconnect();

        HttpURLConnection missing = (HttpURLConnection) URI.create("http://127.0.0.1:" + listener.port() + "/nothing")
                .toURL().openConnection();
        missing.setReadTimeout(10_000);
        assertEquals(404, missing.getResponseCode());
        missing.disconnect();
    }

    @Test
    void getHeadAndRoutes() throws IOException {
        Response index = get("/");
        assertEquals(200, index.status());
        assertEquals("text/html", index.headers().get("content-type"));
        assertEquals("close", index.headers().get("connection"));
        assertTrue(index.text().contains("Server information"));

        Response head = exchange("HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertEquals(200, head.status());
        assertEquals(index.headers().get("content-length"), head.headers().get("content-length"));
        assertEquals(0, head.body().length);

        byte[] linkPage = Files.readAllBytes(site.resolve("contact/index.html"));
        for (String p : new String[] {"/contact", "/contact/", "/a", "/i/?x=1", "/invitation"}) {
            Response r = get(p);
            assertEquals(200, r.status(), p);
            assertArrayEquals(linkPage, r.body(), p);
        }
        assertEquals(200, get("/index.html").status());
        assertEquals(404, get("/index.html/").status());
        assertEquals(404, get("/contact/x").status());

        Response apple = get("/.well-known/apple-app-site-association");
        assertEquals(200, apple.status());
        assertEquals("application/json", apple.headers().get("content-type"));
        Response links = get("/.well-known/assetlinks.json");
        assertEquals("application/json", links.headers().get("content-type"));
        assertArrayEquals(Files.readAllBytes(site.resolve("well-known/assetlinks.json")), links.body());
    }

    @Test
    void gzipWhenAccepted() throws IOException {
        Response r = exchange("GET / HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip, br\r\nConnection: close\r\n\r\n");
        assertEquals("gzip", r.headers().get("content-encoding"));
        assertEquals("Accept-Encoding", r.headers().get("vary"));
        try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
            assertArrayEquals(Files.readAllBytes(site.resolve("index.html")), gz.readAllBytes());
        }
    }

    @Test
    void nothingOutsideTheSiteNorHidden() throws IOException {
        for (String p : new String[] {"/../secret.txt", "/%2e%2e/secret.txt", "/contact/..%2f..%2fsecret.txt",
                "/a%2f..", "/a%00", "/..\\secret.txt", "/%"}) {
            assertEquals(400, get(p).status(), p);
        }
        for (String p : new String[] {"/escape.txt", "/up/secret.txt", "/.hidden", "/%2ehidden", "/well-known/../x"}) {
            int status = get(p).status();
            assertTrue(status == 404 || status == 400, p + " " + status);
        }
        assertEquals(404, get("/escape.txt").status());
        assertEquals(404, get("/up/secret.txt").status());
        assertEquals(404, get("/.hidden").status());
    }

    @Test
    void onlyGetAndHead() throws IOException {
        Response post = exchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
        assertEquals(405, post.status());
        assertEquals("GET, HEAD", post.headers().get("allow"));
        assertEquals("close", post.headers().get("connection"));
        assertEquals(405, exchange("DELETE /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status());
        assertEquals(400, exchange("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n").status());
    }

    @Test
    void malformedRequestsGetAnErrorAndTheConnectionEnds() throws IOException {
        assertEquals(400, exchange("GARBAGE\r\n\r\n").status());
        assertEquals(400, exchange("GET  / HTTP/1.1\r\n\r\n").status());
        assertEquals(400, exchange("GET / HTTP/1.1 extra\r\n\r\n").status());
        assertEquals(400, exchange("G(T / HTTP/1.1\r\n\r\n").status());
        assertEquals(505, exchange("GET / HTTP/2.0\r\n\r\n").status());
        assertEquals(400, exchange("GET / FTP/1.0\r\n\r\n").status());
        assertEquals(400, exchange("GET / HTTP/1.1\r\nBad Header: x\r\n\r\n").status());
        assertEquals(400, exchange("GET / HTTP/1.1\r\nHost : x\r\n\r\n").status());
        assertEquals(400, exchange("GET / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n").status());
        assertEquals(400, exchange("GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n").status());
        assertEquals(400, exchange("GET http://x/ HTTP/1.1\r\n\r\n").status());
        assertEquals(400, exchange("\u0000\u0001\u00ff\r\n\r\n").status());
        // the listener is still fine
        assertEquals(200, get("/").status());
    }

    @Test
    void oversizedHeadsAreRefused() throws IOException {
        assertEquals(414, exchange("GET /" + "a".repeat(3000) + " HTTP/1.1\r\n\r\n").status());
        assertEquals(431, exchange("GET / HTTP/1.1\r\nX-Big: " + "b".repeat(3000) + "\r\n\r\n").status());
        StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\n");
        for (int i = 0; i < 25; i++) {
            many.append("X-").append(i).append(": 1\r\n");
        }
        assertEquals(431, exchange(many.append("\r\n").toString()).status());
    }

    @Test
    void keepAliveServesSeveralRequestsUpToTheLimit() throws IOException {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            // two requests in one write: the second waits in the buffer while the first is answered
            out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\nHEAD /contact HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            Response first = readResponse(in, false);
            assertEquals(200, first.status());
            assertEquals(null, first.headers().get("connection"));
            Response second = readResponse(in, true);
            assertEquals(200, second.status());
            out.write("GET /missing HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            Response third = readResponse(in, false);
            assertEquals(404, third.status());
            assertEquals("close", third.headers().get("connection"), "the limit is 3 requests");
            assertEquals(-1, in.read());
        }
    }

    @Test
    void http10ClosesUnlessAskedToKeepAlive() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            Response r = readResponse(s.getInputStream(), false);
            assertEquals("keep-alive", r.headers().get("connection"));
            s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals("close", readResponse(s.getInputStream(), false).headers().get("connection"));
            assertEquals(-1, s.getInputStream().read());
        }
    }

    @Test
    void idleAndHalfSentRequestsAreClosed() throws IOException {
        try (Socket idle = connect(); Socket slow = connect()) {
            slow.getOutputStream().write("GET / HTTP/1.1\r\nHost:".getBytes(StandardCharsets.ISO_8859_1));
            // the idle timeout is 2 s; the read timeout of 10 s bounds the wait
            assertEquals(-1, idle.getInputStream().read());
            assertEquals(-1, slow.getInputStream().read());
        }
    }

    @Test
    void closeEndsOpenConnections() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(200, readResponse(s.getInputStream(), false).status());
            listener.close();
            assertEquals(-1, s.getInputStream().read());
        }
    }

    @Test
    void missingSiteIsNotFound() throws IOException {
        try (HttpListener empty = HttpListener.open("127.0.0.1", 0, new StaticFileServer(tmp.resolve("absent")));
                Socket s = new Socket(InetAddress.getLoopbackAddress(), empty.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(404, readResponse(s.getInputStream(), false).status());
        }
    }

    @Test
    void portInUseIsOneClearError() throws IOException {
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> HttpListener.open("127.0.0.1", listener.port(), new StaticFileServer(site)));
        assertTrue(e.getMessage().startsWith("cannot listen for HTTP on 127.0.0.1:" + listener.port()), e.getMessage());
    }
}
