package dev.relayj.crypto;

import dev.relayj.encoding.DecodingException;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

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
        PrivateKeyInfo info;
        byte[] raw;
        try {
            info = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
            raw = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
        } catch (IOException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
            // Bouncy Castle's ASN.1 parser reports malformed input with these unchecked exceptions.
            throw new DecodingException("malformed PKCS#8 private key: " + e.getMessage());
        }
        String oid = info.getPrivateKeyAlgorithm().getAlgorithm().getId();
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            if (algorithm.oid().equals(oid)) {
                if (raw.length != algorithm.rawLength()) {
                    throw new DecodingException(algorithm + " private key must be " + algorithm.rawLength()
                            + " bytes, got " + raw.length);
                }
                try {
                    return fromRaw(algorithm, raw);
                } finally {
                    Arrays.fill(raw, (byte) 0);
                }
            }
        }
        throw new DecodingException("not an Ed25519, Ed448, X25519 or X448 private key (algorithm " + oid + ")");
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
