package dev.relayj.smp.store;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a text log line by line as bytes, so a line that the writer did not finish (no newline at
 * the end of the file) is told apart from complete lines.
 */
final class LogLineReader implements AutoCloseable {
    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    private long lineNumber;
    private boolean terminated;

    /** A line that is not valid UTF-8. */
    static final class MalformedLineException extends Exception {
        MalformedLineException() {
            super("not valid UTF-8 text", null, false, false);
        }
    }

    LogLineReader(Path file) throws IOException {
        in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    }

    /** The next line without its newline, or null at the end of the file. */
    String next() throws IOException, MalformedLineException {
        line.reset();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        if (b < 0 && line.size() == 0) {
            return null;
        }
        terminated = b == '\n';
        lineNumber++;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line.toByteArray()))
                    .toString();
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
