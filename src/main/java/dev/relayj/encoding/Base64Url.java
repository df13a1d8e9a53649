package dev.relayj.encoding;

import java.util.Base64;

/**
 * The base64url text form simplexmq uses for keys, ids and fingerprints ({@code strEncode} of a
 * ByteString in {@code Encoding/String.hs}): URL alphabet, written with padding, read with or without.
 */
public final class Base64Url {
    private Base64Url() {}

    public static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().encodeToString(bytes);
    }

    /** Decodes a non-empty base64url string, padded or not. */
    public static byte[] decode(String text) throws DecodingException {
        if (text.isEmpty()) {
            throw new DecodingException("empty base64url string");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean valid = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '=';
            if (!valid) {
                throw new DecodingException("invalid base64url character '" + c + "'");
            }
        }
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new DecodingException("invalid base64url: " + e.getMessage());
        }
    }
}
