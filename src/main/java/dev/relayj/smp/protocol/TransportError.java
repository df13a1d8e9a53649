package dev.relayj.smp.protocol;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;

/**
 * An error of the block transport or the handshake ({@code TransportError} in
 * {@code Transport.hs}). Text encoded: {@code BLOCK}, {@code VERSION}, {@code LARGE_MSG},
 * {@code SESSION}, {@code NO_AUTH}, {@code HANDSHAKE <error>}.
 */
public sealed interface TransportError permits TransportError.Simple, TransportError.Handshake {

    enum Simple implements TransportError {
        /** The block could not be parsed. */
        BLOCK,
        /** No common protocol version. */
        VERSION,
        /** The message does not fit the block. */
        LARGE_MSG,
        /** Wrong session id. */
        SESSION,
        /** No server key to authorize a v7 entity. */
        NO_AUTH
    }

    /** The handshake failed. */
    record Handshake(HandshakeError error) implements TransportError {}

    enum HandshakeError {
        PARSE,
        IDENTITY,
        BAD_AUTH,
        BAD_SERVICE
    }

    default void writeTo(SmpWriter writer) {
        switch (this) {
            case Simple simple -> writer.writeAscii(simple.name());
            case Handshake(HandshakeError error) -> writer.writeAscii("HANDSHAKE ").writeAscii(error.name());
        }
    }

    static TransportError readFrom(SmpReader reader) throws DecodingException {
        String word = Words.word(reader);
        if (word.equals("HANDSHAKE")) {
            Words.space(reader);
            return new Handshake(readHandshakeError(Words.word(reader)));
        }
        for (Simple simple : Simple.values()) {
            if (simple.name().equals(word)) {
                return simple;
            }
        }
        throw new DecodingException("bad TransportError");
    }

    /**
     * The reference reads the handshake error with Haskell's {@code read} of one word, which
     * also accepts the name in parentheses.
     */
    private static HandshakeError readHandshakeError(String word) throws DecodingException {
        String name = word;
        while (name.length() >= 2 && name.startsWith("(") && name.endsWith(")")) {
            name = name.substring(1, name.length() - 1);
        }
        for (HandshakeError error : HandshakeError.values()) {
            if (error.name().equals(name)) {
                return error;
            }
        }
        throw new DecodingException("bad HandshakeError");
    }
}
