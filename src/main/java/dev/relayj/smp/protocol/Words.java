package dev.relayj.smp.protocol;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the space-separated words that SMP's text-like parts are made of (command tags, error
 * names), as attoparsec's {@code takeTill (== ' ')} and {@code A.space} do in the reference.
 */
final class Words {
    private Words() {}

    /** The bytes up to (not including) the next space or the end, as Latin-1 text; may be empty. */
    static String word(SmpReader reader) throws DecodingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!reader.atEnd() && reader.peek() != ' ') {
            out.write(reader.readByte());
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** Consumes one space ({@code A.space}; SMP only ever writes ASCII space there). */
    static void space(SmpReader reader) throws DecodingException {
        int b = reader.readByte();
        if (!isSpace(b)) {
            throw new DecodingException("expected a space, got byte " + b);
        }
    }

    /** attoparsec's {@code space} accepts any of the C locale's whitespace bytes. */
    private static boolean isSpace(int b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    /** The rest of the input decoded as UTF-8, malformed bytes replaced ({@code safeDecodeUtf8}). */
    static String lenientUtf8Tail(SmpReader reader) {
        return new String(reader.readTail(), StandardCharsets.UTF_8);
    }

    /** A Haskell {@code String} encoded as a short byte string of its 8-bit characters. */
    static String readLatin1Short(SmpReader reader) throws DecodingException {
        return new String(reader.readShortBytes(), StandardCharsets.ISO_8859_1);
    }

    static byte[] latin1(String text) {
        byte[] out = new byte[text.length()];
        for (int i = 0; i < text.length(); i++) {
            // Haskell's B.pack keeps the low 8 bits of each character
            out[i] = (byte) text.charAt(i);
        }
        return out;
    }
}
