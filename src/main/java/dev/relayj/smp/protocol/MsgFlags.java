package dev.relayj.smp.protocol;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;

/**
 * Message flags sent with SEND and delivered with the message ({@code MsgFlags}): one byte,
 * {@code T} or {@code F} for "notify". Up to 7 bytes are reserved; a reader skips any further
 * bytes up to the next space, as the reference does.
 */
public record MsgFlags(boolean notification) {
    public static final MsgFlags NONE = new MsgFlags(false);
    public static final MsgFlags NOTIFY = new MsgFlags(true);

    public void writeTo(SmpWriter writer) {
        writer.writeBool(notification);
    }

    public static MsgFlags readFrom(SmpReader reader) throws DecodingException {
        boolean notification = reader.readBool();
        Words.word(reader);
        return notification ? NOTIFY : NONE;
    }
}
