package dev.relayj.crypto;

import dev.relayj.encoding.DecodingException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A private key on one of simplexmq's curves ({@code APrivateKey}). It knows its public key. Its
 * stored form is PKCS#8 DER ({@code encodePrivKey}/{@code decodePrivKey} in {@code Crypto.hs});
 * PEM files wrap that DER. Zero it with {@link #destroy()} when it is no longer needed.
 */
public sealed interface PrivateKey permits SignaturePrivateKey, DhPrivateKey, AuthPrivateKey {
    KeyAlgorithm algorithm();

    /** The raw private key bytes (RFC 8032 seed / RFC 7748 scalar), copied. */
    byte[] raw();

    PublicKey publicKey();

    /** Overwrites the key material with zeros; the key is unusable afterwards. */
    void destroy();

    /** PKCS#8 PrivateKeyInfo DER, byte for byte as hs-x509 writes it (version 0, no public key). */
    default byte[] pkcs8() {
        byte[] prefix = algorithm().pkcs8Prefix();
        byte[] raw = raw();
        byte[] der = Arrays.copyOf(prefix, prefix.length + raw.length);
        System.arraycopy(raw, 0, der, prefix.length, raw.length);
        Arrays.fill(raw, (byte) 0);
        return der;
    }

    /**
     * Decodes PKCS#8 DER of any of the four algorithms. Besides the exact form {@link #pkcs8()}
     * writes, it accepts what other tools may add (version 1, attributes, the public key), which
     * is ignored; anything after the key structure is an error, as in the reference.
     */
    static PrivateKey fromPkcs8(byte[] der) throws DecodingException {
        return Pkcs8Reader.read(der);
    }

    /** A key from its raw bytes (copied); the length must match the algorithm. */
    static PrivateKey fromRaw(KeyAlgorithm algorithm, byte[] raw) {
        return switch (algorithm) {
            case ED25519 -> new Ed25519PrivateKey(raw);
            case ED448 -> new Ed448PrivateKey(raw);
            case X25519 -> new X25519PrivateKey(raw);
            case X448 -> new X448PrivateKey(raw);
        };
    }

    static PrivateKey generate(KeyAlgorithm algorithm, SecureRandom random) {
        return switch (algorithm) {
            case ED25519 -> Ed25519PrivateKey.generate(random);
            case ED448 -> Ed448PrivateKey.generate(random);
            case X25519 -> X25519PrivateKey.generate(random);
            case X448 -> X448PrivateKey.generate(random);
        };
    }
}
