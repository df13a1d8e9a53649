package dev.relayj.control;

import dev.relayj.encoding.DecodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * The {@code block} argument ({@code _strP} of {@code BlockingInfo} in {@code Protocol.hs}):
 * {@code reason=spam} or {@code reason=content}, then optionally {@code ,notice=<JSON>} running to
 * the end of the line. The notice is {@code optional}, so a notice that is not valid JSON is
 * backtracked and the line then fails with "endOfInput", as in the reference.
 */
final class BlockingInfoArgument {
    private BlockingInfoArgument() {}

    /** Builds the protocol's own value from the text form; fails for text it does not accept. */
    @FunctionalInterface
    interface TextForm<T> {
        T parse(String text) throws DecodingException;
    }

    static <T> T parse(LineCursor in, TextForm<T> form) throws ControlParseException {
        in.space();
        in.string("reason=");
        String reason = in.tryString("spam") ? "spam" : null;
        if (reason == null) {
            in.string("content");
            reason = "content";
        }
        String base = "reason=" + reason;
        if (in.tryString(",notice=")) {
            String notice = utf8(in.rest());
            if (notice != null) {
                try {
                    T info = form.parse(base + ",notice=" + notice);
                    in.skipToEnd();
                    return info;
                } catch (DecodingException | IllegalArgumentException e) {
                    // backtrack as optional does; endOfInput reports the leftover
                }
            }
            // block's info is its last argument, so what optional left unread ends the parse
            throw new ControlParseException("endOfInput");
        }
        return plain(form, base);
    }

    private static <T> T plain(TextForm<T> form, String base) throws ControlParseException {
        try {
            return form.parse(base);
        } catch (DecodingException e) {
            throw new IllegalStateException("the protocol rejects its own blocking info " + base, e);
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
