package dev.relayj.smp.store;

import dev.relayj.protocol.EntityId;

import dev.relayj.encoding.Base64Url;
import dev.relayj.encoding.ByteView;
import dev.relayj.encoding.DecodingException;

/**
 * A message waiting in a queue ({@code Message} in simplexmq's {@code Protocol.hs}): a sent
 * message, or the marker the server adds when a queue reaches its quota. Timestamps are epoch
 * seconds ({@code SystemTime} as the protocol and the message log carry it).
 */
public sealed interface Message {
    EntityId id();

    long timestamp();

    /** The text of the message log: {@code <id> <ts> flags=T|F <body>} or {@code <id> <ts> quota}. */
    String encode();

    /** A sent message; its body may be a view of the block it arrived in. */
    record Sent(EntityId id, long timestamp, boolean notification, ByteView body) implements Message {
        public Sent(EntityId id, long timestamp, boolean notification, byte[] body) {
            this(id, timestamp, notification, ByteView.copyOf(body));
        }

        int bodyLength() {
            return body.length();
        }

        @Override
        public String encode() {
            return id.toBase64() + " " + timestamp + " flags=" + (notification ? 'T' : 'F') + " "
                    + Base64Url.encode(body.toByteArray());
        }

        @Override
        public String toString() {
            return "Message.Sent[" + id + ", " + timestamp + ", " + body.length() + " bytes]";
        }
    }

    /** Marks where a full queue stopped accepting messages ({@code MessageQuota}). */
    record QuotaMarker(EntityId id, long timestamp) implements Message {
        @Override
        public String encode() {
            return id.toBase64() + " " + timestamp + " quota";
        }
    }

    /** Parses the text of {@link #encode()}; flags are optional as in old logs. */
    static Message parse(TextCursor in) throws DecodingException {
        EntityId id = in.entityId();
        in.expect(" ");
        long timestamp = in.decimal();
        in.expect(" ");
        if (in.consume("quota")) {
            return new QuotaMarker(id, timestamp);
        }
        boolean notification = false;
        if (in.consume("flags=")) {
            // MsgFlags: one Bool, then anything up to the space is reserved for later flags
            notification = switch (in.character()) {
                case 'T' -> true;
                case 'F' -> false;
                default -> throw new DecodingException("invalid message flags");
            };
            in.token();
            in.expect(" ");
        }
        return new Sent(id, timestamp, notification, in.base64OrEmpty());
    }
}
