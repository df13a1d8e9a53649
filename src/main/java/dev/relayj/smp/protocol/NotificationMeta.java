package dev.relayj.smp.protocol;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import java.util.Arrays;

/**
 * What a notification tells about a message ({@code NMsgMeta}): its id and timestamp. The server
 * pads this to {@link MessageLimits#PADDED_NMSG_META_LENGTH} and encrypts it for NMSG; readers
 * ignore trailing bytes, left for future fields.
 */
public record NotificationMeta(byte[] msgId, long timestamp) {
    public NotificationMeta {
        msgId = msgId.clone();
    }

    @Override
    public byte[] msgId() {
        return msgId.clone();
    }

    public byte[] encode() {
        return new SmpWriter(40).writeShortBytes(msgId).writeInt64(timestamp).toByteArray();
    }

    public static NotificationMeta decode(byte[] encoded) throws DecodingException {
        SmpReader reader = new SmpReader(encoded);
        byte[] msgId = reader.readShortBytes();
        return new NotificationMeta(msgId, reader.readInt64());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NotificationMeta m && Arrays.equals(m.msgId, msgId) && m.timestamp == timestamp;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(msgId) * 31 + Long.hashCode(timestamp);
    }
}
