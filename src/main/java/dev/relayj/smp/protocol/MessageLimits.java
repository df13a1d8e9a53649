package dev.relayj.smp.protocol;

import dev.relayj.transport.SmpVersions;
/** Sizes of SMP blocks and message bodies ({@code Protocol.hs}, {@code Transport.hs}). */
public final class MessageLimits {
    private MessageLimits() {}

    /** Every SMP transport block is exactly this long ({@code smpBlockSize}). */
    public static final int BLOCK_SIZE = 16384;

    /** The longest body a stored message may have ({@code MaxMessageLen}). */
    public static final int MAX_MESSAGE_LENGTH = 16088;

    /**
     * The longest message as delivered before server-side encryption: 8 bytes timestamp and up to
     * 8 of flags and separator in front of the body ({@code MaxRcvMessageLen}).
     */
    public static final int MAX_RCV_MESSAGE_LENGTH = MAX_MESSAGE_LENGTH + 16;

    /** The delivered message body is padded to this length, 2 length bytes included, then encrypted. */
    public static final int PADDED_RCV_MESSAGE_LENGTH = MAX_RCV_MESSAGE_LENGTH + 2;

    /** Proxied transmissions are padded to this length before encryption ({@code paddedProxiedTLength}). */
    public static final int PADDED_PROXIED_TRANSMISSION_LENGTH = 16226;

    /** Notification metadata is padded to this length before encryption (NMSG). */
    public static final int PADDED_NMSG_META_LENGTH = 128;

    /**
     * The longest SEND body the server accepts from a client of this version
     * ({@code maxMessageLength}): smaller once blocks are encrypted or proxied.
     */
    public static int maxMessageLength(int version) {
        if (version >= SmpVersions.ENCRYPTED_BLOCK_SMP_VERSION) {
            return 16048;
        }
        if (version >= SmpVersions.SENDING_PROXY_SMP_VERSION) {
            return 16064;
        }
        return 16088;
    }
}
