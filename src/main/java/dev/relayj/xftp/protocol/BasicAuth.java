package dev.relayj.xftp.protocol;

import dev.relayj.encoding.DecodingException;
import java.nio.charset.StandardCharsets;

/**
 * The password a sender may need to create files ({@code BasicAuth} in {@code Protocol.hs}):
 * printable characters without spaces, {@code @}, {@code :} or {@code /}, so it fits in a server address.
 */
public record BasicAuth(String password) {
    public BasicAuth {
        if (!isValid(password)) {
            throw new IllegalArgumentException("invalid character in BasicAuth");
        }
    }

    public static BasicAuth fromBytes(byte[] bytes) throws DecodingException {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (!isValid(text)) {
            throw new DecodingException("invalid character in BasicAuth");
        }
        return new BasicAuth(text);
    }

    public byte[] bytes() {
        return password.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** An empty password is allowed in the binary form, as the reference's check allows it. */
    static boolean isValid(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // Haskell's isPrint && not isSpace over Latin-1 bytes: ASCII graphics and Latin-1
            // letters and signs, but not NBSP (a space) nor the soft hyphen (a format character)
            boolean printable = (c > ' ' && c < 0x7F) || (c > 0xA0 && c <= 0xFF && c != 0xAD);
            if (!printable || c == '@' || c == ':' || c == '/') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "BasicAuth[***]";
    }
}
