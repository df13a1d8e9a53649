package dev.relayj.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A hand-driven HTTP/2 client over loopback, one server connection per peer, for frame-level tests.
 * Every read has a socket timeout, so a missing frame fails the test instead of hanging it.
 */
final class RawPeer implements AutoCloseable {
    record Frame(int type, int flags, int streamId, byte[] payload) {
        boolean has(int flag) {
            return (flags & flag) != 0;
        }

        int int32(int offset) {
            return ((payload[offset] & 0xff) << 24) | ((payload[offset + 1] & 0xff) << 16)
                    | ((payload[offset + 2] & 0xff) << 8) | (payload[offset + 3] & 0xff);
        }
    }

    record Response(int streamId, List<HeaderField> headers, byte[] body) {
        String status() {
            return headers.get(0).value();
        }
    }

    final Http2Connection connection;
    /** Completes with null when run() returned, or with what it threw. */
    final CompletableFuture<Throwable> serverEnded = new CompletableFuture<>();
    private final ServerSocket listener;
    private final Socket socket;
    private final Socket serverSide;
    private final InputStream in;
    private final OutputStream out;
    private final HpackDecoder responseDecoder = new HpackDecoder(4096, 1 << 20);

    RawPeer(Http2ServerConfig config, Http2Handler handler) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        socket.setSoTimeout(5000);
        serverSide = listener.accept();
        connection = new Http2Connection(serverSide.getInputStream(), serverSide.getOutputStream(), config, handler);
        Thread.ofVirtual().start(() -> {
            try {
                connection.run();
                serverEnded.complete(null);
            } catch (Throwable t) {
                serverEnded.complete(t);
            } finally {
                closeQuietly(serverSide);
            }
        });
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Preface, empty SETTINGS, the server's SETTINGS read and acknowledged. */
    RawPeer handshake() throws IOException {
        return handshake(new int[0][]);
    }

    RawPeer handshake(int[][] settings) throws IOException {
        preface();
        settings(settings);
        Frame serverSettings = next();
        assertEquals(FrameType.SETTINGS, serverSettings.type());
        frame(FrameType.SETTINGS, FrameType.FLAG_ACK, 0, new byte[0]);
        return this;
    }

    void preface() throws IOException {
        out.write(Http2FrameReader.PREFACE);
    }

    void settings(int[][] pairs) throws IOException {
        byte[] p = new byte[pairs.length * 6];
        for (int i = 0; i < pairs.length; i++) {
            p[6 * i] = (byte) (pairs[i][0] >>> 8);
            p[6 * i + 1] = (byte) pairs[i][0];
            put32(p, 6 * i + 2, pairs[i][1]);
        }
        frame(FrameType.SETTINGS, 0, 0, p);
    }

    void frame(int type, int flags, int streamId, byte[] payload) throws IOException {
        byte[] f = new byte[9 + payload.length];
        new FrameHeader(payload.length, type, flags, streamId).writeTo(f);
        System.arraycopy(payload, 0, f, 9, payload.length);
        out.write(f);
        out.flush();
    }

    void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void headers(int streamId, List<HeaderField> fields, boolean endStream) throws IOException {
        frame(FrameType.HEADERS, FrameType.FLAG_END_HEADERS | (endStream ? FrameType.FLAG_END_STREAM : 0), streamId,
                new HpackEncoder().encode(fields));
    }

    /** HEADERS without END_HEADERS: CONTINUATION frames must follow. */
    void headersWithoutEnd(int streamId, List<HeaderField> fields) throws IOException {
        frame(FrameType.HEADERS, FrameType.FLAG_END_STREAM, streamId, new HpackEncoder().encode(fields));
    }

    void request(int streamId, String method, String path, boolean endStream) throws IOException {
        headers(streamId, requestFields(method, path), endStream);
    }

    static List<HeaderField> requestFields(String method, String path, String... extra) {
        List<HeaderField> f = new ArrayList<>(List.of(new HeaderField(":method", method),
                new HeaderField(":scheme", "https"), new HeaderField(":authority", "localhost"),
                new HeaderField(":path", path)));
        for (int i = 0; i < extra.length; i += 2) {
            f.add(new HeaderField(extra[i], extra[i + 1]));
        }
        return f;
    }

    void data(int streamId, byte[] bytes, boolean endStream) throws IOException {
        frame(FrameType.DATA, endStream ? FrameType.FLAG_END_STREAM : 0, streamId, bytes);
    }

    void windowUpdate(int streamId, int increment) throws IOException {
        byte[] p = new byte[4];
        put32(p, 0, increment);
        frame(FrameType.WINDOW_UPDATE, 0, streamId, p);
    }

    Frame next() throws IOException {
        byte[] h = in.readNBytes(9);
        if (h.length < 9) {
            throw new IOException("server closed the connection");
        }
        int length = ((h[0] & 0xff) << 16) | ((h[1] & 0xff) << 8) | (h[2] & 0xff);
        int streamId = ((h[5] & 0x7f) << 24) | ((h[6] & 0xff) << 16) | ((h[7] & 0xff) << 8) | (h[8] & 0xff);
        byte[] p = in.readNBytes(length);
        assertEquals(length, p.length, "truncated frame");
        return new Frame(h[3] & 0xff, h[4] & 0xff, streamId, p);
    }

