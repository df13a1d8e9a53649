package dev.relayj.smp.store;

import java.util.Arrays;

/**
 * An X25519 shared secret the server keeps per queue to encrypt message bodies and notification
 * metadata for the recipient ({@code RcvDhSecret}, {@code RcvNtfDhSecret}): 32 bytes.
 */
public record DhSecret(byte[] bytes) {
    public static final int LENGTH = 32;

    public DhSecret {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("an X25519 shared secret is 32 bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DhSecret secret && Arrays.equals(bytes, secret.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "DhSecret[hidden]";
    }
}
