package dev.relayj.http2;

import java.io.IOException;
import java.io.OutputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The single writer of a connection's output. Every frame is written whole under one lock, so the
 * reader thread and any number of stream threads can send without interleaving; a header block and
 * its CONTINUATION frames are written under the same hold, as §6.10 requires, and HPACK encoding
 * happens inside it too, in the order the blocks reach the wire. Threads waiting for flow-control
 * window never hold this lock (see {@link Http2Connection}).
 *
 * <p>Control frames (ACKs, WINDOW_UPDATE, RST_STREAM, GOAWAY) never wait for that lock: a stream
 * thread may hold it, blocked on a client that does not read, and the reader thread must go on
 * reading. They join a queue that whoever holds the lock, or next takes it, writes out first.
 */
final class Http2FrameWriter {
    private static final long CLOSE_WAIT_MILLIS = 1000;

    private final ReentrantLock lock = new ReentrantLock();
    private final OutputStream out;
    /** How long a HEADERS or DATA frame waits for the writer before its stream gives up. */
    private final long writerWaitNanos;
    private final HpackEncoder hpack = new HpackEncoder();
    private final ConcurrentLinkedQueue<byte[]> control = new ConcurrentLinkedQueue<>();
    private final AtomicInteger controlQueued = new AtomicInteger();
    private volatile boolean closed;

    Http2FrameWriter(OutputStream out, Duration writerWait) {
        this.out = out;
        this.writerWaitNanos = writerWait.toNanos();
    }

    /** Control frames waiting for the writer, for the abuse limit on a client that does not read. */
    int controlQueued() {
        return controlQueued.get();
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
        control(FrameType.SETTINGS, FrameType.FLAG_ACK, 0, new byte[0]);
    }

    void pingAck(byte[] opaque) throws IOException {
        control(FrameType.PING, FrameType.FLAG_ACK, 0, opaque);
    }

    void goAway(int lastStreamId, Http2ErrorCode code, String debug) throws IOException {
        byte[] text = debug.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[8 + text.length];
        putInt32(payload, 0, lastStreamId);
        putInt32(payload, 4, code.code());
        System.arraycopy(text, 0, payload, 8, text.length);
        control(FrameType.GOAWAY, 0, 0, payload);
    }

    void rstStream(int streamId, Http2ErrorCode code) throws IOException {
        byte[] payload = new byte[4];
        putInt32(payload, 0, code.code());
        control(FrameType.RST_STREAM, 0, streamId, payload);
    }

    void windowUpdate(int streamId, int increment) throws IOException {
        byte[] payload = new byte[4];
        putInt32(payload, 0, increment);
        control(FrameType.WINDOW_UPDATE, 0, streamId, payload);
    }

    /** Queues a control frame and writes the queue out unless another thread holds the writer. */
    private void control(int type, int flags, int streamId, byte[] payload) throws IOException {
        if (closed) {
            throw new IOException("HTTP/2 connection is closed");
        }
        byte[] frame = new byte[FrameHeader.SIZE + payload.length];
        new FrameHeader(payload.length, type, flags, streamId).writeTo(frame);
        System.arraycopy(payload, 0, frame, FrameHeader.SIZE, payload.length);
        controlQueued.incrementAndGet();
        control.add(frame);
        flushControlIfFree();
    }

    /**
     * Writes queued control frames if the writer is free. Checked again after each release, so a
     * frame queued while another thread held the lock is written by one of the two.
     */
    private void flushControlIfFree() throws IOException {
        while (!control.isEmpty() && lock.tryLock()) {
            try {
                writeControl();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Caller holds the lock. */
    private void writeControl() throws IOException {
        boolean wrote = false;
        try {
            for (byte[] frame = control.poll(); frame != null; frame = control.poll()) {
                controlQueued.decrementAndGet();
                if (!closed) {
                    out.write(frame);
                    wrote = true;
                }
            }
            if (wrote) {
                out.flush();
            }
        } catch (IOException e) {
            closed = true;
            throw e;
        }
    }

    /** HEADERS, then CONTINUATION frames if the block exceeds the peer's frame size. */
    void headers(int streamId, List<HeaderField> fields, boolean endStream, int maxFrameSize) throws IOException {
        takeWriter(streamId);
        try {
            requireOpen();
            writeControl();
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
            writeControl();
            out.flush();
        } catch (IOException e) {
            closed = true;
            throw e;
        } finally {
            lock.unlock();
        }
        flushControlIfFree();
    }

    /** One DATA frame; the caller has already taken {@code length} from the flow-control windows. */
    void data(int streamId, byte[] b, int offset, int length, boolean endStream) throws IOException {
        frame(FrameType.DATA, endStream ? FrameType.FLAG_END_STREAM : 0, streamId, b, offset, length);
    }

    /**
     * After this every write fails; used once the connection is ending. Frames already queued (a
     * GOAWAY) still go out when the writer is free within a second; a writer blocked on a client
     * that does not read is left to the transport's close.
     */
    void close() {
        try {
            if (lock.tryLock(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                try {
                    writeControl();
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException e) {
            // the client is gone; there is nobody left to tell
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
    }

    private void frame(int type, int flags, int streamId, byte[] b, int offset, int length) throws IOException {
        takeWriter(streamId);
        try {
            requireOpen();
            writeControl();
            writeFrame(type, flags, streamId, b, offset, length);
            writeControl();
            out.flush();
        } catch (IOException e) {
            closed = true;
            throw e;
        } finally {
            lock.unlock();
        }
        flushControlIfFree();
    }

    /**
     * Waits for the writer at most the stall timeout: a thread blocked on a client that does not
     * read holds it, and the streams queued behind that thread must not wait with it forever.
     */
    private void takeWriter(int streamId) throws IOException {
        try {
            if (!lock.tryLock(writerWaitNanos, TimeUnit.NANOSECONDS)) {
                throw new WriterBusyException("stream " + streamId + ": the connection's writer stayed blocked for "
                        + TimeUnit.NANOSECONDS.toSeconds(writerWaitNanos) + " s (the client does not read)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the writer");
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
