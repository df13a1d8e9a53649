package dev.relayj.crypto;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import java.util.Arrays;

/**
 * A public key on one of simplexmq's curves. On the wire ({@code encodePubKey} in
 * {@code Crypto.hs}) a key is the DER of its X.509 SubjectPublicKeyInfo, written as a short
 * byte string in the binary encoding and as base64url in text forms.
 */
public sealed interface PublicKey permits SignaturePublicKey, DhPublicKey, AuthPublicKey {
    KeyAlgorithm algorithm();

    /** The raw key bytes (RFC 8032 / RFC 7748 encoding). */
    byte[] raw();

    /** The X.509 SubjectPublicKeyInfo DER encoding. */
    default byte[] spki() {
        byte[] prefix = algorithm().spkiPrefix();
        byte[] raw = raw();
        byte[] der = Arrays.copyOf(prefix, prefix.length + raw.length);
        System.arraycopy(raw, 0, der, prefix.length, raw.length);
        return der;
    }

    default void writeTo(SmpWriter writer) {
        writer.writeShortBytes(spki());
    }

    /** Decodes a SubjectPublicKeyInfo of any of the four algorithms. */
    static PublicKey fromSpki(byte[] der) throws DecodingException {
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            if (algorithm.matchesSpki(der)) {
                byte[] raw = Arrays.copyOfRange(der, der.length - algorithm.rawLength(), der.length);
                return switch (algorithm) {
                    case ED25519 -> new Ed25519PublicKey(raw);
                    case ED448 -> new Ed448PublicKey(raw);
                    case X25519 -> new X25519PublicKey(raw);
                    case X448 -> new X448PublicKey(raw);
                };
            }
        }
        throw new DecodingException("not an Ed25519, Ed448, X25519 or X448 public key");
    }

    static PublicKey readFrom(SmpReader reader) throws DecodingException {
        return fromSpki(reader.readShortBytes());
    }

    /** A key that may authorize commands: a signature key, or from SMP v7 an X25519 key. */
    static AuthPublicKey readAuthKey(SmpReader reader) throws DecodingException {
        if (readFrom(reader) instanceof AuthPublicKey key) {
            return key;
        }
        throw new DecodingException("X448 keys cannot authorize commands");
    }

    static X25519PublicKey readX25519Key(SmpReader reader) throws DecodingException {
        if (readFrom(reader) instanceof X25519PublicKey key) {
            return key;
        }
        throw new DecodingException("expected an X25519 key");
    }

    static void checkRawLength(KeyAlgorithm algorithm, byte[] raw) {
        if (raw.length != algorithm.rawLength()) {
            throw new IllegalArgumentException(
                    algorithm + " public key must be " + algorithm.rawLength() + " bytes, got " + raw.length);
        }
    }
}
