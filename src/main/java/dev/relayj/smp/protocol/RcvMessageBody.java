package dev.relayj.smp.protocol;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.ByteView;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import java.util.Arrays;

/**
 * A message as the server delivers it inside MSG, before the server encrypts it for the
 * recipient ({@code RcvMsgBody} and {@code encodeRcvMsgBody} in {@code Protocol.hs}):
 * <pre>
 * message = timestamp(Int64 seconds) msgFlags " " body
 * quota   = "QUOTA " timestamp(Int64 seconds)
 * </pre>
 * The server pads this to {@link MessageLimits#PADDED_RCV_MESSAGE_LENGTH} and encrypts it with
 * crypto_box under the queue's DH secret, the message id (padded to 24 bytes) as nonce.
 */
public sealed interface RcvMessageBody permits RcvMessageBody.Message, RcvMessageBody.Quota {

    /** Seconds since the epoch. */
    long timestamp();

    /** A message a sender sent. */
    record Message(long timestamp, MsgFlags flags, ByteView body) implements RcvMessageBody {
        public Message {
            if (body.length() > MessageLimits.MAX_MESSAGE_LENGTH) {
                throw new IllegalArgumentException("message body longer than " + MessageLimits.MAX_MESSAGE_LENGTH);
            }
        }

        public Message(long timestamp, MsgFlags flags, byte[] body) {
            this(timestamp, flags, ByteView.copyOf(body));
        }

        @Override
        public String toString() {
            return "Message[" + timestamp + ", " + flags + ", " + body.length() + " bytes]";
        }
    }

    /** The marker the server delivers after the last message when the queue was full. */
    record Quota(long timestamp) implements RcvMessageBody {}

    default byte[] encode() {
        SmpWriter writer = new SmpWriter(64);
        writeTo(writer);
        return writer.toByteArray();
    }

    /** The encoding, unpadded. */
    default void writeTo(SmpWriter writer) {
        switch (this) {
            case Message m -> {
                writer.writeInt64(m.timestamp());
                m.flags().writeTo(writer);
                writer.writeChar(' ');
                writer.writeRaw(m.body());
            }
            case Quota q -> writer.writeAscii("QUOTA ").writeInt64(q.timestamp());
        }
    }

    /**
     * The encoding padded as the server encrypts it: a 2-byte length, the encoding, then
     * {@code #} up to {@link MessageLimits#PADDED_RCV_MESSAGE_LENGTH} bytes.
     */
    default byte[] encodePadded() {
        byte[] encoded = encode();
        byte[] padded = new byte[MessageLimits.PADDED_RCV_MESSAGE_LENGTH];
        padded[0] = (byte) (encoded.length >>> 8);
        padded[1] = (byte) encoded.length;
        System.arraycopy(encoded, 0, padded, 2, encoded.length);
        Arrays.fill(padded, 2 + encoded.length, padded.length, (byte) '#');
        return padded;
    }

    /** Reads the unpadded encoding as a client does ({@code clientRcvMsgBodyP}). */
    static RcvMessageBody decode(byte[] encoded) throws DecodingException {
        SmpReader reader = new SmpReader(encoded);
        if (reader.consumeIfNext("QUOTA")) {
            Words.space(reader);
            long timestamp = reader.readInt64();
            reader.expectEnd();
            return new Quota(timestamp);
        }
        long timestamp = reader.readInt64();
        MsgFlags flags = MsgFlags.readFrom(reader);
        Words.space(reader);
        byte[] body = reader.readTail();
        if (body.length > MessageLimits.MAX_MESSAGE_LENGTH) {
            throw new DecodingException("message body too long");
        }
        return new Message(timestamp, flags, ByteView.ofOwned(body, 0, body.length));
    }
}
