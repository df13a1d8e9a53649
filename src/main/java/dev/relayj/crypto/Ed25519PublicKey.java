package dev.relayj.crypto;

import dev.relayj.encoding.Base64Url;
import java.util.Arrays;

/** A ED25519 public key; {@link #raw()} holds its ED25519 raw encoding. */
public record Ed25519PublicKey(byte[] raw) implements SignaturePublicKey, AuthPublicKey {
    public Ed25519PublicKey {
        PublicKey.checkRawLength(KeyAlgorithm.ED25519, raw);
        raw = raw.clone();
    }

    @Override
    public KeyAlgorithm algorithm() {
        return KeyAlgorithm.ED25519;
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ed25519PublicKey key && Arrays.equals(raw, key.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "Ed25519PublicKey[" + Base64Url.encode(raw) + "]";
    }
}