    /** Skips frames that do not matter to the test (SETTINGS, WINDOW_UPDATE, PING ACK). */
    Frame nextSignificant() throws IOException {
        while (true) {
            Frame f = next();
            if (f.type() != FrameType.SETTINGS && f.type() != FrameType.WINDOW_UPDATE
                    && !(f.type() == FrameType.PING && f.has(FrameType.FLAG_ACK))) {
                return f;
            }
        }
    }

    /** The connection must end with GOAWAY carrying {@code code}, then be closed. */
    void expectGoAway(Http2ErrorCode code) throws Exception {
        Frame f = skipUntil(FrameType.GOAWAY);
        assertEquals(code, Http2ErrorCode.of(f.int32(4)), "GOAWAY code");
        endOutputAfterGoAway();
        assertEquals(-1, in.read(), "connection closed after GOAWAY");
        Throwable ended = serverEnded.get(5, TimeUnit.SECONDS);
        if (ended != null && !(ended instanceof IOException)) {
            fail("server failed", ended);
        }
    }

    /** As {@link #expectGoAway}, with any frames (resets of streams included) before the GOAWAY. */
    void expectGoAwayAfterAnything(Http2ErrorCode code) throws Exception {
        Frame f = next();
        while (f.type() != FrameType.GOAWAY) {
            f = next();
        }
        assertEquals(code, Http2ErrorCode.of(f.int32(4)), "GOAWAY code");
        endOutputAfterGoAway();
        assertEquals(-1, in.read(), "connection closed after GOAWAY");
    }

    /**
     * As a client does after an error GOAWAY: it sends no more, so the server, which reads on for a
     * moment to close without a TCP reset, sees the end at once.
     */
    private void endOutputAfterGoAway() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            // already closed by the server
        }
    }

    void expectReset(int streamId, Http2ErrorCode code) throws IOException {
        Frame f = skipUntil(FrameType.RST_STREAM);
        assertEquals(streamId, f.streamId(), "RST_STREAM stream");
        assertEquals(code, Http2ErrorCode.of(f.int32(0)), "RST_STREAM code");
    }

    private Frame skipUntil(int type) throws IOException {
        while (true) {
            Frame f = next();
            if (f.type() == type) {
                return f;
            }
            if (f.type() == FrameType.GOAWAY || f.type() == FrameType.RST_STREAM) {
                fail("expected frame type " + type + " but got " + f.type() + " code " + f.int32(f.type() == FrameType.GOAWAY ? 4 : 0));
            }
        }
    }

    /** Reads one whole response; frames of other streams in between are not expected. */
    Response response(int streamId) throws Exception {
        Frame h = nextSignificant();
        assertEquals(FrameType.HEADERS, h.type(), "HEADERS expected, got type " + h.type());
        assertEquals(streamId, h.streamId());
        assertTrue(h.has(FrameType.FLAG_END_HEADERS));
        List<HeaderField> headers = responseDecoder.decode(h.payload());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean ended = h.has(FrameType.FLAG_END_STREAM);
        while (!ended) {
            Frame d = nextSignificant();
            assertEquals(FrameType.DATA, d.type(), "DATA expected, got type " + d.type());
            assertEquals(streamId, d.streamId());
            body.write(d.payload());
            ended = d.has(FrameType.FLAG_END_STREAM);
        }
        return new Response(streamId, headers, body.toByteArray());
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Reads whole responses of several streams whose frames may interleave. */
    java.util.Map<Integer, Response> responses(int count) throws Exception {
        java.util.Map<Integer, List<HeaderField>> headers = new java.util.HashMap<>();
        java.util.Map<Integer, ByteArrayOutputStream> bodies = new java.util.HashMap<>();
        java.util.Map<Integer, Response> done = new java.util.TreeMap<>();
        while (done.size() < count) {
            Frame f = nextSignificant();
            if (f.type() == FrameType.HEADERS) {
                headers.put(f.streamId(), responseDecoder.decode(f.payload()));
                bodies.put(f.streamId(), new ByteArrayOutputStream());
            } else {
                assertEquals(FrameType.DATA, f.type(), "DATA expected, got type " + f.type());
                bodies.get(f.streamId()).write(f.payload());
            }
            if (f.has(FrameType.FLAG_END_STREAM)) {
                done.put(f.streamId(), new Response(f.streamId(), headers.get(f.streamId()),
                        bodies.get(f.streamId()).toByteArray()));
            }
        }
        return done;
    }

    HpackDecoder responseDecoder() {
        return responseDecoder;
    }

    static void put32(byte[] b, int offset, int v) {
        b[offset] = (byte) (v >>> 24);
        b[offset + 1] = (byte) (v >>> 16);
        b[offset + 2] = (byte) (v >>> 8);
        b[offset + 3] = (byte) v;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // test cleanup
        }
    }

    @Override
    public void close() throws Exception {
        closeQuietly(socket);
        closeQuietly(listener);
        serverEnded.get(10, TimeUnit.SECONDS);
    }
}
