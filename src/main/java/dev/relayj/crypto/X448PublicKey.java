package dev.relayj.crypto;

import dev.relayj.encoding.Base64Url;
import java.util.Arrays;

/** A X448 public key; {@link #raw()} holds its X448 raw encoding. */
public record X448PublicKey(byte[] raw) implements DhPublicKey {
    public X448PublicKey {
        PublicKey.checkRawLength(KeyAlgorithm.X448, raw);
        raw = raw.clone();
    }

    @Override
    public KeyAlgorithm algorithm() {
        return KeyAlgorithm.X448;
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof X448PublicKey key && Arrays.equals(raw, key.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "X448PublicKey[" + Base64Url.encode(raw) + "]";
    }
}
