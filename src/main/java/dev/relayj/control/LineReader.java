package dev.relayj.control;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a session's input into lines as the reference's {@code B.hGetLine} and {@code trimCR}
 * do: up to {@code \n}, one trailing {@code \r} removed, a last line without a newline still
 * counted. Unlike the reference it bounds a line's length, so no client can make it buffer
 * without end.
 */
final class LineReader {
    /** What {@link #next()} returns for a line over the limit (whose bytes are dropped). */
    static final byte[] TOO_LONG = new byte[0];

    private final InputStream in;
    private final int maxLength;
    private final Runnable onProgress;
    private final byte[] buffer = new byte[1024];
    private int start;
    private int end;

    LineReader(InputStream in, int maxLength, Runnable onProgress) {
        this.in = in;
        this.maxLength = maxLength;
        this.onProgress = onProgress;
    }

    /** The next line, {@link #TOO_LONG}, or null at the end of input. */
    byte[] next() throws IOException {
        byte[] line = new byte[Math.min(maxLength, 256)];
        int length = 0;
        boolean tooLong = false;
        while (true) {
            if (start == end && !fill()) {
                if (tooLong) {
                    return TOO_LONG;
                }
                return length == 0 ? null : trimCr(line, length);
            }
            byte b = buffer[start++];
            if (b == '\n') {
                return tooLong ? TOO_LONG : trimCr(line, length);
            }
            if (tooLong) {
                continue;
            }
            // one byte of slack for the CR that trimCR may remove
            if (length == maxLength + 1) {
                tooLong = true;
                continue;
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(maxLength + 1, line.length * 2));
            }
            line[length++] = b;
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        if (n <= 0) {
            return false;
        }
        start = 0;
        end = n;
        onProgress.run();
        return true;
    }

    private byte[] trimCr(byte[] line, int length) {
        int n = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        if (n > maxLength) {
            return TOO_LONG;
        }
        return Arrays.copyOf(line, n);
    }
}
