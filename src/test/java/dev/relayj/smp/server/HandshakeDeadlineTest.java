package dev.relayj.smp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.Command;
import dev.relayj.protocol.EntityId;
import dev.relayj.tls.TestTlsClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ProtocolVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 1: a client that completes TLS and then never sends its SMP handshake is closed at
 * the setup deadline ({@code smpHandshakeTimeout} in the reference's Server.hs, shortened here), while
 * a client past its handshake is left alone however long it stays quiet.
 */
class HandshakeDeadlineTest {
    private static final Duration DEADLINE = Duration.ofMillis(800);

    @TempDir
    Path dir;
    private TestServer server;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start(dir, TestServer.config(dir, TestServer.Settings.DEFAULT),
                TestServer.TUNING.withHandshakeTimeout(DEADLINE));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aClientSilentAfterTlsIsClosedAtTheDeadline() throws Exception {
        List<TestTlsClient> silent = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                silent.add(new TestTlsClient(ProtocolVersion.TLSv13.only(),
                        new int[] {CipherSuite.TLS_CHACHA20_POLY1305_SHA256}, List.of("smp/1"), null, null)
                        .connect(server.port()));
            }
            long started = System.nanoTime();
            for (TestTlsClient client : silent) {
                assertClosed(client.input());
            }
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            // without a deadline the reads above end only at the test client's 30 s socket timeout
            assertTrue(elapsedMillis < 20_000, "closed after " + elapsedMillis + " ms");
        } finally {
            for (TestTlsClient client : silent) {
                client.close();
            }
        }
        try (TestSmpClient healthy = TestSmpClient.connect(server.port(), 6)) {
            assertEquals(BrokerMessage.PONG, healthy.call(EntityId.NONE, Command.PING, null));
        }
    }

    @Test
    void aClientPastItsHandshakeOutlivesTheDeadline() throws Exception {
        try (TestSmpClient client = TestSmpClient.connect(server.port(), 6)) {
            Thread.sleep(DEADLINE.multipliedBy(3).toMillis());
            assertEquals(BrokerMessage.PONG, client.call(EntityId.NONE, Command.PING, null));
        }
    }

    /** Reads the server's handshake block, then expects the end of the stream (or a reset). */
    private static void assertClosed(InputStream in) {
        try {
            while (in.read(new byte[16384]) >= 0) {
                // the relay's handshake, then nothing until it closes
            }
        } catch (IOException closedByReset) {
            assertTrue(!(closedByReset instanceof java.net.SocketTimeoutException), "still open: " + closedByReset);
        }
    }
}
