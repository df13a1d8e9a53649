package dev.relayj.xftp.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A minimal HTTP/2 client written for these tests (RFC 9113 from scratch, not the server's code):
 * POST requests with literal header fields, request bodies sent within the peer's flow-control
 * windows, a receive window large enough that the server never waits for us. A reader thread
 * collects responses by stream. Only ":status" is decoded from response headers (the server sends
 * it as an indexed static entry); the rest of the header block is kept raw.
 */
final class TestH2Client implements java.io.Closeable {
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DATA = 0;
    private static final int HEADERS = 1;
    private static final int RST_STREAM = 3;
    private static final int SETTINGS = 4;
    private static final int PING = 6;
    private static final int GOAWAY = 7;
    private static final int WINDOW_UPDATE = 8;
    private static final int CONTINUATION = 9;
    private static final int END_STREAM = 1;
    private static final int END_HEADERS = 4;
    private static final int ACK = 1;
    private static final int MAX_WINDOW = 0x7fffffff;
    private static final int FRAME = 16384;

    /** A response: status (0 if not an indexed static one), the raw header block after it, body. */
    record Response(int status, byte[] otherHeaders, byte[] body) {}

    private static final class StreamState {
        final ByteArrayOutputStream headerBlock = new ByteArrayOutputStream();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final CompletableFuture<Response> done = new CompletableFuture<>();
        long sendWindow;
    }

    private final DataInputStream in;
    private final OutputStream out;
    private final java.io.Closeable transport;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition windowChanged = lock.newCondition();
    private final Map<Integer, StreamState> streams = new HashMap<>();
    private final CompletableFuture<Void> goAway = new CompletableFuture<>();
    private final Thread reader;
    private long connectionSendWindow = 65535;
    private long initialStreamWindow = 65535;
    private int nextStreamId = 1;

    TestH2Client(InputStream in, OutputStream out, java.io.Closeable transport) throws IOException {
        this.in = new DataInputStream(in);
        this.out = out;
        this.transport = transport;
        ByteArrayOutputStream settings = new ByteArrayOutputStream();
        setting(settings, 2, 0); // ENABLE_PUSH off
        setting(settings, 4, MAX_WINDOW); // INITIAL_WINDOW_SIZE
        lock.lock();
        try {
            out.write(PREFACE);
            frame(SETTINGS, 0, 0, settings.toByteArray());
            frame(WINDOW_UPDATE, 0, 0, int32(MAX_WINDOW - 65535));
            out.flush();
        } finally {
            lock.unlock();
        }
        reader = Thread.ofVirtual().name("test-h2-reader").start(this::readLoop);
    }

    /** Completes when the server sends GOAWAY. */
    CompletableFuture<Void> goAway() {
        return goAway;
    }

    Response post(byte[] body, Map<String, String> headers) throws Exception {
        return send("POST", body, headers).get(30, TimeUnit.SECONDS);
    }

    CompletableFuture<Response> send(String method, byte[] body, Map<String, String> headers) throws IOException {
        return send(method, body, headers, true);
    }

    /** Sends a request; without {@code endStream} the body stays open, as a client that stalls. */
    CompletableFuture<Response> send(String method, byte[] body, Map<String, String> headers, boolean endStream)
            throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(":method", method);
        fields.put(":scheme", "https");
        fields.put(":authority", "localhost");
        fields.put(":path", "/");
        fields.putAll(headers);
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        fields.forEach((name, value) -> {
            block.write(0); // literal without indexing, new name
            string(block, name);
            string(block, value);
        });
        StreamState state = new StreamState();
        int id;
        lock.lock();
        try {
            id = nextStreamId;
            nextStreamId += 2;
            state.sendWindow = initialStreamWindow;
            streams.put(id, state);
            frame(HEADERS, END_HEADERS | (body.length == 0 && endStream ? END_STREAM : 0), id, block.toByteArray());
            out.flush();
        } finally {
            lock.unlock();
        }
        int offset = 0;
        while (offset < body.length) {
            lock.lock();
            try {
                if (state.done.isDone()) {
                    return state.done;
                }
                while (Math.min(connectionSendWindow, state.sendWindow) <= 0) {
                    if (state.done.isDone() || !windowChanged.await(30, TimeUnit.SECONDS)) {
                        return state.done;
                    }
                }
                int n = (int) Math.min(Math.min(connectionSendWindow, state.sendWindow), Math.min(FRAME, body.length - offset));
                byte[] chunk = new byte[n];
                System.arraycopy(body, offset, chunk, 0, n);
                offset += n;
                connectionSendWindow -= n;
                state.sendWindow -= n;
                frame(DATA, offset == body.length && endStream ? END_STREAM : 0, id, chunk);
                out.flush();
            } catch (InterruptedException e) {
                throw new IOException(e);
            } finally {
                lock.unlock();
            }
        }
        return state.done;
    }

    private void readLoop() {
        try {
            while (true) {
                int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                int streamId = in.readInt() & 0x7fffffff;
                byte[] payload = new byte[length];
                in.readFully(payload);
                handleFrame(type, flags, streamId, payload);
            }
        } catch (IOException e) {
            failAll(e);
        }
    }

    private void handleFrame(int type, int flags, int streamId, byte[] payload) throws IOException {
        lock.lock();
        try {
            StreamState state = streams.get(streamId);
            switch (type) {
                case DATA -> {
                    if (state != null) {
                        state.body.writeBytes(payload);
                    }
                    if ((flags & END_STREAM) != 0) {
                        complete(streamId);
                    }
                }
                case HEADERS, CONTINUATION -> {
                    if (state != null) {
                        state.headerBlock.writeBytes(payload);
                    }
                    if ((flags & END_STREAM) != 0) {
                        complete(streamId);
                    }
                }
                case RST_STREAM -> {
                    if (state != null) {
                        streams.remove(streamId);
                        state.done.completeExceptionally(new IOException("stream reset, code " + int32(payload, 0)));
                        windowChanged.signalAll();
                    }
                }
                case SETTINGS -> {
                    if ((flags & ACK) == 0) {
                        for (int i = 0; i + 6 <= payload.length; i += 6) {
                            int id = ((payload[i] & 0xff) << 8) | (payload[i + 1] & 0xff);
                            if (id == 4) {
                                long value = int32(payload, i + 2) & 0xffffffffL;
                                for (StreamState s : streams.values()) {
                                    s.sendWindow += value - initialStreamWindow;
                                }
                                initialStreamWindow = value;
                            }
                        }
                        frame(SETTINGS, ACK, 0, new byte[0]);
                        out.flush();
                        windowChanged.signalAll();
                    }
                }
                case PING -> {
                    if ((flags & ACK) == 0) {
                        frame(PING, ACK, 0, payload);
                        out.flush();
                    }
                }
                case GOAWAY -> goAway.complete(null);
                case WINDOW_UPDATE -> {
                    int increment = int32(payload, 0) & 0x7fffffff;
                    if (streamId == 0) {
                        connectionSendWindow += increment;
                    } else if (state != null) {
                        state.sendWindow += increment;
                    }
                    windowChanged.signalAll();
                }
                default -> { }
            }
        } finally {
            lock.unlock();
        }
    }

    private void complete(int streamId) {
        StreamState state = streams.remove(streamId);
        if (state == null) {
            return;
        }
        byte[] block = state.headerBlock.toByteArray();
        int status = 0;
        int rest = 0;
        if (block.length > 0 && (block[0] & 0x80) != 0) {
            // indexed static entries 8-14 are :status 200, 204, 206, 304, 400, 404, 500
            int[] statuses = {200, 204, 206, 304, 400, 404, 500};
            int index = block[0] & 0x7f;
            if (index >= 8 && index <= 14) {
                status = statuses[index - 8];
                rest = 1;
            }
        }
        byte[] other = new byte[block.length - rest];
        System.arraycopy(block, rest, other, 0, other.length);
        state.done.complete(new Response(status, other, state.body.toByteArray()));
        windowChanged.signalAll();
    }

    private void failAll(IOException e) {
        lock.lock();
        try {
            for (StreamState state : streams.values()) {
                state.done.completeExceptionally(e);
            }
            streams.clear();
            windowChanged.signalAll();
        } finally {
            lock.unlock();
        }
        goAway.complete(null);
    }

    private void frame(int type, int flags, int streamId, byte[] payload) throws IOException {
        byte[] header = new byte[9];
        header[0] = (byte) (payload.length >>> 16);
        header[1] = (byte) (payload.length >>> 8);
        header[2] = (byte) payload.length;
        header[3] = (byte) type;
        header[4] = (byte) flags;
        System.arraycopy(int32(streamId), 0, header, 5, 4);
        out.write(header);
        out.write(payload);
    }

    private static void setting(ByteArrayOutputStream out, int id, int value) {
        out.write(id >>> 8);
        out.write(id);
        out.writeBytes(int32(value));
    }

    /** An HPACK string without Huffman coding (RFC 7541 §5.2), with its 7-bit prefix length. */
    private static void string(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        int length = bytes.length;
        if (length < 127) {
            out.write(length);
        } else {
            out.write(127);
            int rest = length - 127;
            while (rest >= 128) {
                out.write((rest & 0x7f) | 0x80);
                rest >>>= 7;
            }
            out.write(rest);
        }
        out.writeBytes(bytes);
    }

    private static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static int int32(byte[] b, int offset) {
        return ((b[offset] & 0xff) << 24) | ((b[offset + 1] & 0xff) << 16) | ((b[offset + 2] & 0xff) << 8)
                | (b[offset + 3] & 0xff);
    }

    @Override
    public void close() throws IOException {
        transport.close();
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
