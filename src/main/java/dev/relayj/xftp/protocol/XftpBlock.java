package dev.relayj.xftp.protocol;

import dev.relayj.crypto.CryptoException;
import dev.relayj.crypto.Padding;

/**
 * The fixed-size XFTP block ({@code xftpBlockSize}) and its padding ({@code C.pad}/{@code C.unPad}
 * in {@code Crypto.hs}, so {@link Padding}):
 * <pre>
 * +----------------+-------------------+---------------------+
 * | length: Word16 | content (length)  | '#' up to the size  |
 * +----------------+-------------------+---------------------+
 * </pre>
 */
public final class XftpBlock {
    private XftpBlock() {}

    public static final int SIZE = 16384;

    /** Pads content to a full block; fails when it does not fit. */
    public static byte[] pad(byte[] content) throws XftpException {
        try {
            return Padding.pad(content, SIZE);
        } catch (CryptoException e) {
            throw new XftpException(XftpError.BLOCK);
        }
    }

    /**
     * Takes the content out of a padded byte string of any length, as {@code unPad} does: the
     * padding itself is not checked, only that the declared length fits.
     */
    public static byte[] unpad(byte[] padded) throws XftpException {
        try {
            return Padding.unPad(padded);
        } catch (CryptoException e) {
            throw new XftpException(XftpError.BLOCK);
        }
    }
}
