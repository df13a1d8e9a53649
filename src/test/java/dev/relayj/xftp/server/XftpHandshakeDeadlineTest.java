package dev.relayj.xftp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 1 on the XFTP port: a connection that finishes TLS but never finishes the XFTP
 * handshake is closed at the setup deadline; one past its handshake is not.
 */
class XftpHandshakeDeadlineTest {
    private static final Duration DEADLINE = Duration.ofMillis(800);

    @TempDir
    Path dir;
    private XftpServer server;

    @BeforeEach
    void start() throws IOException {
        TestServer test = new TestServer(dir);
        test.handshakeTimeout = DEADLINE;
        server = test.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aClientSilentAfterTlsIsClosedAtTheDeadline() throws Exception {
        try (TestTls tls = TestTls.connect(server.port(), List.of("xftp/1"), null)) {
            long started = System.nanoTime();
            InputStream in = tls.input();
            // the relay sends its HTTP/2 SETTINGS, then must close; without a deadline this read
            // runs into the test client's 30 s socket timeout instead
            while (in.read() >= 0) {
                // drain until the relay closes the connection
            }
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(elapsedMillis < 20_000, "closed after " + elapsedMillis + " ms");
        } catch (IOException closedByReset) {
            // a reset is a close too
        }
    }

    @Test
    void aClientThatSentOnlyTheHelloIsClosedAtTheDeadline() throws Exception {
        TestTls tls = TestTls.connect(server.port(), List.of("xftp/1"), null);
        TestH2Client http2 = tls.http2();
        try {
            assertEquals(200, http2.post(new byte[0], Map.of()).status());
            http2.goAway().get(20, TimeUnit.SECONDS);
            assertThrows(Exception.class, () -> http2.post(new byte[0], Map.of()));
        } finally {
            http2.close();
        }
    }

    @Test
    void aClientPastItsHandshakeOutlivesTheDeadline() throws Exception {
        try (TestXftpClient client = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH)) {
            Thread.sleep(DEADLINE.multipliedBy(3).toMillis());
            // a second handshake request is answered on the same connection
            assertEquals(200, client.post(new byte[0], Map.of()).status());
        }
    }

    @Test
    void aClientWithoutAlpnIsPastItsSetupAfterItsFirstRequest() throws Exception {
        try (TestXftpClient client = TestXftpClient.openNative(server.port(), null, null)) {
            assertEquals(200, client.post(new byte[0], Map.of()).status());
            Thread.sleep(DEADLINE.multipliedBy(3).toMillis());
            assertEquals(200, client.post(new byte[0], Map.of()).status());
        }
    }
}
