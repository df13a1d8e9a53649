package dev.relayj.http2;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body. Octets are gathered into frames of up to {@value #FRAME} and sent as DATA when
 * a frame is full, on flush, and on close, which also ends the stream. Sending waits, without
 * holding anything other streams need, until both the stream's and the connection's send windows
 * have room.
 */
final class ResponseBodyOutput extends OutputStream {
    /** The smallest SETTINGS_MAX_FRAME_SIZE a peer may announce, so every peer takes it in one frame. */
    static final int FRAME = Http2Settings.MIN_MAX_FRAME_SIZE;

    private final Http2Connection connection;
    private final Http2Stream stream;
    private final byte[] buffer = new byte[FRAME];
    private int count;
    private boolean closed;

    ResponseBodyOutput(Http2Connection connection, Http2Stream stream) {
        this.connection = connection;
        this.stream = stream;
    }

    @Override
    public void write(int b) throws IOException {
        requireOpen();
        if (count == buffer.length) {
            sendBuffer(false);
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        requireOpen();
        while (len > 0) {
            if (count == 0 && len >= buffer.length) {
                // large writes go straight out, without a copy
                connection.sendData(stream, b, off, len, false);
                return;
            }
            int n = Math.min(len, buffer.length - count);
            System.arraycopy(b, off, buffer, count, n);
            count += n;
            off += n;
            len -= n;
            if (count == buffer.length) {
                sendBuffer(false);
            }
        }
    }

    @Override
    public void flush() throws IOException {
        requireOpen();
        if (count > 0) {
            sendBuffer(false);
        }
    }

    /** Sends what is left with END_STREAM. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        sendBuffer(true);
    }

    boolean isClosed() {
        return closed;
    }

    private void sendBuffer(boolean endStream) throws IOException {
        int n = count;
        count = 0;
        connection.sendData(stream, buffer, 0, n, endStream);
    }

    private void requireOpen() throws IOException {
        if (closed) {
            throw new IOException("response body already ended");
        }
    }
}
