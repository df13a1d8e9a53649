package dev.relayj.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A secret_box chain key ({@code SbChainKey}): from SMP v11 each transport block is encrypted
 * under its own key and nonce, taken one step at a time from a chain per direction. The two
 * chains start from the session's DH secret with the TLS session id as salt ({@code sbcInit},
 * {@code blockEncryption} in {@code Transport.hs}); the server sends with the first and receives
 * with the second, the client the other way round.
 *
 * <p>Values are immutable, as in the reference: {@link #next()} returns the block key and nonce
 * with the following chain key; the owner then {@linkplain #destroy() zeroes} the spent one.
 */
public final class SbChainKey {
    public static final int SIZE = 32;

    private static final byte[] INIT_INFO = "SimpleXSbChainInit".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STEP_INFO = "SimpleXSbChain".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_SALT = new byte[0];

    /** The two chains of a session, in the order {@code sbcInit} returns them. */
    public record Pair(SbChainKey first, SbChainKey second) {}

    /** One step of a chain: the block's key and nonce, and the chain key for the next block. */
    public record Step(SbKey key, CbNonce nonce, SbChainKey next) {}

    private final byte[] bytes;

    private SbChainKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** {@code sbcInit}: HKDF-SHA512(salt, secret, "SimpleXSbChainInit") split into two 32-byte keys. */
    public static Pair init(byte[] salt, byte[] secret) {
        byte[] out = Hkdf.sha512(salt, secret, INIT_INFO, 2 * SIZE);
        try {
            return new Pair(
                    new SbChainKey(Arrays.copyOfRange(out, 0, SIZE)),
                    new SbChainKey(Arrays.copyOfRange(out, SIZE, 2 * SIZE)));
        } finally {
            Arrays.fill(out, (byte) 0);
        }
    }

    public static Pair init(byte[] salt, X25519Secret secret) {
        return init(salt, secret.bytesUnsafe());
    }

    /**
     * {@code sbcHkdf}: HKDF-SHA512 with no salt and info "SimpleXSbChain", 88 bytes: the next
     * chain key (32), the secret_box key (32), the nonce (24), in that order.
     */
    public Step next() {
        byte[] out = Hkdf.sha512(NO_SALT, bytes, STEP_INFO, 2 * SIZE + CbNonce.SIZE);
        try {
            SbChainKey nextKey = new SbChainKey(Arrays.copyOfRange(out, 0, SIZE));
            SbKey key = SbKey.wrap(Arrays.copyOfRange(out, SIZE, 2 * SIZE));
            CbNonce nonce = new CbNonce(Arrays.copyOfRange(out, 2 * SIZE, out.length));
            return new Step(key, nonce, nextKey);
        } finally {
            Arrays.fill(out, (byte) 0);
        }
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SbChainKey key && MessageDigest.isEqual(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
        return SIZE;
    }

    @Override
    public String toString() {
        return "SbChainKey[redacted]";
    }
}
