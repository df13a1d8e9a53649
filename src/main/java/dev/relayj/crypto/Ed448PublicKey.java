package dev.relayj.crypto;

import dev.relayj.encoding.Base64Url;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed448;

/** A ED448 public key; {@link #raw()} holds its ED448 raw encoding. */
public record Ed448PublicKey(byte[] raw) implements SignaturePublicKey, AuthPublicKey {
    /** Pure Ed448 (RFC 8032) with an empty context, as cryptonite signs. */
    private static final byte[] PURE_CONTEXT = new byte[0];

    public Ed448PublicKey {
        PublicKey.checkRawLength(KeyAlgorithm.ED448, raw);
        raw = raw.clone();
    }

    @Override
    public KeyAlgorithm algorithm() {
        return KeyAlgorithm.ED448;
    }

    @Override
    public boolean verify(Signature signature, byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        return signature instanceof Ed448Signature s
                && Ed448.verify(s.bytesUnsafe(), 0, raw, 0, PURE_CONTEXT, data, offset, length);
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
