package dev.relayj.xftp.protocol;

import java.util.Arrays;

/**
 * The fixed-size XFTP block ({@code xftpBlockSize}) and its padding ({@code C.pad}/{@code C.unPad}
 * in {@code Crypto.hs}):
 * <pre>
 * +----------------+-------------------+---------------------+
 * | length: Word16 | content (length)  | '#' up to the size  |
 * +----------------+-------------------+---------------------+
 * </pre>
 */
public final class XftpBlock {
    private XftpBlock() {}

    public static final int SIZE = 16384;

    private static final byte PAD = '#';

    /** Pads content to a full block; fails when it does not fit. */
    public static byte[] pad(byte[] content) throws XftpException {
        if (content.length > SIZE - 2) {
            throw new XftpException(XftpError.BLOCK);
        }
        byte[] block = new byte[SIZE];
        block[0] = (byte) (content.length >>> 8);
        block[1] = (byte) content.length;
        System.arraycopy(content, 0, block, 2, content.length);
        Arrays.fill(block, 2 + content.length, SIZE, PAD);
        return block;
    }

    /**
     * Takes the content out of a padded byte string of any length, as {@code unPad} does: the
     * padding itself is not checked, only that the declared length fits.
     */
    public static byte[] unpad(byte[] padded) throws XftpException {
        if (padded.length < 2) {
            throw new XftpException(XftpError.BLOCK);
        }
        int length = ((padded[0] & 0xFF) << 8) | (padded[1] & 0xFF);
        if (padded.length - 2 < length) {
            throw new XftpException(XftpError.BLOCK);
        }
        return Arrays.copyOfRange(padded, 2, 2 + length);
    }
}
