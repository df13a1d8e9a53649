package dev.relayj.crypto;

import dev.relayj.encoding.DecodingException;
import java.util.Arrays;

/**
 * A strict reader of the one DER structure a private key file holds (RFC 5958 / RFC 8410):
 *
 * <pre>
 * SEQUENCE {
 *   INTEGER 0 or 1                          -- version
 *   SEQUENCE { OBJECT IDENTIFIER }          -- 1.3.101.110..113, no parameters
 *   OCTET STRING { OCTET STRING { key } }   -- the raw private key
 *   [0] attributes OPTIONAL                 -- skipped
 *   [1] public key OPTIONAL                 -- skipped: the public key is derived
 * }
 * </pre>
 *
 * Written by hand so that every malformed input ends in a {@link DecodingException}; nothing may
 * follow the outer SEQUENCE.
 */
final class Pkcs8Reader {
    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;
    private static final int OCTET_STRING = 0x04;
    private static final int OBJECT_IDENTIFIER = 0x06;
    private static final int ATTRIBUTES = 0xa0;
    private static final int PUBLIC_KEY = 0x81;
    private static final int PUBLIC_KEY_CONSTRUCTED = 0xa1;

    private final byte[] der;
    private int position;
    private int limit;

    private Pkcs8Reader(byte[] der) {
        this.der = der;
        this.limit = der.length;
    }

    static PrivateKey read(byte[] der) throws DecodingException {
        return new Pkcs8Reader(der).readPrivateKeyInfo();
    }

    private PrivateKey readPrivateKeyInfo() throws DecodingException {
        int end = enter(SEQUENCE);
        if (end != der.length) {
            throw new DecodingException("bytes after the PKCS#8 private key");
        }
        byte[] version = content(INTEGER);
        if (version.length != 1 || (version[0] != 0 && version[0] != 1)) {
            throw new DecodingException("unsupported PKCS#8 version");
        }
        int algorithmEnd = enter(SEQUENCE);
        KeyAlgorithm algorithm = algorithmOf(content(OBJECT_IDENTIFIER));
        if (position != algorithmEnd) {
            throw new DecodingException("unexpected parameters for " + algorithm);
        }
        limit = end;
        int keyEnd = enter(OCTET_STRING);
        byte[] raw = content(OCTET_STRING);
        if (position != keyEnd) {
            throw new DecodingException("bytes after the " + algorithm + " private key");
        }
        limit = end;
        try {
            skipOptional(ATTRIBUTES);
            if (!skipOptional(PUBLIC_KEY)) {
                skipOptional(PUBLIC_KEY_CONSTRUCTED);
            }
            if (position != end) {
                throw new DecodingException("unexpected field in PKCS#8 private key");
            }
            if (raw.length != algorithm.rawLength()) {
                throw new DecodingException(
                        algorithm + " private key must be " + algorithm.rawLength() + " bytes, got " + raw.length);
            }
            return PrivateKey.fromRaw(algorithm, raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private static KeyAlgorithm algorithmOf(byte[] oid) throws DecodingException {
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            if (Arrays.equals(algorithm.oid(), oid)) {
                return algorithm;
            }
        }
        throw new DecodingException("not an Ed25519, Ed448, X25519 or X448 private key");
    }

    /** Reads a tag and length; returns where the value ends and narrows the limit to it. */
    private int enter(int tag) throws DecodingException {
        if (position >= limit || (der[position] & 0xff) != tag) {
            throw new DecodingException(String.format("malformed PKCS#8 private key: expected tag 0x%02x", tag));
        }
        position++;
        int length = readLength();
        int end = position + length;
        limit = end;
        return end;
    }

    private byte[] content(int tag) throws DecodingException {
        int outerLimit = limit;
        int end = enter(tag);
        byte[] value = Arrays.copyOfRange(der, position, end);
        position = end;
        limit = outerLimit;
        return value;
    }

    private boolean skipOptional(int tag) throws DecodingException {
        if (position >= limit || (der[position] & 0xff) != tag) {
            return false;
        }
        int outerLimit = limit;
        position = enter(tag);
        limit = outerLimit;
        return true;
    }

    private int readLength() throws DecodingException {
        int first = readByte();
        if (first < 0x80) {
            return checkFits(first);
        }
        int count = first & 0x7f;
        if (count == 0 || count > 2) {
            throw new DecodingException("malformed PKCS#8 private key: bad length");
        }
        int length = 0;
        for (int i = 0; i < count; i++) {
            length = (length << 8) | readByte();
        }
        return checkFits(length);
    }

    private int checkFits(int length) throws DecodingException {
        if (length > limit - position) {
            throw new DecodingException("malformed PKCS#8 private key: truncated");
        }
        return length;
    }

    private int readByte() throws DecodingException {
        if (position >= limit) {
            throw new DecodingException("malformed PKCS#8 private key: truncated");
        }
        return der[position++] & 0xff;
    }
}
