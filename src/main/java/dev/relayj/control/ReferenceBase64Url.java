package dev.relayj.control;

import java.io.ByteArrayOutputStream;

/**
 * The reference's text form of entity ids ({@code base64urlP} in {@code Encoding/String.hs}):
 * url-safe characters, optional {@code =} padding, decoded by base64-bytestring 1.2's
 * {@code Data.ByteString.Base64.URL.decode}, whose error messages the control port shows.
 */
final class ReferenceBase64Url {
    private static final int INVALID = 0xFF;
    private static final int PAD = 0x63;
    private static final int[] TABLE = decodeTable();

    private ReferenceBase64Url() {}

    /** {@code base64urlP}: the characters it takes, then the decoding, failing as the reference does. */
    static byte[] parse(LineCursor cursor) throws ControlParseException {
        byte[] text = cursor.takeWhile1(c -> isAlphaNum(c) || c == '-' || c == '_');
        byte[] padding = cursor.takeWhile(c -> c == '=');
        byte[] all = new byte[text.length + padding.length];
        System.arraycopy(text, 0, all, 0, text.length);
        System.arraycopy(padding, 0, all, text.length, padding.length);
        try {
            return decode(all);
        } catch (Base64Failure e) {
            throw new ControlParseException("Failed reading: " + e.getMessage());
        }
    }

    /**
     * {@code Data.Char.isAlphaNum} on a Latin-1 character: letters and every kind of number,
     * so {@code é} or {@code ²} pass here and fail in decoding, as in the reference.
     */
    static boolean isAlphaNum(int c) {
        if (Character.isLetter(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** {@code decodeWithTable Don'tCare}: padding optional, but never a lone pad completing 3 mod 4. */
    static byte[] decode(byte[] in) throws Base64Failure {
        if (in.length == 0) {
            return new byte[0];
        }
        byte[] padded;
        switch (in.length % 4) {
            case 0 -> padded = in;
            case 2 -> padded = withPadding(in, 2);
            case 3 -> {
                if (in[in.length - 1] == '=') {
                    throw new Base64Failure("Base64-encoded bytestring has invalid padding");
                }
                padded = withPadding(in, 1);
            }
            default -> throw new Base64Failure("Base64-encoded bytestring has invalid size");
        }
        return decodeQuads(padded);
    }

    private static byte[] withPadding(byte[] in, int count) {
        byte[] out = new byte[in.length + count];
        System.arraycopy(in, 0, out, 0, in.length);
        for (int i = in.length; i < out.length; i++) {
            out[i] = '=';
        }
        return out;
    }

    /** {@code decodeLoop}: pads are only allowed in the last two places, and bits must be canonical. */
    private static byte[] decodeQuads(byte[] s) throws Base64Failure {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length / 4 * 3);
        for (int src = 0; src < s.length; src += 4) {
            int a = TABLE[s[src] & 0xFF];
            int b = TABLE[s[src + 1] & 0xFF];
            int c = TABLE[s[src + 2] & 0xFF];
            int d = TABLE[s[src + 3] & 0xFF];
            boolean last = src + 4 >= s.length;
            if (a == PAD) {
                throw padding(src);
            }
            if (b == PAD) {
                throw padding(src + 1);
            }
            if (!last) {
                if (c == PAD) {
                    throw padding(src + 2);
                }
                if (d == PAD) {
                    throw padding(src + 3);
                }
            } else if (c == PAD && d != PAD) {
                throw invalid(src + 3);
            }
            if (a == INVALID) {
                throw invalid(src);
            }
            if (b == INVALID) {
                throw invalid(src + 1);
            }
            if (c == INVALID) {
                throw invalid(src + 2);
            }
            if (d == INVALID) {
                throw invalid(src + 3);
            }
            int w = (a << 18) | (b << 12) | ((c & 0x3F) << 6) | (d & 0x3F);
            out.write(w >> 16);
            if (c == PAD) {
                if ((b & 15) != 0) {
                    throw nonCanonical(src + 1);
                }
            } else if (d == PAD) {
                if ((c & 3) != 0) {
                    throw nonCanonical(src + 2);
                }
                out.write(w >> 8);
            } else {
                out.write(w >> 8);
                out.write(w);
            }
        }
        return out.toByteArray();
    }

    private static Base64Failure invalid(int offset) {
        return new Base64Failure("invalid character at offset: " + offset);
    }

    private static Base64Failure padding(int offset) {
        return new Base64Failure("invalid padding at offset: " + offset);
    }

    private static Base64Failure nonCanonical(int offset) {
        return new Base64Failure("non-canonical encoding detected at offset: " + offset);
    }

    private static int[] decodeTable() {
        int[] t = new int[256];
        java.util.Arrays.fill(t, INVALID);
        for (int i = 0; i < 26; i++) {
            t['A' + i] = i;
            t['a' + i] = 26 + i;
        }
        for (int i = 0; i < 10; i++) {
            t['0' + i] = 52 + i;
        }
        t['-'] = 62;
        t['_'] = 63;
        t['='] = PAD;
        return t;
    }

    static final class Base64Failure extends Exception {
        Base64Failure(String message) {
            super(message, null, false, false);
        }
    }
}
