package dev.relayj.smp.store;

import dev.relayj.smp.protocol.EntityId;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;

/**
 * A change to the messages of a queue, as the message journal records it. Payload layout, in the
 * SMP binary encoding:
 *
 * <pre>
 * 'A' rid:ShortBytes 'M' msgId:ShortBytes ts:Int64 notification:Bool body:Large   a message was added
 * 'A' rid:ShortBytes 'Q' msgId:ShortBytes ts:Int64                               a quota marker was added
 * 'D' rid:ShortBytes msgId:ShortBytes                                            the oldest message, with this id, was removed
 * 'X' rid:ShortBytes                                                             all messages of the queue are gone
 * </pre>
 */
sealed interface JournalRecord {
    EntityId recipientId();

    void writeTo(SmpWriter out);

    record Added(EntityId recipientId, Message message) implements JournalRecord {
        @Override
        public void writeTo(SmpWriter out) {
            out.writeChar('A').writeShortBytes(recipientId.bytes());
            switch (message) {
                case Message.Sent sent -> out.writeChar('M').writeShortBytes(sent.id().bytes())
                        .writeInt64(sent.timestamp()).writeBool(sent.notification()).writeLarge(sent.body());
                case Message.QuotaMarker marker -> out.writeChar('Q').writeShortBytes(marker.id().bytes())
                        .writeInt64(marker.timestamp());
            }
        }
    }

    record Removed(EntityId recipientId, EntityId messageId) implements JournalRecord {
        @Override
        public void writeTo(SmpWriter out) {
            out.writeChar('D').writeShortBytes(recipientId.bytes()).writeShortBytes(messageId.bytes());
        }
    }

    record Cleared(EntityId recipientId) implements JournalRecord {
        @Override
        public void writeTo(SmpWriter out) {
            out.writeChar('X').writeShortBytes(recipientId.bytes());
        }
    }

    static JournalRecord read(byte[] payload) throws DecodingException {
        SmpReader in = new SmpReader(payload);
        char tag = in.readChar();
        EntityId recipientId = new EntityId(in.readShortBytes());
        JournalRecord record = switch (tag) {
            case 'A' -> {
                char kind = in.readChar();
                EntityId id = new EntityId(in.readShortBytes());
                long timestamp = in.readInt64();
                Message message = switch (kind) {
                    case 'M' -> new Message.Sent(id, timestamp, in.readBool(), in.readLarge());
                    case 'Q' -> new Message.QuotaMarker(id, timestamp);
                    default -> throw new DecodingException("unknown message kind");
                };
                yield new Added(recipientId, message);
            }
            case 'D' -> new Removed(recipientId, new EntityId(in.readShortBytes()));
            case 'X' -> new Cleared(recipientId);
            default -> throw new DecodingException("unknown journal record tag");
        };
        in.expectEnd();
        return record;
    }
}
