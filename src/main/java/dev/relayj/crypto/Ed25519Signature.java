package dev.relayj.crypto;

import dev.relayj.encoding.Base64Url;
import java.util.Arrays;

/** A Ed25519 signature: its 64 raw bytes. */
public record Ed25519Signature(byte[] bytes) implements Signature {
    public static final int SIZE = 64;

    public Ed25519Signature {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("Ed25519 signature must be " + SIZE + " bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    @Override
    public KeyAlgorithm algorithm() {
        return KeyAlgorithm.ED25519;
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
        return other instanceof Ed25519Signature signature && Arrays.equals(bytes, signature.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Ed25519Signature[" + Base64Url.encode(bytes) + "]";
    }
}
