package dev.relayj.smp.protocol;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;

/**
 * What a queue is for ({@code QueueMode} in {@code QueueInfo.hs}): a messaging queue, which its
 * sender may secure with SKEY, or a contact address queue, which it may not.
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

    /** The mode for its letter in store logs, or null for an unknown letter. */
    public static QueueMode fromCode(char code) {
        for (QueueMode mode : values()) {
            if (mode.code == code) {
                return mode;
            }
        }
        return null;
    }

    /** Whether the sender may secure the queue ({@code senderCanSecure}); unknown mode means no. */
    public static boolean senderCanSecure(QueueMode mode) {
        return mode == MESSAGING;
    }

    public void writeTo(SmpWriter writer) {
        writer.writeChar(code);
    }

    public static QueueMode readFrom(SmpReader reader) throws DecodingException {
        return switch (reader.readByte()) {
            case 'M' -> MESSAGING;
            case 'C' -> CONTACT;
            default -> throw new DecodingException("bad QueueMode");
        };
    }
}
