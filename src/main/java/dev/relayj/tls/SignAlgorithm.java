package dev.relayj.tls;

import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.generators.Ed448KeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.Ed448Signer;

/**
 * Signature algorithm of the server identity (CA) and online certificates; the names are those of
 * {@code SignAlgorithm} in simplexmq's {@code Server/CLI.hs}, which are also openssl's algorithm names.
 */
public enum SignAlgorithm {
    ED25519(EdECObjectIdentifiers.id_Ed25519),
    ED448(EdECObjectIdentifiers.id_Ed448);

    private final ASN1ObjectIdentifier oid;

    SignAlgorithm(ASN1ObjectIdentifier oid) {
        this.oid = oid;
    }

    ASN1ObjectIdentifier oid() {
        return oid;
    }

    /** The algorithm whose OID this is, or null. */
    static SignAlgorithm ofOid(ASN1ObjectIdentifier oid) {
        for (SignAlgorithm algorithm : values()) {
            if (algorithm.oid.equals(oid)) {
                return algorithm;
            }
        }
        return null;
    }

    /** The algorithm of an Ed25519 or Ed448 private key, or null for any other key. */
    static SignAlgorithm ofPrivateKey(AsymmetricKeyParameter key) {
        if (key instanceof Ed25519PrivateKeyParameters) {
            return ED25519;
        }
        if (key instanceof Ed448PrivateKeyParameters) {
            return ED448;
        }
        return null;
    }

    AsymmetricCipherKeyPair generateKeyPair(SecureRandom random) {
        return switch (this) {
            case ED25519 -> {
                Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
                generator.init(new Ed25519KeyGenerationParameters(random));
                yield generator.generateKeyPair();
            }
            case ED448 -> {
                Ed448KeyPairGenerator generator = new Ed448KeyPairGenerator();
                generator.init(new Ed448KeyGenerationParameters(random));
                yield generator.generateKeyPair();
            }
        };
    }

    byte[] sign(AsymmetricKeyParameter privateKey, byte[] data) {
        Signer signer = switch (this) {
            case ED25519 -> new Ed25519Signer();
            case ED448 -> new Ed448Signer(new byte[0]);
        };
        signer.init(true, privateKey);
        signer.update(data, 0, data.length);
        try {
            return signer.generateSignature();
        } catch (CryptoException e) {
            throw new IllegalStateException("Ed signature failed", e);
        }
    }
}
