package dev.relayj.xftp.store;

import dev.relayj.crypto.AuthPublicKey;
import dev.relayj.crypto.PublicKey;
import dev.relayj.encoding.Base64Url;
import dev.relayj.encoding.DecodingException;
import dev.relayj.protocol.EntityId;
import java.nio.charset.StandardCharsets;

/**
 * The text forms of values in the store log ({@code StrEncoding} in {@code Encoding/String.hs}):
 * bytes as padded base64url (read padded or not), keys as base64url of their SPKI DER, numbers
 * in decimal, file paths as base64url of their bytes (Haskell packs each character to one byte).
 */
final class StoreText {
    private StoreText() {}

    static String encodeKey(AuthPublicKey key) {
        return Base64Url.encode(key.spki());
    }

    static AuthPublicKey parseKey(String text) throws DecodingException {
        if (PublicKey.fromSpki(base64(text)) instanceof AuthPublicKey key) {
            return key;
        }
        throw new DecodingException("X448 keys cannot authorize commands");
    }

    static EntityId parseId(String text) throws DecodingException {
        byte[] bytes = base64(text);
        if (bytes.length > 255) {
            throw new DecodingException("id longer than 255 bytes");
        }
        return new EntityId(bytes);
    }

    static byte[] base64(String text) throws DecodingException {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '=') {
            end--;
        }
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '-' && c != '_') {
                throw new DecodingException("invalid base64url");
            }
        }
        return Base64Url.decode(text);
    }

    static String encodePath(String path) {
        return Base64Url.encode(path.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String parsePath(String text) throws DecodingException {
        return new String(base64(text), StandardCharsets.ISO_8859_1);
    }

    static long parseWord32(String text) throws DecodingException {
        long value = parseDigits(text, false);
        if (value > 0xFFFF_FFFFL) {
            throw new DecodingException("number is not a Word32");
        }
        return value;
    }

    static long parseInt64(String text) throws DecodingException {
        return parseDigits(text, true);
    }

    private static long parseDigits(String text, boolean signed) throws DecodingException {
        int start = 0;
        if (signed && !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            start = 1;
        }
        if (start == text.length()) {
            throw new DecodingException("expected a number");
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                throw new DecodingException("expected a number");
            }
        }
        try {
            return Long.parseLong(text.charAt(0) == '+' ? text.substring(1) : text);
        } catch (NumberFormatException e) {
            throw new DecodingException("number out of range");
        }
    }
}
