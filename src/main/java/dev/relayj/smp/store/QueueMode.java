package dev.relayj.smp.store;

/**
 * Whether the sender may secure the queue ({@code QueueMode} in simplexmq's
 * {@code QueueStore/QueueInfo.hs}), written as one letter.
 */
public enum QueueMode {
    MESSAGING('M'),
    CONTACT('C');

    private final char code;

    QueueMode(char code) {
        this.code = code;
    }

    public char code() {
        return code;
    }

    /** The mode for a code letter, or null for an unknown letter. */
    public static QueueMode fromCode(char code) {
        for (QueueMode mode : values()) {
            if (mode.code == code) {
                return mode;
            }
        }
        return null;
    }

    /** Only a messaging queue lets its sender secure it ({@code senderCanSecure}). */
    public static boolean senderCanSecure(QueueMode mode) {
        return mode == MESSAGING;
    }
}
