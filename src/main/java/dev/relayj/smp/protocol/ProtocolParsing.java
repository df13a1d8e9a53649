package dev.relayj.smp.protocol;

import dev.relayj.encoding.ByteView;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.protocol.CommandError;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** The tag-then-parameters parsing shared by commands and broker messages ({@code parseProtocol}). */
final class ProtocolParsing {
    private ProtocolParsing() {}

    /** Reads the parameters that follow a tag (the leading space included). */
    @FunctionalInterface
    interface TaggedReader<T> {
        T read(SmpReader reader, int version) throws DecodingException;
    }

    static <T, R extends TaggedReader<? extends T>> Parsed<T> parse(
            byte[] message, Function<String, R> readerForTag, int version) {
        return parse(ByteView.ofOwned(message, 0, message.length), readerForTag, version);
    }

    /** Parameters that are byte strings are read as views of {@code message}. */
    static <T, R extends TaggedReader<? extends T>> Parsed<T> parse(
            ByteView message, Function<String, R> readerForTag, int version) {
        int space = indexOfSpace(message);
        String tag = new String(message.slice(0, space).toByteArray(), StandardCharsets.ISO_8859_1);
        R reader = readerForTag.apply(tag);
        if (reader == null) {
            return Parsed.failed(ErrorType.cmd(CommandError.UNKNOWN));
        }
        SmpReader params = new SmpReader(message.slice(space, message.length() - space));
        try {
            T value = reader.read(params, version);
            params.expectEnd();
            return Parsed.ok(value);
        } catch (DecodingException | IllegalArgumentException e) {
            // constructors reject values the encoding can carry but the protocol does not allow
            return Parsed.failed(ErrorType.cmd(CommandError.SYNTAX));
        }
    }

    private static int indexOfSpace(ByteView message) {
        for (int i = 0; i < message.length(); i++) {
            if (message.byteAt(i) == ' ') {
                return i;
            }
        }
        return message.length();
    }
}
