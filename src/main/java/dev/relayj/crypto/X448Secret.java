package dev.relayj.crypto;

import java.security.MessageDigest;
import java.util.Arrays;

/** A X448 shared secret. */
public final class X448Secret implements DhSecret {
    private final byte[] bytes;

    /** A secret from its raw bytes (copied); the length must be right. */
    public X448Secret(byte[] bytes) {
        if (bytes.length != KeyAlgorithm.X448.rawLength()) {
            throw new IllegalArgumentException(
                    "X448 secret must be " + KeyAlgorithm.X448.rawLength() + " bytes, got " + bytes.length);
        }
        this.bytes = bytes.clone();
    }

    @Override
    public KeyAlgorithm algorithm() {
        return KeyAlgorithm.X448;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof X448Secret secret && MessageDigest.isEqual(bytes, secret.bytes);
    }

    @Override
    public int hashCode() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return "X448Secret[redacted]";
    }
}
