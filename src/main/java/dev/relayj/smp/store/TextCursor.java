package dev.relayj.smp.store;

import dev.relayj.protocol.EntityId;
import dev.relayj.crypto.X25519Secret;

import dev.relayj.crypto.AuthPublicKey;
import dev.relayj.crypto.PublicKey;
import dev.relayj.encoding.Base64Url;
import dev.relayj.encoding.DecodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the text forms of simplexmq's {@code StrEncoding} from one line: base64url strings,
 * decimals, comma-separated lists, literal prefixes. Never reads past the line; bad input is a
 * {@link DecodingException}.
 */
final class TextCursor {
    /** The value of each base64url character, -1 for other ASCII characters. */
    private static final byte[] SEXTETS = new byte[128];

    static {
        Arrays.fill(SEXTETS, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            SEXTETS[alphabet.charAt(i)] = (byte) i;
        }
    }

    private final String text;
    private int position;

    TextCursor(String text) {
        this.text = text;
    }

    boolean atEnd() {
        return position == text.length();
    }

    void expectEnd() throws DecodingException {
        if (!atEnd()) {
            throw new DecodingException("unexpected text at column " + (position + 1) + ": '" + excerpt() + "'");
        }
    }

    /** Consumes the literal if it comes next; tells whether it did. */
    boolean consume(String literal) {
        if (text.startsWith(literal, position)) {
            position += literal.length();
            return true;
        }
        return false;
    }

    void expect(String literal) throws DecodingException {
        if (!consume(literal)) {
            throw new DecodingException("expected '" + literal.strip() + "' at column " + (position + 1));
        }
    }

    /** Text up to the next space or the end; may be empty. */
    String token() {
        int end = text.indexOf(' ', position);
        if (end < 0) {
            end = text.length();
        }
        String token = text.substring(position, end);
        position = end;
        return token;
    }

    /** All text left. */
    String rest() {
        String rest = text.substring(position);
        position = text.length();
        return rest;
    }

    /** Text up to the last occurrence of the marker, or to the end when it does not occur. */
    String upToLast(String marker) {
        int end = text.lastIndexOf(marker);
        if (end < position) {
            end = text.length();
        }
        String part = text.substring(position, end);
        position = end;
        return part;
    }

    char character() throws DecodingException {
        if (atEnd()) {
            throw new DecodingException("unexpected end of line");
        }
        return text.charAt(position++);
    }

    /** A base64url string (padding optional), possibly empty: the characters up to the next non-base64 one. */
    byte[] base64OrEmpty() throws DecodingException {
        int start = position;
        while (position < text.length() && isBase64(text.charAt(position))) {
            position++;
        }
        while (position < text.length() && text.charAt(position) == '=') {
            position++;
        }
        return start == position ? new byte[0] : decodeBase64(start, position);
    }

    /**
     * Decodes well-formed base64url in place, without a substring; anything unusual (wrong padding,
     * an impossible length) goes to {@link Base64Url#decode}, so results and errors stay the same.
     */
    private byte[] decodeBase64(int from, int to) throws DecodingException {
        int dataEnd = to;
        while (dataEnd > from && text.charAt(dataEnd - 1) == '=') {
            dataEnd--;
        }
        int chars = dataEnd - from;
        int padding = to - dataEnd;
        int tail = chars % 4;
        if (tail == 1 || (padding != 0 && (tail == 0 || padding != 4 - tail))) {
            return Base64Url.decode(text.substring(from, to));
        }
        byte[] out = new byte[chars / 4 * 3 + (tail == 0 ? 0 : tail - 1)];
        int o = 0;
        int i = from;
        for (int full = from + chars / 4 * 4; i < full; i += 4) {
            int bits = sextet(i) << 18 | sextet(i + 1) << 12 | sextet(i + 2) << 6 | sextet(i + 3);
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
        }
        if (tail == 2) {
            out[o] = (byte) ((sextet(i) << 18 | sextet(i + 1) << 12) >> 16);
        } else if (tail == 3) {
            int bits = sextet(i) << 18 | sextet(i + 1) << 12 | sextet(i + 2) << 6;
            out[o++] = (byte) (bits >> 16);
            out[o] = (byte) (bits >> 8);
        }
        return out;
    }

    /** The value of a base64url character already checked by {@link #isBase64}. */
    private int sextet(int index) {
        return SEXTETS[text.charAt(index)];
    }

    /** A non-empty base64url string ({@code base64urlP}). */
    byte[] base64() throws DecodingException {
        byte[] bytes = base64OrEmpty();
        if (bytes.length == 0) {
            throw new DecodingException("expected base64url at column " + (position + 1));
        }
        return bytes;
    }

    EntityId entityId() throws DecodingException {
        return new EntityId(base64());
    }

    /** An id when one follows, else null (a {@code Maybe} written as nothing). */
    EntityId optionalEntityId() throws DecodingException {
        byte[] bytes = base64OrEmpty();
        return bytes.length == 0 ? null : new EntityId(bytes);
    }

    AuthPublicKey authKey() throws DecodingException {
        if (PublicKey.fromSpki(base64()) instanceof AuthPublicKey key) {
            return key;
        }
        throw new DecodingException("X448 keys cannot authorize commands");
    }

    AuthPublicKey optionalAuthKey() throws DecodingException {
        byte[] der = base64OrEmpty();
        if (der.length == 0) {
            return null;
        }
        if (PublicKey.fromSpki(der) instanceof AuthPublicKey key) {
            return key;
        }
        throw new DecodingException("X448 keys cannot authorize commands");
    }

    /** A non-empty comma-separated list of keys ({@code NonEmpty} in {@code StrEncoding}). */
    List<AuthPublicKey> authKeys() throws DecodingException {
        List<AuthPublicKey> keys = new ArrayList<>();
        do {
            keys.add(authKey());
        } while (consume(","));
        return keys;
    }

    /** A comma-separated list of base64url strings, possibly empty. */
    List<byte[]> base64List() throws DecodingException {
        List<byte[]> items = new ArrayList<>();
        if (atEnd() || !isBase64(text.charAt(position))) {
            return items;
        }
        do {
            items.add(base64());
        } while (consume(","));
        return items;
    }

    X25519Secret dhSecret() throws DecodingException {
        byte[] bytes = base64();
        if (bytes.length != 32) {
            throw new DecodingException("an X25519 secret is 32 bytes, got " + bytes.length);
        }
        return new X25519Secret(bytes);
    }

    /** A signed decimal ({@code Int64} in {@code StrEncoding}). */
    long decimal() throws DecodingException {
        int start = position;
        if (position < text.length() && (text.charAt(position) == '-' || text.charAt(position) == '+')) {
            position++;
        }
        int digits = position;
        while (position < text.length() && Character.isDigit(text.charAt(position))
                && text.charAt(position) < 128) {
            position++;
        }
        if (position == digits) {
            throw new DecodingException("expected a number at column " + (start + 1));
        }
        try {
            return Long.parseLong(text, start, position, 10);
        } catch (NumberFormatException e) {
            throw new DecodingException("number out of range at column " + (start + 1));
        }
    }

    private String excerpt() {
        return text.substring(position, Math.min(text.length(), position + 40));
    }

    private static boolean isBase64(char c) {
        return c < SEXTETS.length && SEXTETS[c] >= 0;
    }
}
