package dev.relayj.smp.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Store log text built straight into bytes: a compaction writes millions of lines, and encoding ids
 * and keys to base64url here spares a string per field and per line ({@code strEncode} of a
 * ByteString: URL alphabet, with padding).
 */
final class LineBuffer {
    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes;
    private int length;
    private byte[] scratch = new byte[128];

    LineBuffer(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    int length() {
        return length;
    }

    /** The bytes written so far, a copy. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    /** The buffer itself: the bytes written are its first {@link #length()}. */
    byte[] array() {
        return bytes;
    }

    /** The text written so far (UTF-8). */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    LineBuffer character(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    /** Text of ASCII characters only (tags, field names). */
    LineBuffer ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
        return this;
    }

    /** Any text, as UTF-8 (blocking notices may hold any character). */
    LineBuffer text(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
        return this;
    }

    LineBuffer decimal(long value) {
        if (value < 0) {
            // Long.MIN_VALUE has no positive counterpart
            return ascii(Long.toString(value));
        }
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        ensure(digits);
        for (int i = length + digits - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += digits;
        return this;
    }

    LineBuffer base64(byte[] data) {
        return base64(data, 0, data.length);
    }

    /** Base64url of {@code data[from, from + count)}, with padding. */
    LineBuffer base64(byte[] data, int from, int count) {
        ensure((count + 2) / 3 * 4);
        int i = from;
        int end = from + count;
        for (int full = from + count / 3 * 3; i < full; i += 3) {
            int bits = (data[i] & 0xff) << 16 | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff);
            bytes[length++] = ALPHABET[bits >>> 18];
            bytes[length++] = ALPHABET[(bits >>> 12) & 63];
            bytes[length++] = ALPHABET[(bits >>> 6) & 63];
            bytes[length++] = ALPHABET[bits & 63];
        }
        if (end - i == 1) {
            int bits = (data[i] & 0xff) << 16;
            bytes[length++] = ALPHABET[bits >>> 18];
            bytes[length++] = ALPHABET[(bits >>> 12) & 63];
            bytes[length++] = '=';
            bytes[length++] = '=';
        } else if (end - i == 2) {
            int bits = (data[i] & 0xff) << 16 | (data[i + 1] & 0xff) << 8;
            bytes[length++] = ALPHABET[bits >>> 18];
            bytes[length++] = ALPHABET[(bits >>> 12) & 63];
            bytes[length++] = ALPHABET[(bits >>> 6) & 63];
            bytes[length++] = '=';
        }
        return this;
    }

    /** Base64url of {@code prefix} followed by {@code data[from, from + count)} (a key's DER from its raw bytes). */
    LineBuffer base64(byte[] prefix, byte[] data, int from, int count) {
        int total = prefix.length + count;
        if (scratch.length < total) {
            scratch = new byte[total];
        }
        System.arraycopy(prefix, 0, scratch, 0, prefix.length);
        System.arraycopy(data, from, scratch, prefix.length, count);
        return base64(scratch, 0, total);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
