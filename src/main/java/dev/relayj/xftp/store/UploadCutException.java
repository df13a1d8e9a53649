package dev.relayj.xftp.store;

/**
 * Reading an upload's body failed: the client reset its stream or closed the connection, or the
 * upload deadline interrupted the read. The client's doing, not the disk's: the reference answers
 * it {@code TIMEOUT} (an {@code HTTP2Error} in {@code receiveFile}, FileTransfer/Transport.hs) where a
 * disk failure is {@code FILE_IO}.
 */
public final class UploadCutException extends Exception {
    public UploadCutException(Throwable cause) {
        super(cause.getMessage(), cause);
    }
}
