package dev.relayj.http2;

import dev.relayj.testing.ProcessResources;
import static dev.relayj.http2.Http2ErrorCode.CANCEL;
import static dev.relayj.http2.Http2ErrorCode.ENHANCE_YOUR_CALM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14 items 2 and 3 at the frame level: waits on a client are bounded, and floods that cost
 * the server without serving anyone end the connection with GOAWAY ENHANCE_YOUR_CALM.
 */
@Timeout(60)
class Http2AbuseTest {
    private static final Http2ServerConfig CONFIG = Http2ServerConfig.DEFAULT.withStallTimeout(Duration.ofMillis(500));

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peakRunning = new AtomicInteger();
    private final AtomicInteger downloadsEnded = new AtomicInteger();
    private RawPeer peer;

    private final Http2Handler handler = (request, response) -> {
        switch (request.path()) {
            case "/big" -> response.send(new byte[40_000]);
            case "/read" -> response.send(request.body().readAllBytes());
            case "/stream" -> {
                byte[] piece = new byte[16384];
                try (java.io.OutputStream body = response.body()) {
                    for (int i = 0; i < 256; i++) { // 4 MB, as an XFTP chunk download
                        body.write(piece);
                    }
                }
            }
            case "/download" -> {
                byte[] piece = new byte[16384];
                try (java.io.OutputStream body = response.body()) {
                    for (int i = 0; i < 256; i++) {
                        body.write(piece);
                    }
                } finally {
                    downloadsEnded.incrementAndGet();
                }
            }
            case "/block" -> {
                peakRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                } finally {
                    running.decrementAndGet();
                }
            }
            default -> response.send(new byte[0]);
        }
    };

    @AfterEach
    void close() throws Exception {
        release.countDown();
        if (peer != null) {
            peer.close();
        }
    }

    private RawPeer open(Http2ServerConfig config) throws IOException {
        peer = new RawPeer(config, handler);
        return peer;
    }

    @Test
    void aClientThatNeverOpensItsWindowHasTheStreamResetWithinTheBound() throws Exception {
        // INITIAL_WINDOW_SIZE 1000: the response stops after 1000 octets until a WINDOW_UPDATE that never comes
        RawPeer p = open(CONFIG).handshake(new int[][] {{Http2Settings.INITIAL_WINDOW_SIZE, 1000}});
        long started = System.nanoTime();
        p.request(1, "GET", "/big", true);
        p.expectReset(1, CANCEL);
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(4), "reset after the stall timeout");
        p.request(3, "GET", "/small", true);
        assertEquals("200", p.response(3).status());
    }

    @Test
    void aRequestBodyThatNeverComesHasTheStreamResetWithinTheBound() throws Exception {
        RawPeer p = open(CONFIG).handshake();
        p.request(1, "POST", "/read", false);
        p.expectReset(1, CANCEL);
        p.request(3, "GET", "/small", true);
        assertEquals("200", p.response(3).status());
    }

    @Test
    void rapidResetEndsInEnhanceYourCalmAndResetHandlersStillCount() throws Exception {
        RawPeer p = open(Http2ServerConfig.DEFAULT).handshake();
        byte[] cancel = new byte[4];
        RawPeer.put32(cancel, 0, CANCEL.code());
        try {
            for (int i = 0; i < 10_000; i++) {
                int stream = 2 * i + 1;
                p.request(stream, "GET", "/block", true);
                p.frame(FrameType.RST_STREAM, 0, stream, cancel);
            }
        } catch (IOException closedByTheServer) {
            // the relay may close before all 10,000 are written
        }
        p.expectGoAwayAfterAnything(ENHANCE_YOUR_CALM);
        assertTrue(peakRunning.get() <= Http2ServerConfig.DEFAULT.maxConcurrentStreams(),
                "handlers of reset streams ran beyond the limit: " + peakRunning.get());
    }

    @Test
    void aClientThatDoesNotReadItsResponsesCostsBoundedMemory() throws Exception {
        // the client opens every window wide and then reads nothing: the responses wait in the
        // socket's buffers and the handlers' threads, not in queues of ours
        RawPeer p = open(CONFIG.withStallTimeout(Duration.ofSeconds(30)))
                .handshake(new int[][] {{Http2Settings.INITIAL_WINDOW_SIZE, Http2Settings.MAX_WINDOW_SIZE}});
        p.windowUpdate(0, Http2Settings.MAX_WINDOW_SIZE - 65535);
        long before = ProcessResources.usedHeapAfterGc();
        for (int i = 0; i < 50; i++) {
            p.request(2 * i + 1, "GET", "/stream", true);
        }
        for (int i = 0; i < 1000; i++) {
            p.frame(FrameType.PING, FrameType.FLAG_ACK, 0, new byte[8]); // harmless frames keep coming
        }
        Thread.sleep(1500);
        long grown = ProcessResources.usedHeapAfterGc() - before;
        // 50 responses of 4 MB would be 200 MB if they were buffered
        assertTrue(grown < 32L << 20, "heap grew by " + (grown >> 20) + " MiB");
    }

    @Test
    void streamsWaitingBehindAWriterBlockedOnAClientThatDoesNotReadGiveUpWithinTheBound() throws Exception {
        // windows wide open, nothing read: one handler blocks in the socket write holding the
        // writer, the others wait for it and must give up after the stall timeout (item 6)
        RawPeer p = open(CONFIG)
                .handshake(new int[][] {{Http2Settings.INITIAL_WINDOW_SIZE, Http2Settings.MAX_WINDOW_SIZE}});
        p.windowUpdate(0, Http2Settings.MAX_WINDOW_SIZE - 65535);
        int requests = 20;
        for (int i = 0; i < requests; i++) {
            p.request(2 * i + 1, "GET", "/download", true);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (downloadsEnded.get() < requests - 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(downloadsEnded.get() >= requests - 1,
                "handlers still waiting for the writer: " + (requests - downloadsEnded.get()));
    }


    @Test
    void continuationFloodEndsInEnhanceYourCalm() throws Exception {
        RawPeer p = open(Http2ServerConfig.DEFAULT).handshake();
        p.headersWithoutEnd(1, RawPeer.requestFields("GET", "/small"));
        try {
            for (int i = 0; i < 1000; i++) {
                p.frame(FrameType.CONTINUATION, 0, 1, new byte[0]);
            }
        } catch (IOException closedByTheServer) {
            // expected once the relay has had enough
        }
        p.expectGoAway(ENHANCE_YOUR_CALM);
    }

    @Test
    void pingFloodEndsInEnhanceYourCalm() throws Exception {
        RawPeer p = open(Http2ServerConfig.DEFAULT).handshake();
        try {
            for (int i = 0; i < 1000; i++) {
                p.frame(FrameType.PING, 0, 0, new byte[8]);
            }
        } catch (IOException closedByTheServer) {
            // expected
        }
        p.expectGoAway(ENHANCE_YOUR_CALM);
    }

    @Test
    void settingsFloodEndsInEnhanceYourCalm() throws Exception {
        RawPeer p = open(Http2ServerConfig.DEFAULT).handshake();
        try {
            for (int i = 0; i < 1000; i++) {
                p.settings(new int[0][]);
            }
        } catch (IOException closedByTheServer) {
            // expected
        }
        p.expectGoAway(ENHANCE_YOUR_CALM);
    }

    @Test
    void emptyDataFloodEndsInEnhanceYourCalm() throws Exception {
        RawPeer p = open(Http2ServerConfig.DEFAULT).handshake();
        p.request(1, "POST", "/block", false);
        try {
            for (int i = 0; i < 1000; i++) {
                p.data(1, new byte[0], false);
            }
        } catch (IOException closedByTheServer) {
            // expected
        }
        p.expectGoAway(ENHANCE_YOUR_CALM);
    }

    @Test
    void streamErrorsWeAreMadeToSendEndInEnhanceYourCalm() throws Exception {
        RawPeer p = open(Http2ServerConfig.DEFAULT).handshake();
        byte[] zero = new byte[4];
        try {
            for (int i = 0; i < 1000; i++) {
                int stream = 2 * i + 1;
                p.request(stream, "POST", "/block", false);
                // a WINDOW_UPDATE of 0 on a stream is a stream error: we must reset it ("MadeYouReset")
                p.frame(FrameType.WINDOW_UPDATE, 0, stream, zero);
            }
        } catch (IOException closedByTheServer) {
            // expected
        }
        p.expectGoAwayAfterAnything(ENHANCE_YOUR_CALM);
    }
}
