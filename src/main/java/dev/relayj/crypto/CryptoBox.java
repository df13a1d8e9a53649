package dev.relayj.crypto;

import java.util.Arrays;

/**
 * One-shot NaCl crypto_box (under an X25519 shared secret) and simplexmq's secret_box (under a
 * 32-byte key), as {@code cbEncrypt}, {@code sbEncrypt} and their relatives in {@code Crypto.hs}.
 * The packet is the 16-byte Poly1305 tag, then the ciphertext (libsodium's "easy" layout):
 *
 * <pre>
 * | tag (16) | XSalsa20(message) |
 * </pre>
 *
 * The padded variants {@link Padding#pad pad} the message to a fixed length first and unpad it
 * after decryption, so the packet is {@code paddedLength + 16} bytes. See {@link SecretBoxStream}
 * for the key schedule.
 */
public final class CryptoBox {
    public static final int TAG_SIZE = SecretBoxStream.TAG_SIZE;

    private CryptoBox() {}

    /** {@code cbEncrypt}: pads the message to {@code paddedLength}, then crypto_box. */
    public static byte[] cbEncrypt(X25519Secret secret, CbNonce nonce, byte[] message, int paddedLength)
            throws CryptoException {
        return seal(SecretBoxStream.init(secret, nonce), Padding.pad(message, paddedLength));
    }

    /** {@code cbEncryptNoPad}. */
    public static byte[] cbEncryptNoPad(X25519Secret secret, CbNonce nonce, byte[] message) {
        return seal(SecretBoxStream.init(secret, nonce), message);
    }

    /** {@code cbDecrypt}: crypto_box open, then unpad. */
    public static byte[] cbDecrypt(X25519Secret secret, CbNonce nonce, byte[] packet) throws CryptoException {
        return Padding.unPad(cbDecryptNoPad(secret, nonce, packet));
    }

    /** {@code cbDecryptNoPad}. */
    public static byte[] cbDecryptNoPad(X25519Secret secret, CbNonce nonce, byte[] packet) throws CryptoException {
        checkLength(packet);
        return open(SecretBoxStream.init(secret, nonce), packet);
    }

    /** {@code sbEncrypt}: pads the message to {@code paddedLength}, then secret_box. */
    public static byte[] sbEncrypt(SbKey key, CbNonce nonce, byte[] message, int paddedLength) throws CryptoException {
        return seal(SecretBoxStream.init(key, nonce), Padding.pad(message, paddedLength));
    }

    /** {@code sbEncryptNoPad}. */
    public static byte[] sbEncryptNoPad(SbKey key, CbNonce nonce, byte[] message) {
        return seal(SecretBoxStream.init(key, nonce), message);
    }

    /** {@code sbDecrypt}: secret_box open, then unpad. */
    public static byte[] sbDecrypt(SbKey key, CbNonce nonce, byte[] packet) throws CryptoException {
        return Padding.unPad(sbDecryptNoPad(key, nonce, packet));
    }

    /** {@code sbDecryptNoPad}. */
    public static byte[] sbDecryptNoPad(SbKey key, CbNonce nonce, byte[] packet) throws CryptoException {
        checkLength(packet);
        return open(SecretBoxStream.init(key, nonce), packet);
    }

    /**
     * crypto_box in place: encrypts the {@code length} bytes at {@code offset + 16} of the buffer
     * and writes the tag at {@code offset}, so the packet is {@code length + 16} bytes at {@code offset}.
     */
    public static void cbSealInPlace(X25519Secret secret, CbNonce nonce, byte[] buffer, int offset, int length) {
        sealInPlace(SecretBoxStream.init(secret, nonce), buffer, offset, length);
    }

    /** secret_box in place, as {@link #cbSealInPlace}. */
    public static void sbSealInPlace(SbKey key, CbNonce nonce, byte[] buffer, int offset, int length) {
        sealInPlace(SecretBoxStream.init(key, nonce), buffer, offset, length);
    }

    /**
     * secret_box open in place: the {@code length}-byte packet at {@code offset} (tag, then
     * ciphertext) is replaced by the tag and the plaintext; on a wrong tag the plaintext is
     * zeroed and DECRYPT thrown.
     */
    public static void sbOpenInPlace(SbKey key, CbNonce nonce, byte[] buffer, int offset, int length)
            throws CryptoException {
        if (length < TAG_SIZE) {
            throw new CryptoException(CryptoError.DECRYPT);
        }
        SecretBoxStream stream = SecretBoxStream.init(key, nonce);
        stream.decrypt(buffer, offset + TAG_SIZE, length - TAG_SIZE, buffer, offset + TAG_SIZE);
        if (!stream.verifyAuthTag(buffer, offset, TAG_SIZE)) {
            Arrays.fill(buffer, offset + TAG_SIZE, offset + length, (byte) 0);
            throw new CryptoException(CryptoError.DECRYPT);
        }
    }

    private static void sealInPlace(SecretBoxStream stream, byte[] buffer, int offset, int length) {
        stream.encrypt(buffer, offset + TAG_SIZE, length, buffer, offset + TAG_SIZE);
        System.arraycopy(stream.authTag(), 0, buffer, offset, TAG_SIZE);
    }

    private static byte[] seal(SecretBoxStream stream, byte[] message) {
        byte[] packet = new byte[TAG_SIZE + message.length];
        stream.encrypt(message, 0, message.length, packet, TAG_SIZE);
        System.arraycopy(stream.authTag(), 0, packet, 0, TAG_SIZE);
        return packet;
    }

    private static byte[] open(SecretBoxStream stream, byte[] packet) throws CryptoException {
        byte[] message = new byte[packet.length - TAG_SIZE];
        stream.decrypt(packet, TAG_SIZE, message.length, message, 0);
        if (!stream.verifyAuthTag(packet, 0, TAG_SIZE)) {
            Arrays.fill(message, (byte) 0);
            throw new CryptoException(CryptoError.DECRYPT);
        }
        return message;
    }

    private static void checkLength(byte[] packet) throws CryptoException {
        if (packet.length < TAG_SIZE) {
            throw new CryptoException(CryptoError.DECRYPT);
        }
    }
}
