package dev.relayj.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * XSalsa20-Poly1305 over a stream of chunks: the {@code SbState} of {@code Crypto/Lazy.hs}
 * ({@code sbInit}, {@code cbInit}, {@code sbEncryptChunk}, {@code sbDecryptChunk}, {@code sbAuth}).
 * XFTP encrypts file bodies this way (FGET responses, files on the client) with the 16-byte tag
 * after the data; the one-shot {@link CryptoBox} puts the same tag before it.
 *
 * <p>simplexmq's key schedule ({@code xSalsa20} in {@code Crypto.hs}) runs HSalsa20 over the key
 * and 16 zero bytes before XSalsa20 with the 24-byte nonce. For a raw X25519 secret that is exactly
 * NaCl crypto_box; for a secret_box key it differs from NaCl's crypto_secretbox, which uses the
 * key directly. The first 32 bytes of the key stream are the Poly1305 key; the MAC covers the
 * ciphertext only.
 *
 * <p>A stream is used by one thread, chunk after chunk, and ends with {@link #authTag()} or
 * {@link #verifyAuthTag}; chunks may have any size.
 */
public final class SecretBoxStream {
    public static final int TAG_SIZE = 16;

    private static final int POLY1305_KEY_SIZE = 32;

    private final Salsa20KeyStream cipher;
    private final OneTimeMac mac;
    private boolean finished;

    private SecretBoxStream(byte[] key, CbNonce nonce) {
        byte[] subkey = HSalsa20.derive(key, new byte[16]);
        byte[] nonceBytes = nonce.bytes();
        // XSalsa20: HSalsa20 of the key and the nonce's first 16 bytes, then Salsa20 with the last 8
        byte[] streamKey = HSalsa20.derive(subkey, Arrays.copyOf(nonceBytes, 16));
        byte[] polyKey = new byte[POLY1305_KEY_SIZE];
        try {
            cipher = new Salsa20KeyStream(streamKey, nonceBytes, 16);
            cipher.xor(polyKey, 0, POLY1305_KEY_SIZE, polyKey, 0);
            mac = OneTimeMac.poly1305(polyKey, 0);
        } finally {
            Arrays.fill(subkey, (byte) 0);
            Arrays.fill(streamKey, (byte) 0);
            Arrays.fill(polyKey, (byte) 0);
        }
    }

    /** {@code sbInit}: a stream under a secret_box key. */
    public static SecretBoxStream init(SbKey key, CbNonce nonce) {
        return new SecretBoxStream(key.bytesUnsafe(), nonce);
    }

    /** {@code cbInit}: a stream under an X25519 shared secret (NaCl crypto_box). */
    public static SecretBoxStream init(X25519Secret secret, CbNonce nonce) {
        return new SecretBoxStream(secret.bytesUnsafe(), nonce);
    }

    /** {@code sbEncryptChunk}: encrypts {@code length} bytes; {@code out} may be {@code in}. */
    public void encrypt(byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        checkOpen();
        Objects.checkFromIndexSize(inOffset, length, in.length);
        Objects.checkFromIndexSize(outOffset, length, out.length);
        cipher.xor(in, inOffset, length, out, outOffset);
        mac.update(out, outOffset, length);
    }

    public byte[] encrypt(byte[] chunk) {
        byte[] out = new byte[chunk.length];
        encrypt(chunk, 0, chunk.length, out, 0);
        return out;
    }

    /** {@code sbDecryptChunk}: decrypts {@code length} bytes; {@code out} may be {@code in}. */
    public void decrypt(byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        checkOpen();
        Objects.checkFromIndexSize(inOffset, length, in.length);
        Objects.checkFromIndexSize(outOffset, length, out.length);
        mac.update(in, inOffset, length);
        cipher.xor(in, inOffset, length, out, outOffset);
    }

    public byte[] decrypt(byte[] chunk) {
        byte[] out = new byte[chunk.length];
        decrypt(chunk, 0, chunk.length, out, 0);
        return out;
    }

    /** {@code sbAuth}: the 16-byte Poly1305 tag of all ciphertext so far. Ends the stream. */
    public byte[] authTag() {
        checkOpen();
        finished = true;
        cipher.destroy();
        byte[] tag = new byte[TAG_SIZE];
        mac.doFinal(tag, 0);
        return tag;
    }

    /** Whether {@code length} bytes at {@code offset} are the right tag, in constant time. Ends the stream. */
    public boolean verifyAuthTag(byte[] received, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, received.length);
        byte[] expected = authTag();
        return length == TAG_SIZE
                && MessageDigest.isEqual(expected, Arrays.copyOfRange(received, offset, offset + length));
    }

    public boolean verifyAuthTag(byte[] received) {
        return verifyAuthTag(received, 0, received.length);
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("secret_box stream already finished");
        }
    }
}
