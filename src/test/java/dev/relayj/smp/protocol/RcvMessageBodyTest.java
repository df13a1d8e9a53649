package dev.relayj.smp.protocol;

import static dev.relayj.smp.protocol.Samples.ascii;
import static dev.relayj.smp.protocol.Samples.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.relayj.encoding.DecodingException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RcvMessageBodyTest {
    private static final byte[] TS = {0, 0, 0, 0, 0x65, 0x43, 0x21, 0x00};
    private static final long TS_VALUE = 0x65432100L;

    @Test
    void messageLayout() throws DecodingException {
        RcvMessageBody message = new RcvMessageBody.Message(TS_VALUE, MsgFlags.NOTIFY, ascii("hello"));
        byte[] encoded = concat(TS, ascii("T hello"));
        assertArrayEquals(encoded, message.encode());
        assertEquals(message, RcvMessageBody.decode(encoded));
        byte[] padded = message.encodePadded();
        assertEquals(16106, padded.length);
        assertEquals(0, padded[0]);
        assertEquals(encoded.length, padded[1]);
        assertArrayEquals(encoded, Arrays.copyOfRange(padded, 2, 2 + encoded.length));
        assertEquals('#', padded[padded.length - 1]);
    }

    @Test
    void quotaLayout() throws DecodingException {
        RcvMessageBody quota = new RcvMessageBody.Quota(TS_VALUE);
        assertArrayEquals(concat(ascii("QUOTA "), TS), quota.encode());
        assertEquals(quota, RcvMessageBody.decode(quota.encode()));
    }

    @Test
    void largestMessageFillsThePadding() {
        RcvMessageBody message = new RcvMessageBody.Message(TS_VALUE, MsgFlags.NONE, new byte[MessageLimits.MAX_MESSAGE_LENGTH]);
        byte[] padded = message.encodePadded();
        assertEquals(MessageLimits.PADDED_RCV_MESSAGE_LENGTH, padded.length);
        assertEquals(MessageLimits.MAX_MESSAGE_LENGTH + 10, ((padded[0] & 0xFF) << 8) | (padded[1] & 0xFF));
        assertThrows(IllegalArgumentException.class,
                () -> new RcvMessageBody.Message(TS_VALUE, MsgFlags.NONE, new byte[MessageLimits.MAX_MESSAGE_LENGTH + 1]));
    }

    @Test
    void messageLengthLimitsByVersion() {
        assertEquals(16088, MessageLimits.maxMessageLength(6));
        assertEquals(16064, MessageLimits.maxMessageLength(8));
        assertEquals(16064, MessageLimits.maxMessageLength(10));
        assertEquals(16048, MessageLimits.maxMessageLength(11));
        assertEquals(16048, MessageLimits.maxMessageLength(18));
    }

    @Test
    void notificationMeta() throws DecodingException {
        NotificationMeta meta = new NotificationMeta(ascii("id"), TS_VALUE);
        byte[] encoded = concat(new byte[] {2}, ascii("id"), TS);
        assertArrayEquals(encoded, meta.encode());
        // trailing bytes are left for future fields
        assertEquals(meta, NotificationMeta.decode(concat(encoded, ascii("future"))));
    }
}
