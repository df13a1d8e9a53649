package dev.relayj.crypto;

import dev.relayj.encoding.Base64Url;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

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
    public boolean verify(Signature signature, byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        return signature instanceof Ed25519Signature s
                && Ed25519.verify(s.bytesUnsafe(), 0, raw, 0, data, offset, length);
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
