package dev.relayj.protocol;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The server password clients present to create queues or use a proxy ({@code BasicAuth}): bytes
 * that are printable, not whitespace, and none of {@code @ : /}.
 */
public record BasicAuth(byte[] bytes) {
    public BasicAuth {
        bytes = bytes.clone();
        if (!isValid(bytes)) {
            throw new IllegalArgumentException("invalid character in basic auth");
        }
    }

    public static BasicAuth of(String password) {
        return new BasicAuth(password.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Haskell's {@code isPrint && not isSpace} on 8-bit characters, without {@code @ : /}. */
    public static boolean isValid(byte[] bytes) {
        if (bytes.length > 255) {
            return false;
        }
        for (byte b : bytes) {
            int c = b & 0xFF;
            boolean printable = (c > 0x20 && c < 0x7F) || (c >= 0xA1 && c != 0xAD);
            if (!printable || c == '@' || c == ':' || c == '/') {
                return false;
            }
        }
        return true;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public String text() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Compares in time independent of where the first difference is. */
    public boolean matches(BasicAuth other) {
        return other != null && java.security.MessageDigest.isEqual(bytes, other.bytes);
    }

    public void writeTo(SmpWriter writer) {
        writer.writeShortBytes(bytes);
    }

    public static BasicAuth readFrom(SmpReader reader) throws DecodingException {
        byte[] bytes = reader.readShortBytes();
        if (!isValid(bytes)) {
            throw new DecodingException("invalid character in BasicAuth");
        }
        return new BasicAuth(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BasicAuth auth && Arrays.equals(bytes, auth.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "BasicAuth[***]";
    }
}
