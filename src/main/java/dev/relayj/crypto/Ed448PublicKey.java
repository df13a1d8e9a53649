package dev.relayj.crypto;

import dev.relayj.encoding.Base64Url;
import java.util.Arrays;

/** A ED448 public key; {@link #raw()} holds its ED448 raw encoding. */
public record Ed448PublicKey(byte[] raw) implements SignaturePublicKey, AuthPublicKey {
    public Ed448PublicKey {
        PublicKey.checkRawLength(KeyAlgorithm.ED448, raw);
        raw = raw.clone();
    }

    @Override
    public KeyAlgorithm algorithm() {
        return KeyAlgorithm.ED448;
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ed448PublicKey key && Arrays.equals(raw, key.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "Ed448PublicKey[" + Base64Url.encode(raw) + "]";
    }
}
