package dev.relayj.crypto;

import java.security.MessageDigest;
import java.util.Arrays;

/** The raw bytes every private key holds, with their copying, zeroing and redacted printing. */
abstract class PrivateKeyBytes {
    /** Owned by this object; never handed out without copying. */
    final byte[] raw;

    PrivateKeyBytes(KeyAlgorithm algorithm, byte[] raw) {
        if (raw.length != algorithm.rawLength()) {
            throw new IllegalArgumentException(
                    algorithm + " private key must be " + algorithm.rawLength() + " bytes, got " + raw.length);
        }
        this.raw = raw.clone();
    }

    public byte[] raw() {
        return raw.clone();
    }

    public void destroy() {
        Arrays.fill(raw, (byte) 0);
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass()
                && MessageDigest.isEqual(raw, ((PrivateKeyBytes) other).raw);
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[redacted]";
    }
}
