package dev.relayj.http2;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The single writer of a connection's output. Every frame is written whole under one lock, so the
 * reader thread and any number of stream threads can send without interleaving; a header block and
 * its CONTINUATION frames are written under the same hold, as §6.10 requires, and HPACK encoding
 * happens inside it too, in the order the blocks reach the wire. Threads waiting for flow-control
 * window never hold this lock (see {@link Http2Connection}).
 */
final class Http2FrameWriter {
    private final ReentrantLock lock = new ReentrantLock();
    private final OutputStream out;
    private final HpackEncoder hpack = new HpackEncoder();
    private boolean closed;

    Http2FrameWriter(OutputStream out) {
        this.out = out;
    }

    void settings(Http2ServerConfig config) throws IOException {
        int[][] pairs = {
            {Http2Settings.HEADER_TABLE_SIZE, config.headerTableSize()},
            {Http2Settings.ENABLE_PUSH, 0},
            {Http2Settings.MAX_CONCURRENT_STREAMS, config.maxConcurrentStreams()},
            {Http2Settings.INITIAL_WINDOW_SIZE, config.initialWindowSize()},
            {Http2Settings.MAX_FRAME_SIZE, config.maxFrameSize()},
            {Http2Settings.MAX_HEADER_LIST_SIZE, config.maxHeaderListSize()},
        };
        byte[] payload = new byte[pairs.length * 6];
        for (int i = 0; i < pairs.length; i++) {
            payload[6 * i] = (byte) (pairs[i][0] >>> 8);
            payload[6 * i + 1] = (byte) pairs[i][0];
            putInt32(payload, 6 * i + 2, pairs[i][1]);
        }
        frame(FrameType.SETTINGS, 0, 0, payload, 0, payload.length);
    }

    void settingsAck() throws IOException {
        frame(FrameType.SETTINGS, FrameType.FLAG_ACK, 0, new byte[0], 0, 0);
    }

    void pingAck(byte[] opaque) throws IOException {
        frame(FrameType.PING, FrameType.FLAG_ACK, 0, opaque, 0, 8);
    }

    void goAway(int lastStreamId, Http2ErrorCode code, String debug) throws IOException {
        byte[] text = debug.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[8 + text.length];
        putInt32(payload, 0, lastStreamId);
        putInt32(payload, 4, code.code());
        System.arraycopy(text, 0, payload, 8, text.length);
        frame(FrameType.GOAWAY, 0, 0, payload, 0, payload.length);
    }

    void rstStream(int streamId, Http2ErrorCode code) throws IOException {
        byte[] payload = new byte[4];
        putInt32(payload, 0, code.code());
        frame(FrameType.RST_STREAM, 0, streamId, payload, 0, 4);
    }

    void windowUpdate(int streamId, int increment) throws IOException {
        byte[] payload = new byte[4];
        putInt32(payload, 0, increment);
        frame(FrameType.WINDOW_UPDATE, 0, streamId, payload, 0, 4);
    }

    /** HEADERS, then CONTINUATION frames if the block exceeds the peer's frame size. */
    void headers(int streamId, List<HeaderField> fields, boolean endStream, int maxFrameSize) throws IOException {
        lock.lock();
        try {
            requireOpen();
            byte[] block = hpack.encode(fields);
            int offset = 0;
            int type = FrameType.HEADERS;
            int flags = endStream ? FrameType.FLAG_END_STREAM : 0;
            do {
                int length = Math.min(maxFrameSize, block.length - offset);
                boolean last = offset + length == block.length;
                writeFrame(type, flags | (last ? FrameType.FLAG_END_HEADERS : 0), streamId, block, offset, length);
                offset += length;
                type = FrameType.CONTINUATION;
                flags = 0;
            } while (offset < block.length);
            out.flush();
        } catch (IOException e) {
            closed = true;
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** One DATA frame; the caller has already taken {@code length} from the flow-control windows. */
    void data(int streamId, byte[] b, int offset, int length, boolean endStream) throws IOException {
        frame(FrameType.DATA, endStream ? FrameType.FLAG_END_STREAM : 0, streamId, b, offset, length);
    }

    /** After this every write fails; used once the connection is ending. */
    void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    private void frame(int type, int flags, int streamId, byte[] b, int offset, int length) throws IOException {
        lock.lock();
        try {
            requireOpen();
            writeFrame(type, flags, streamId, b, offset, length);
            out.flush();
        } catch (IOException e) {
            closed = true;
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private void requireOpen() throws IOException {
        if (closed) {
            throw new IOException("HTTP/2 connection is closed");
        }
    }

    /** Header and payload in one write, so a record-oriented transport (TLS) sends one record. */
    private void writeFrame(int type, int flags, int streamId, byte[] b, int offset, int length) throws IOException {
        byte[] frame = new byte[FrameHeader.SIZE + length];
        new FrameHeader(length, type, flags, streamId).writeTo(frame);
        System.arraycopy(b, offset, frame, FrameHeader.SIZE, length);
        out.write(frame);
    }

    private static void putInt32(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >>> 24);
        b[offset + 1] = (byte) (value >>> 16);
        b[offset + 2] = (byte) (value >>> 8);
        b[offset + 3] = (byte) value;
    }
}
