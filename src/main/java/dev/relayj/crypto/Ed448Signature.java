package dev.relayj.crypto;

import dev.relayj.encoding.Base64Url;
import java.util.Arrays;

/** A Ed448 signature: its 114 raw bytes. */
public record Ed448Signature(byte[] bytes) implements Signature {
    public static final int SIZE = 114;

    public Ed448Signature {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("Ed448 signature must be " + SIZE + " bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    @Override
    public KeyAlgorithm algorithm() {
        return KeyAlgorithm.ED448;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    byte[] bytesUnsafe() {
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ed448Signature signature && Arrays.equals(bytes, signature.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Ed448Signature[" + Base64Url.encode(bytes) + "]";
    }
}
