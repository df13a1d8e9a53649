package dev.relayj.http2;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * A request body as it arrives. Reads block until DATA comes; each read hands the consumed octets
 * back to the connection, which re-opens the client's flow-control windows, so at most one
 * window of a large upload is ever held in memory.
 */
final class RequestBodyInput extends InputStream {
    private final Http2Connection connection;
    private final Http2Stream stream;

    RequestBodyInput(Http2Connection connection, Http2Stream stream) {
        this.connection = connection;
        this.stream = stream;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int n = connection.readBody(stream, b, off, len);
        if (n > 0) {
            connection.bodyConsumed(stream, n);
        }
        return n;
    }

    @Override
    public int available() {
        return connection.bodyAvailable(stream);
    }

    static int copyFrom(Http2Stream stream, byte[] b, int off, int len) {
        int copied = 0;
        while (copied < len && !stream.chunks.isEmpty()) {
            ByteBuffer chunk = stream.chunks.peekFirst();
            int n = Math.min(len - copied, chunk.remaining());
            chunk.get(b, off + copied, n);
            copied += n;
            if (!chunk.hasRemaining()) {
                stream.chunks.removeFirst();
            }
        }
        stream.buffered -= copied;
        return copied;
    }
}
