package dev.relayj.crypto;

import dev.relayj.encoding.Base64Url;
import java.util.Arrays;

/** A X25519 public key; {@link #raw()} holds its X25519 raw encoding. */
public record X25519PublicKey(byte[] raw) implements DhPublicKey, AuthPublicKey {
    public X25519PublicKey {
        PublicKey.checkRawLength(KeyAlgorithm.X25519, raw);
        raw = raw.clone();
    }

    @Override
    public KeyAlgorithm algorithm() {
        return KeyAlgorithm.X25519;
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof X25519PublicKey key && Arrays.equals(raw, key.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "X25519PublicKey[" + Base64Url.encode(raw) + "]";
    }
}
