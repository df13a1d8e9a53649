package dev.relayj.xftp.protocol;

/** An XFTP protocol error as a checked exception, for code paths that end in {@code ERR}. */
public final class XftpException extends Exception {
    private final transient XftpError error;

    public XftpException(XftpError error) {
        super(error.encode(), null, false, false);
        this.error = error;
    }

    public XftpError error() {
        return error;
    }
}
