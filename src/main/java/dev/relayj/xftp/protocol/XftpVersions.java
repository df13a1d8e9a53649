package dev.relayj.xftp.protocol;

import dev.relayj.encoding.VersionRange;

/** XFTP protocol versions, named as in simplexmq {@code FileTransfer/Transport.hs}. */
public final class XftpVersions {
    private XftpVersions() {}

    public static final int INITIAL_XFTP_VERSION = 1;
    /** From v2 commands are authorized by the keys agreed in the handshake. */
    public static final int AUTH_CMDS_XFTP_VERSION = 2;
    /** From v3 the server may answer {@code ERR BLOCKED}; older clients get {@code ERR AUTH}. */
    public static final int BLOCKED_FILES_XFTP_VERSION = 3;
    public static final int CURRENT_XFTP_VERSION = 3;

    public static final VersionRange SUPPORTED_FILE_SERVER_VRANGE =
            new VersionRange(INITIAL_XFTP_VERSION, CURRENT_XFTP_VERSION);

    /** The ALPN name of handshake version 1 ({@code xftpALPNv1}). */
    public static final String XFTP_ALPN_V1 = "xftp/1";
}
