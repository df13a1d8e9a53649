package dev.relayj.http2;

import static dev.relayj.http2.Http2ErrorCode.COMPRESSION_ERROR;
import static dev.relayj.http2.Http2ErrorCode.FLOW_CONTROL_ERROR;
import static dev.relayj.http2.Http2ErrorCode.FRAME_SIZE_ERROR;
import static dev.relayj.http2.Http2ErrorCode.PROTOCOL_ERROR;
import static dev.relayj.http2.Http2ErrorCode.REFUSED_STREAM;
import static dev.relayj.http2.Http2ErrorCode.STREAM_CLOSED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Protocol violations and their RFC 9113 error codes, driven frame by frame over loopback. */
@Timeout(30)
class Http2FrameLevelTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<Throwable> blockedBodyRead = new CompletableFuture<>();
    private RawPeer peer;

    private final Http2Handler handler = (request, response) -> {
        switch (request.path()) {
            case "/echo" -> response.header("x-method", request.method()).send(request.body().readAllBytes());
            case "/block" -> {
                awaitRelease();
                response.send("done".getBytes(StandardCharsets.US_ASCII));
            }
            case "/block-reading" -> {
                try {
                    request.body().readAllBytes();
                    blockedBodyRead.complete(null);
                } catch (IOException e) {
                    blockedBodyRead.complete(e);
                    throw e;
                }
            }
            case "/big" -> {
                byte[] b = new byte[40000];
                Arrays.fill(b, (byte) 'x');
                response.send(b);
            }
            default -> response.status(404).send(new byte[0]);
        }
    };

    private void awaitRelease() throws IOException {
        try {
            if (!release.await(10, TimeUnit.SECONDS)) {
                throw new IOException("test never released the handler");
            }
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    private RawPeer open(Http2ServerConfig config) throws IOException {
        peer = new RawPeer(config, handler);
        return peer;
    }

    private RawPeer open() throws IOException {
        return open(Http2ServerConfig.DEFAULT);
    }

    @AfterEach
    void close() throws Exception {
        release.countDown();
        if (peer != null) {
            peer.close();
        }
    }

    private static void assertEcho(RawPeer p, int streamId, String body) throws Exception {
        RawPeer.Response r = p.response(streamId);
        assertEquals("200", r.status());
        assertEquals(body, new String(r.body(), StandardCharsets.US_ASCII));
    }

    @Test
    void requestAndResponse() throws Exception {
        RawPeer p = open().handshake();
        p.request(1, "POST", "/echo", false);
        p.data(1, "hello".getBytes(StandardCharsets.US_ASCII), false);
        p.data(1, " world".getBytes(StandardCharsets.US_ASCII), true);
        RawPeer.Response r = p.response(1);
        assertEquals(List.of(new HeaderField(":status", "200"), new HeaderField("x-method", "POST")), r.headers());
        assertEquals("hello world", new String(r.body(), StandardCharsets.US_ASCII));
    }

    @Test
    void serverPrefaceIsSettingsThenConnectionWindow() throws Exception {
        RawPeer p = open();
        p.preface();
        p.settings(new int[0][]);
        RawPeer.Frame settings = p.next();
        assertEquals(FrameType.SETTINGS, settings.type());
        assertEquals(36, settings.payload().length);
        RawPeer.Frame window = p.next();
        assertEquals(FrameType.WINDOW_UPDATE, window.type());
        assertEquals(Http2ServerConfig.DEFAULT.connectionWindowSize() - 65535, window.int32(0));
        RawPeer.Frame ack = p.next();
        assertEquals(FrameType.SETTINGS, ack.type());
        assertTrue(ack.has(FrameType.FLAG_ACK));
    }

    @Test
    void badPrefaceIsProtocolError() throws Exception {
        RawPeer p = open();
        p.raw("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        p.expectGoAway(PROTOCOL_ERROR);
    }

    @Test
    void firstFrameMustBeSettings() throws Exception {
        RawPeer p = open();
        p.preface();
        p.frame(FrameType.PING, 0, 0, new byte[8]);
        p.expectGoAway(PROTOCOL_ERROR);
    }

    @Test
    void frameLargerThanMaxFrameSizeIsFrameSizeError() throws Exception {
        RawPeer p = open().handshake();
        p.request(1, "POST", "/echo", false);
        p.data(1, new byte[16385], false);
        p.expectGoAway(FRAME_SIZE_ERROR);
    }

    @Test
    void dataOnClosedStreamIsStreamClosedAndOthersContinue() throws Exception {
        RawPeer p = open().handshake();
        p.request(1, "GET", "/echo", true);
        assertEcho(p, 1, "");
        p.data(1, new byte[10], true);
        p.expectReset(1, STREAM_CLOSED);
        p.request(3, "POST", "/echo", false);
        p.data(3, "ok".getBytes(StandardCharsets.US_ASCII), true);
        assertEcho(p, 3, "ok");
    }

    @Test
    void dataAfterEndStreamIsStreamClosed() throws Exception {
        RawPeer p = open().handshake();
        p.request(1, "GET", "/block", true);
        p.data(1, new byte[1], false);
        p.expectReset(1, STREAM_CLOSED);
    }

    @Test
    void dataOnIdleStreamIsProtocolError() throws Exception {
        RawPeer p = open().handshake();
        p.data(5, new byte[1], false);
        p.expectGoAway(PROTOCOL_ERROR);
    }

    @Test
    void dataOnStreamZeroIsProtocolError() throws Exception {
        RawPeer p = open().handshake();
        p.data(0, new byte[1], false);
        p.expectGoAway(PROTOCOL_ERROR);
    }

    @Test
    void windowUpdateOverflowOnStreamResetsOnlyThatStream() throws Exception {
        RawPeer p = open().handshake();
        p.request(1, "GET", "/block", true);
        p.windowUpdate(1, Integer.MAX_VALUE);
        p.expectReset(1, FLOW_CONTROL_ERROR);
        p.request(3, "GET", "/echo", true);
        assertEcho(p, 3, "");
    }

    @Test
    void windowUpdateOverflowOnConnectionIsFlowControlError() throws Exception {
        RawPeer p = open().handshake();
        p.windowUpdate(0, Integer.MAX_VALUE);
        p.expectGoAway(FLOW_CONTROL_ERROR);
    }

    @Test
    void zeroWindowUpdate() throws Exception {
        RawPeer p = open().handshake();
        p.request(1, "GET", "/block", true);
        p.windowUpdate(1, 0);
        p.expectReset(1, PROTOCOL_ERROR);
        p.windowUpdate(0, 0);
        p.expectGoAway(PROTOCOL_ERROR);
    }

    @Test
    void windowUpdateOfWrongSizeIsFrameSizeError() throws Exception {
        RawPeer p = open().handshake();
        p.frame(FrameType.WINDOW_UPDATE, 0, 0, new byte[3]);
        p.expectGoAway(FRAME_SIZE_ERROR);
    }

    @Test
    void hpackGarbageIsCompressionError() throws Exception {
        RawPeer p = open().handshake();
        p.frame(FrameType.HEADERS, FrameType.FLAG_END_HEADERS | FrameType.FLAG_END_STREAM, 1,
                new byte[] {(byte) 0xbf, 0x00, 0x12});
        p.expectGoAway(COMPRESSION_ERROR);
    }

    @Test
    void headerBlockSplitOverContinuation() throws Exception {
        RawPeer p = open().handshake();
        byte[] block = new HpackEncoder().encode(RawPeer.requestFields("GET", "/echo", "x-a", "b".repeat(100)));
        p.frame(FrameType.HEADERS, FrameType.FLAG_END_STREAM, 1, Arrays.copyOfRange(block, 0, 10));
        p.frame(FrameType.CONTINUATION, 0, 1, Arrays.copyOfRange(block, 10, 50));
        p.frame(FrameType.CONTINUATION, FrameType.FLAG_END_HEADERS, 1, Arrays.copyOfRange(block, 50, block.length));
        assertEcho(p, 1, "");
    }

    @Test
    void otherFrameInsideHeaderBlockIsProtocolError() throws Exception {
        RawPeer p = open().handshake();
        byte[] block = new HpackEncoder().encode(RawPeer.requestFields("GET", "/echo"));
        p.frame(FrameType.HEADERS, FrameType.FLAG_END_STREAM, 1, Arrays.copyOfRange(block, 0, 3));
        p.frame(FrameType.PING, 0, 0, new byte[8]);
        p.expectGoAway(PROTOCOL_ERROR);
    }

    @Test
    void continuationOfAnotherStreamIsProtocolError() throws Exception {
        RawPeer p = open().handshake();
        byte[] block = new HpackEncoder().encode(RawPeer.requestFields("GET", "/echo"));
        p.frame(FrameType.HEADERS, FrameType.FLAG_END_STREAM, 1, Arrays.copyOfRange(block, 0, 3));
        p.frame(FrameType.CONTINUATION, FrameType.FLAG_END_HEADERS, 3, Arrays.copyOfRange(block, 3, block.length));
        p.expectGoAway(PROTOCOL_ERROR);
    }

    @Test
    void continuationWithoutHeadersIsProtocolError() throws Exception {
        RawPeer p = open().handshake();
        p.request(1, "GET", "/echo", true);
        assertEcho(p, 1, "");
        p.frame(FrameType.CONTINUATION, FrameType.FLAG_END_HEADERS, 1, new byte[] {(byte) 0x82});
        p.expectGoAway(PROTOCOL_ERROR);
    }

    @Test
    void evenStreamIdIsProtocolError() throws Exception {
        RawPeer p = open().handshake();
        p.request(2, "GET", "/echo", true);
        p.expectGoAway(PROTOCOL_ERROR);
    }

    @Test
    void decreasingStreamIdIsProtocolError() throws Exception {
        RawPeer p = open().handshake();
        p.request(5, "GET", "/echo", true);
        assertEcho(p, 5, "");
        p.request(3, "GET", "/echo", true);
        p.expectGoAway(PROTOCOL_ERROR);
    }

    @Test
    void headersOnClosedStreamIsStreamClosed() throws Exception {
        RawPeer p = open().handshake();
        p.request(1, "GET", "/echo", true);
        assertEcho(p, 1, "");
        p.request(1, "GET", "/echo", true);
        p.expectGoAway(STREAM_CLOSED);
    }

    @Test
    void streamsOverTheLimitAreRefusedAndTheRestCarryOn() throws Exception {
        RawPeer p = open(Http2ServerConfig.DEFAULT.withMaxConcurrentStreams(2)).handshake();
        p.request(1, "GET", "/block", true);
        p.request(3, "GET", "/block", true);
        p.request(5, "GET", "/block", true);
        p.expectReset(5, REFUSED_STREAM);
        release.countDown();
        java.util.Map<Integer, RawPeer.Response> done = p.responses(2);
        assertEquals(java.util.Set.of(1, 3), done.keySet());
        assertEquals("done", new String(done.get(3).body(), StandardCharsets.US_ASCII));
        p.request(7, "GET", "/echo", true);
        assertEcho(p, 7, "");
    }

    @Test
    void malformedRequestResetsOnlyItsStream() throws Exception {
        RawPeer p = open().handshake();
        p.headers(1, RawPeer.requestFields("GET", "/echo", "X-Upper", "1"), true);
        p.expectReset(1, PROTOCOL_ERROR);
        p.headers(3, List.of(new HeaderField(":method", "GET"), new HeaderField(":path", "/echo")), true);
        p.expectReset(3, PROTOCOL_ERROR);
        p.headers(5, RawPeer.requestFields("GET", "/echo", "connection", "close"), true);
        p.expectReset(5, PROTOCOL_ERROR);
        p.headers(7, RawPeer.requestFields("POST", "/echo", "content-length", "3"), false);
        p.data(7, new byte[4], true);
        p.expectReset(7, PROTOCOL_ERROR);
        p.request(9, "GET", "/echo", true);
        assertEcho(p, 9, "");
    }

    @Test
    void settingsErrors() throws Exception {
        int[][][] bad = {{{Http2Settings.ENABLE_PUSH, 2}}, {{Http2Settings.MAX_FRAME_SIZE, 100}},
            {{Http2Settings.INITIAL_WINDOW_SIZE, 0x80000000}}};
        Http2ErrorCode[] codes = {PROTOCOL_ERROR, PROTOCOL_ERROR, FLOW_CONTROL_ERROR};
        for (int i = 0; i < bad.length; i++) {
            try (RawPeer p = new RawPeer(Http2ServerConfig.DEFAULT, handler)) {
                p.handshake();
                p.settings(bad[i]);
                p.expectGoAway(codes[i]);
            }
        }
        try (RawPeer p = new RawPeer(Http2ServerConfig.DEFAULT, handler)) {
            p.handshake();
            p.frame(FrameType.SETTINGS, 0, 0, new byte[5]);
            p.expectGoAway(FRAME_SIZE_ERROR);
        }
        try (RawPeer p = new RawPeer(Http2ServerConfig.DEFAULT, handler)) {
            p.handshake();
            p.frame(FrameType.SETTINGS, 0, 1, new byte[0]);
            p.expectGoAway(PROTOCOL_ERROR);
        }
    }

    @Test
    void pingIsAnsweredAndPriorityAndUnknownFramesIgnored() throws Exception {
        RawPeer p = open().handshake();
        byte[] opaque = "12345678".getBytes(StandardCharsets.US_ASCII);
        p.frame(FrameType.PING, 0, 0, opaque);
        RawPeer.Frame pong;
        do {
            pong = p.next();
        } while (pong.type() != FrameType.PING);
        assertTrue(pong.has(FrameType.FLAG_ACK));
        assertArrayEquals(opaque, pong.payload());
        p.frame(FrameType.PRIORITY, 0, 9, new byte[] {0, 0, 0, 1, 16});
        p.frame(0x42, 0xff, 0, new byte[20]);
        p.frame(0x42, 0, 1, new byte[3]);
        p.request(1, "GET", "/echo", true);
        assertEcho(p, 1, "");
        p.frame(FrameType.PING, 0, 0, new byte[7]);
        p.expectGoAway(FRAME_SIZE_ERROR);
    }

    @Test
    void priorityOnItselfResetsTheStream() throws Exception {
        RawPeer p = open().handshake();
        p.frame(FrameType.PRIORITY, 0, 3, new byte[] {0, 0, 0, 3, 16});
        p.expectReset(3, PROTOCOL_ERROR);
    }

    @Test
    void clientResetFailsTheHandlersBodyRead() throws Exception {
        RawPeer p = open().handshake();
        p.request(1, "POST", "/block-reading", false);
        p.data(1, new byte[100], false);
        byte[] cancel = new byte[4];
        RawPeer.put32(cancel, 0, Http2ErrorCode.CANCEL.code());
        p.frame(FrameType.RST_STREAM, 0, 1, cancel);
        assertInstanceOf(IOException.class, blockedBodyRead.get(5, TimeUnit.SECONDS));
        p.request(3, "GET", "/echo", true);
        assertEcho(p, 3, "");
    }

    @Test
    void rstStreamOnIdleStreamIsProtocolError() throws Exception {
        RawPeer p = open().handshake();
        p.frame(FrameType.RST_STREAM, 0, 1, new byte[4]);
        p.expectGoAway(PROTOCOL_ERROR);
    }

    @Test
    void dataBeyondTheStreamWindowIsFlowControlError() throws Exception {
        RawPeer p = open(Http2ServerConfig.DEFAULT.withWindows(65535, 1 << 20)).handshake();
        p.request(1, "POST", "/block", false);
        byte[] chunk = new byte[16384];
        for (int i = 0; i < 3; i++) {
            p.data(1, chunk, false);
        }
        p.data(1, new byte[16383], false);
        p.data(1, new byte[1], false);
        p.expectReset(1, FLOW_CONTROL_ERROR);
    }

    @Test
    void largeBodyFlowsAsTheHandlerReads() throws Exception {
        RawPeer p = open(Http2ServerConfig.DEFAULT.withWindows(65535, 65535)).handshake();
        p.request(1, "POST", "/echo", false);
        byte[] chunk = new byte[16384];
        new Random(1).nextBytes(chunk);
        // 1 MB through 64 KB windows: only possible if WINDOW_UPDATEs come back as the handler reads
        int received = 0;
        long window = 65535;
        long connectionWindow = 65535;
        for (int i = 0; i < 64; i++) {
            while (window < chunk.length || connectionWindow < chunk.length) {
                RawPeer.Frame f = p.next();
                if (f.type() == FrameType.WINDOW_UPDATE) {
                    if (f.streamId() == 0) {
                        connectionWindow += f.int32(0);
                    } else {
                        window += f.int32(0);
                    }
                }
            }
            p.data(1, chunk, i == 63);
            window -= chunk.length;
            connectionWindow -= chunk.length;
            received += chunk.length;
        }
        p.windowUpdate(0, 1 << 21);
        p.windowUpdate(1, 1 << 21);
        RawPeer.Response r = p.response(1);
        assertEquals(received, r.body().length);
    }

    @Test
    void slowStreamDoesNotBlockAnother() throws Exception {
        // initial window 0: nothing flows on a stream until the client opens its window
        RawPeer p = open().handshake(new int[][] {{Http2Settings.INITIAL_WINDOW_SIZE, 0}});
        p.request(1, "GET", "/big", true);
        p.request(3, "GET", "/big", true);
        p.windowUpdate(3, 40000);
        boolean headers1 = false;
        boolean ended3 = false;
        int received = 0;
        while (!ended3 || !headers1) {
            RawPeer.Frame f = p.nextSignificant();
            if (f.type() == FrameType.HEADERS) {
                p.responseDecoder().decode(f.payload());
                headers1 |= f.streamId() == 1;
                continue;
            }
            assertEquals(FrameType.DATA, f.type());
            assertEquals(3, f.streamId(), "stream 1 has no window and must stay silent");
            received += f.payload().length;
            ended3 = f.has(FrameType.FLAG_END_STREAM);
        }
        assertEquals(40000, received);
        RawPeer.Frame d;
        p.windowUpdate(0, 40000);
        p.windowUpdate(1, 40000);
        received = 0;
        do {
            d = p.nextSignificant();
            assertEquals(1, d.streamId());
            received += d.payload().length;
        } while (!d.has(FrameType.FLAG_END_STREAM));
        assertEquals(40000, received);
    }

    @Test
    void oversizedHeaderListGets431() throws Exception {
        RawPeer p = open(Http2ServerConfig.DEFAULT.withMaxHeaderListSize(1024)).handshake();
        p.headers(1, RawPeer.requestFields("GET", "/echo", "x-big", "v".repeat(2000)), true);
        assertEquals("431", p.response(1).status());
        p.request(3, "GET", "/echo", true);
        assertEcho(p, 3, "");
    }

    @Test
    void gracefulShutdownLetsOpenStreamsFinish() throws Exception {
        RawPeer p = open().handshake();
        p.request(1, "GET", "/block", true);
        p.request(3, "GET", "/echo", true);
        assertEcho(p, 3, "");
        CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> {
            try {
                return p.connection.shutdown(Duration.ofSeconds(10));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        RawPeer.Frame goAway = p.nextSignificant();
        assertEquals(FrameType.GOAWAY, goAway.type());
        assertEquals(3, goAway.int32(0));
        assertEquals(Http2ErrorCode.NO_ERROR.code(), goAway.int32(4));
        p.request(5, "GET", "/echo", true);
        p.expectReset(5, REFUSED_STREAM);
        assertFalse(stopped.isDone());
        release.countDown();
        assertEquals("done", new String(p.response(1).body(), StandardCharsets.US_ASCII));
        assertTrue(stopped.get(5, TimeUnit.SECONDS));
    }

    @Test
    void randomGarbageNeverCrashesTheServer() throws Exception {
        Random random = new Random(42);
        for (int round = 0; round < 150; round++) {
            try (RawPeer p = new RawPeer(Http2ServerConfig.DEFAULT, handler)) {
                p.preface();
                p.settings(new int[0][]);
                byte[] junk = new byte[random.nextInt(200)];
                random.nextBytes(junk);
                if (round % 2 == 0 && junk.length > 9) {
                    // plausible frame headers get further into the parser
                    junk[0] = 0;
                    junk[1] = 0;
                    junk[2] = (byte) random.nextInt(40);
                    junk[3] = (byte) random.nextInt(11);
                }
                try {
                    p.raw(junk);
                    p.raw(new byte[] {0, 0, 8, FrameType.GOAWAY, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
                    p.shutdownOutput();
                } catch (IOException e) {
                    // the server may already have ended the connection, which is what we are testing
                }
                Throwable ended = p.serverEnded.get(10, TimeUnit.SECONDS);
                if (ended != null) {
                    assertInstanceOf(IOException.class, ended, "round " + round);
                }
            }
        }
    }
}
