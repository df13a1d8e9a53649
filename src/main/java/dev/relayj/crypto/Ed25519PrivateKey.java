package dev.relayj.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** An Ed25519 private key: the 32-byte RFC 8032 seed. */
public final class Ed25519PrivateKey extends PrivateKeyBytes implements SignaturePrivateKey, AuthPrivateKey {
    private final Ed25519PublicKey publicKey;

    public Ed25519PrivateKey(byte[] raw) {
        super(KeyAlgorithm.ED25519, raw);
        byte[] publicRaw = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(this.raw, 0, publicRaw, 0);
        this.publicKey = new Ed25519PublicKey(publicRaw);
    }

    public static Ed25519PrivateKey generate(SecureRandom random) {
        byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
        Ed25519.generatePrivateKey(random, seed);
        try {
            return new Ed25519PrivateKey(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    @Override
    public KeyAlgorithm algorithm() {
        return KeyAlgorithm.ED25519;
    }

    @Override
    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public Ed25519Signature sign(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        byte[] signature = new byte[Ed25519Signature.SIZE];
        Ed25519.sign(raw, 0, publicKey.raw(), 0, data, offset, length, signature, 0);
        return new Ed25519Signature(signature);
    }

    @Override
    public Ed25519Signature sign(byte[] data) {
        return sign(data, 0, data.length);
    }
}
