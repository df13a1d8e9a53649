package dev.relayj.smp.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a text log line by line as bytes, so a line that the writer did not finish (no newline at
 * the end of the file) is told apart from complete lines.
 */
final class LogLineReader implements AutoCloseable {
    private static final int BUFFER_SIZE = 1 << 20;

    private final InputStream in;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] buffer = new byte[BUFFER_SIZE];
    private int start;
    private int end;
    private boolean eof;
    private long lineNumber;
    private boolean terminated;

    /** A line that is not valid UTF-8. */
    static final class MalformedLineException extends Exception {
        MalformedLineException() {
            super("not valid UTF-8 text", null, false, false);
        }
    }

    LogLineReader(Path file) throws IOException {
        in = Files.newInputStream(file);
    }

    /** The next line without its newline, or null at the end of the file. */
    String next() throws IOException, MalformedLineException {
        int scanned = start;
        int newline = -1;
        while (true) {
            for (int i = scanned; i < end; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            if (newline >= 0 || eof) {
                break;
            }
            int scannedLength = end - start;
            fill();
            scanned = start + scannedLength;
        }
        int lineEnd = newline >= 0 ? newline : end;
        if (newline < 0 && lineEnd == start) {
            return null;
        }
        terminated = newline >= 0;
        lineNumber++;
        int lineStart = start;
        start = newline >= 0 ? newline + 1 : end;
        return decode(lineStart, lineEnd);
    }

    /** Keeps the unread bytes, making room (growing for a long line) and reading more after them. */
    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int read = in.read(buffer, end, buffer.length - end);
        if (read < 0) {
            eof = true;
        } else {
            end += read;
        }
    }

    private String decode(int from, int to) throws MalformedLineException {
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            if (buffer[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            // store log lines are ASCII but for blocking notices; ASCII is always valid UTF-8
            return new String(buffer, from, to - from, StandardCharsets.ISO_8859_1);
        }
        try {
            return utf8.reset().decode(ByteBuffer.wrap(buffer, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedLineException();
        }
    }

    /** Whether the last line read ended with a newline; a line without one was cut by a crash. */
    boolean terminated() {
        return terminated;
    }

    long lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
