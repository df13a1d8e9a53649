package dev.relayj.crypto;

import java.util.Arrays;

/**
 * Message padding of {@code pad}/{@code unPad} in {@code Crypto.hs}: a 2-byte big-endian length,
 * the message, then '#' up to the padded length.
 *
 * <pre>
 * | len (2, BE) | message (len) | '#' ... |   total = paddedLen
 * </pre>
 */
public final class Padding {
    /** {@code maxMsgLen}: the largest message a 2-byte length can carry (2^16 - 3). */
    public static final int MAX_MESSAGE_LENGTH = 65533;

    private static final byte FILL = '#';

    private Padding() {}

    /** {@code canPad}: whether a message of this length fits the padded length. */
    public static boolean canPad(int messageLength, int paddedLength) {
        return messageLength <= MAX_MESSAGE_LENGTH && paddedLength - messageLength - 2 >= 0;
    }

    public static byte[] pad(byte[] message, int paddedLength) throws CryptoException {
        if (!canPad(message.length, paddedLength)) {
            throw new CryptoException(CryptoError.LARGE_MESSAGE);
        }
        byte[] padded = new byte[paddedLength];
        padded[0] = (byte) (message.length >>> 8);
        padded[1] = (byte) message.length;
        System.arraycopy(message, 0, padded, 2, message.length);
        Arrays.fill(padded, 2 + message.length, paddedLength, FILL);
        return padded;
    }

    /**
     * Pads in place: the message is already at {@code offset + 2}; writes its length before it
     * and the fill after it, up to {@code offset + paddedLength}.
     */
    public static void padInPlace(byte[] buffer, int offset, int messageLength, int paddedLength) throws CryptoException {
        if (!canPad(messageLength, paddedLength)) {
            throw new CryptoException(CryptoError.LARGE_MESSAGE);
        }
        buffer[offset] = (byte) (messageLength >>> 8);
        buffer[offset + 1] = (byte) messageLength;
        Arrays.fill(buffer, offset + 2 + messageLength, offset + paddedLength, FILL);
    }

    /** The length of the message inside {@code paddedLength} padded bytes at {@code offset}; it starts at {@code offset + 2}. */
    public static int unpaddedLength(byte[] buffer, int offset, int paddedLength) throws CryptoException {
        if (paddedLength < 2) {
            throw new CryptoException(CryptoError.INVALID_MESSAGE);
        }
        int length = ((buffer[offset] & 0xff) << 8) | (buffer[offset + 1] & 0xff);
        if (paddedLength - 2 < length) {
            throw new CryptoException(CryptoError.INVALID_MESSAGE);
        }
        return length;
    }

    /** The message inside padded data; the fill after it is not checked, as in the reference. */
    public static byte[] unPad(byte[] padded) throws CryptoException {
        int length = unpaddedLength(padded, 0, padded.length);
        return Arrays.copyOfRange(padded, 2, 2 + length);
    }
}
