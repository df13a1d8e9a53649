package dev.relayj.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed448;

/** An Ed448 private key: the 57-byte RFC 8032 seed. */
public final class Ed448PrivateKey extends PrivateKeyBytes implements SignaturePrivateKey, AuthPrivateKey {
    /** Pure Ed448 with an empty context, as cryptonite's {@code Ed448.sign}. */
    private static final byte[] PURE_CONTEXT = new byte[0];

    private final Ed448PublicKey publicKey;

    public Ed448PrivateKey(byte[] raw) {
        super(KeyAlgorithm.ED448, raw);
        byte[] publicRaw = new byte[Ed448.PUBLIC_KEY_SIZE];
        Ed448.generatePublicKey(this.raw, 0, publicRaw, 0);
        this.publicKey = new Ed448PublicKey(publicRaw);
    }

    public static Ed448PrivateKey generate(SecureRandom random) {
        byte[] seed = new byte[Ed448.SECRET_KEY_SIZE];
        Ed448.generatePrivateKey(random, seed);
        try {
            return new Ed448PrivateKey(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    @Override
    public KeyAlgorithm algorithm() {
        return KeyAlgorithm.ED448;
    }

    @Override
    public Ed448PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public Ed448Signature sign(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        byte[] signature = new byte[Ed448Signature.SIZE];
        Ed448.sign(raw, 0, publicKey.raw(), 0, PURE_CONTEXT, data, offset, length, signature, 0);
        return new Ed448Signature(signature);
    }

    @Override
    public Ed448Signature sign(byte[] data) {
        return sign(data, 0, data.length);
    }
}
