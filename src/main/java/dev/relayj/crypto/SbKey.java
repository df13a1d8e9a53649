package dev.relayj.crypto;

import dev.relayj.encoding.DecodingException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/** A 32-byte symmetric key for secret_box ({@code SbKey}). Zero it with {@link #destroy()}. */
public final class SbKey {
    public static final int SIZE = 32;

    private final byte[] bytes;

    private SbKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** {@code sbKey}: a key from exactly 32 bytes (copied). */
    public static SbKey of(byte[] bytes) throws DecodingException {
        if (bytes.length != SIZE) {
            throw new DecodingException("secret_box key must be " + SIZE + " bytes, got " + bytes.length);
        }
        return new SbKey(bytes.clone());
    }

    public static SbKey random(SecureRandom random) {
        byte[] bytes = new byte[SIZE];
        random.nextBytes(bytes);
        return new SbKey(bytes);
    }

    /** Takes ownership of 32 freshly derived bytes. */
    static SbKey wrap(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("secret_box key must be " + SIZE + " bytes");
        }
        return new SbKey(bytes);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    byte[] bytesUnsafe() {
        return bytes;
    }

    /** Overwrites the key with zeros; the key is unusable afterwards. */
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SbKey key && MessageDigest.isEqual(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
        return SIZE;
    }

    @Override
    public String toString() {
        return "SbKey[redacted]";
    }
}
