package dev.relayj.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** An X25519 private key: the 32-byte RFC 7748 scalar, stored unclamped as generated or read. */
public final class X25519PrivateKey extends PrivateKeyBytes implements DhPrivateKey, AuthPrivateKey {
    private final X25519PublicKey publicKey;

    public X25519PrivateKey(byte[] raw) {
        super(KeyAlgorithm.X25519, raw);
        byte[] publicRaw = new byte[X25519.POINT_SIZE];
        X25519.generatePublicKey(this.raw, 0, publicRaw, 0);
        this.publicKey = new X25519PublicKey(publicRaw);
    }

    public static X25519PrivateKey generate(SecureRandom random) {
        byte[] scalar = new byte[X25519.SCALAR_SIZE];
        X25519.generatePrivateKey(random, scalar);
        try {
            return new X25519PrivateKey(scalar);
        } finally {
            Arrays.fill(scalar, (byte) 0);
        }
    }

    @Override
    public KeyAlgorithm algorithm() {
        return KeyAlgorithm.X25519;
    }

    @Override
    public X25519PublicKey publicKey() {
        return publicKey;
    }

    /**
     * {@code dh'}: the shared secret with a peer's key. Like cryptonite, and unlike
     * {@code X25519Agreement}, it does not reject the all-zero result of a low-order peer key: the
     * reference accepts it, and rejecting would throw on input from the network.
     */
    public X25519Secret dh(X25519PublicKey peer) {
        byte[] shared = new byte[X25519.POINT_SIZE];
        X25519.scalarMult(raw, 0, peer.raw(), 0, shared, 0);
        try {
            return new X25519Secret(shared);
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }
}
