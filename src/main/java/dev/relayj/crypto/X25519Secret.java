package dev.relayj.crypto;

import java.security.MessageDigest;
import java.util.Arrays;

/** A X25519 shared secret. */
public final class X25519Secret implements DhSecret {
    private final byte[] bytes;

    /** A secret from its raw bytes (copied); the length must be right. */
    public X25519Secret(byte[] bytes) {
        if (bytes.length != KeyAlgorithm.X25519.rawLength()) {
            throw new IllegalArgumentException(
                    "X25519 secret must be " + KeyAlgorithm.X25519.rawLength() + " bytes, got " + bytes.length);
        }
        this.bytes = bytes.clone();
    }

    @Override
    public KeyAlgorithm algorithm() {
        return KeyAlgorithm.X25519;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    byte[] bytesUnsafe() {
        return bytes;
    }

    @Override
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof X25519Secret secret && MessageDigest.isEqual(bytes, secret.bytes);
    }

    @Override
    public int hashCode() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return "X25519Secret[redacted]";
    }
}
