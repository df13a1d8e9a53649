package dev.relayj.transport;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import java.nio.charset.StandardCharsets;

/**
 * {@code TransportError} of {@code Transport.hs}. Its encoding is a word ({@code BLOCK},
 * {@code VERSION}, {@code LARGE_MSG}, {@code SESSION}, {@code NO_AUTH}) or {@code HANDSHAKE}, a space
 * and the handshake error; the SMP protocol carries it inside {@code ERR TRANSPORT} and the server
 * sends it to a service client whose credentials it rejects.
 */
public sealed interface TransportError permits TransportError.Simple, TransportError.Handshake {

    /** The errors without a parameter. */
    enum Simple implements TransportError {
        /** {@code TEBadBlock}: a block that could not be parsed. */
        BLOCK("BLOCK"),
        /** {@code TEVersion}: no common protocol version. */
        VERSION("VERSION"),
        /** {@code TELargeMsg}: a block that does not fit, or fails to decrypt or unpad. */
        LARGE_MSG("LARGE_MSG"),
        /** {@code TEBadSession}: the session id does not match the TLS channel binding. */
        SESSION("SESSION"),
        /** {@code TENoServerAuth}: the server gave no key to authorize commands. */
        NO_AUTH("NO_AUTH");

        private final String word;

        Simple(String word) {
            this.word = word;
        }

        @Override
        public String text() {
            return word;
        }
    }

    /** {@code TEHandshake}. */
    record Handshake(HandshakeError error) implements TransportError {
        @Override
        public String text() {
            return "HANDSHAKE " + error.name();
        }
    }

    static TransportError handshake(HandshakeError error) {
        return new Handshake(error);
    }

    /** The encoding, as ASCII text. */
    String text();

    default void writeTo(SmpWriter writer) {
        writer.writeAscii(text());
    }

    /**
     * Reads a word up to a space or the end of input; {@code HANDSHAKE} is followed by a space and the
     * handshake error's word. Bytes after that are left to the caller.
     */
    static TransportError readFrom(SmpReader reader) throws DecodingException {
        String word = readWord(reader);
        for (Simple simple : Simple.values()) {
            if (simple.word.equals(word)) {
                return simple;
            }
        }
        if (word.equals("HANDSHAKE")) {
            reader.expectChar(' ');
            String name = readWord(reader);
            // the reference reads it with Haskell's read, which also takes the name in parentheses
            while (name.length() >= 2 && name.startsWith("(") && name.endsWith(")")) {
                name = name.substring(1, name.length() - 1);
            }
            for (HandshakeError error : HandshakeError.values()) {
                if (error.name().equals(name)) {
                    return new Handshake(error);
                }
            }
            throw new DecodingException("bad HandshakeError");
        }
        throw new DecodingException("bad TransportError");
    }

    private static String readWord(SmpReader reader) throws DecodingException {
        SmpWriter word = new SmpWriter(16);
        while (!reader.atEnd() && reader.peek() != ' ') {
            word.writeByte(reader.readByte());
        }
        return new String(word.toByteArray(), StandardCharsets.US_ASCII);
    }
}
