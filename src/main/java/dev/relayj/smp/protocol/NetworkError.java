package dev.relayj.smp.protocol;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;

/**
 * A proxy's network error reaching a destination relay ({@code NetworkError} in
 * {@code Protocol.hs}). The reference never sends it (it encodes {@code BROKER NETWORK} without
 * details) but parses it when present.
 */
public sealed interface NetworkError permits NetworkError.Simple, NetworkError.Detailed {

    enum Simple implements NetworkError {
        UNKNOWNCA,
        FAILED,
        TIMEOUT
    }

    /** An error with a message: {@code CONNECT}, {@code TLS} or {@code SUBSCRIBE}. */
    record Detailed(Kind kind, String message) implements NetworkError {}

    enum Kind {
        CONNECT,
        TLS,
        SUBSCRIBE
    }

    default void writeTo(SmpWriter writer) {
        switch (this) {
            case Simple simple -> writer.writeAscii(simple.name());
            case Detailed(Kind kind, String message) ->
                    writer.writeAscii(kind.name()).writeChar(' ').writeShortBytes(Words.latin1(message));
        }
    }

    static NetworkError readFrom(SmpReader reader) throws DecodingException {
        String word = Words.word(reader);
        for (Kind kind : Kind.values()) {
            if (kind.name().equals(word)) {
                Words.space(reader);
                return new Detailed(kind, Words.readLatin1Short(reader));
            }
        }
        for (Simple simple : Simple.values()) {
            if (simple.name().equals(word)) {
                return simple;
            }
        }
        throw new DecodingException("bad NetworkError");
    }
}
