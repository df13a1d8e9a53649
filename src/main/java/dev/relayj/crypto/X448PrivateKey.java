package dev.relayj.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X448;

/** An X448 private key: the 56-byte RFC 7748 scalar, stored unclamped as generated or read. */
public final class X448PrivateKey extends PrivateKeyBytes implements DhPrivateKey {
    private final X448PublicKey publicKey;

    public X448PrivateKey(byte[] raw) {
        super(KeyAlgorithm.X448, raw);
        byte[] publicRaw = new byte[X448.POINT_SIZE];
        X448.generatePublicKey(this.raw, 0, publicRaw, 0);
        this.publicKey = new X448PublicKey(publicRaw);
    }

    public static X448PrivateKey generate(SecureRandom random) {
        byte[] scalar = new byte[X448.SCALAR_SIZE];
        X448.generatePrivateKey(random, scalar);
        try {
            return new X448PrivateKey(scalar);
        } finally {
            Arrays.fill(scalar, (byte) 0);
        }
    }

    @Override
    public KeyAlgorithm algorithm() {
        return KeyAlgorithm.X448;
    }

    @Override
    public X448PublicKey publicKey() {
        return publicKey;
    }

    /**
     * {@code dh'}: the shared secret with a peer's key. Like cryptonite, and unlike
     * {@code X25519Agreement}, it does not reject the all-zero result of a low-order peer key: the
     * reference accepts it, and rejecting would throw on input from the network.
     */
    public X448Secret dh(X448PublicKey peer) {
        byte[] shared = new byte[X448.POINT_SIZE];
        X448.scalarMult(raw, 0, peer.raw(), 0, shared, 0);
        try {
            return new X448Secret(shared);
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }
}
