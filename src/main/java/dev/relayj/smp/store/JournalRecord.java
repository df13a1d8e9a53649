package dev.relayj.smp.store;

import dev.relayj.protocol.EntityId;

import dev.relayj.encoding.ByteView;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A change to the messages of a queue, as the message journal records it. Payload layout, in the
 * SMP binary encoding:
 *
 * <pre>
 * 'A' rid:ShortBytes 'M' msgId:ShortBytes ts:Int64 notification:Bool body:Large   a message was added
 * 'A' rid:ShortBytes 'Q' msgId:ShortBytes ts:Int64                               a quota marker was added
 * 'D' rid:ShortBytes msgId:ShortBytes                                            the oldest message, with this id, was removed
 * 'X' rid:ShortBytes                                                             all messages of the queue are gone
 * 'S' rid:ShortBytes overQuota:Bool count:Word32 (message)*                      the queue holds exactly these messages
 * </pre>
 *
 * where a message is {@code 'M' msgId:ShortBytes ts:Int64 notification:Bool body:Large} or
 * {@code 'Q' msgId:ShortBytes ts:Int64}. Compaction writes one {@code 'S'} record per queue, so a
 * crash that cuts the journal part-way through compaction leaves each queue either before or
 * after its snapshot, never half-restored.
 */
sealed interface JournalRecord {
    EntityId recipientId();

    /**
     * The payload, except the bytes of {@link #body()} at its end: the journal copies a message
     * body from where it is straight into its write buffer.
     */
    void writeHead(SmpWriter out);

    /** The last field's bytes when it is a message body; empty for every other record. */
    default ByteView body() {
        return ByteView.EMPTY;
    }

    default void writeTo(SmpWriter out) {
        writeHead(out);
        out.writeRaw(body());
    }

    record Added(EntityId recipientId, Message message) implements JournalRecord {
        @Override
        public void writeHead(SmpWriter out) {
            out.writeChar('A').writeShortBytes(recipientId.bytes());
            switch (message) {
                case Message.Sent sent -> writeSentHead(out, sent);
                case Message.QuotaMarker marker -> writeMessage(out, marker);
            }
        }

        @Override
        public ByteView body() {
            return message instanceof Message.Sent sent ? sent.body() : ByteView.EMPTY;
        }
    }

    record Removed(EntityId recipientId, EntityId messageId) implements JournalRecord {
        @Override
        public void writeHead(SmpWriter out) {
            out.writeChar('D').writeShortBytes(recipientId.bytes()).writeShortBytes(messageId.bytes());
        }
    }

    record Cleared(EntityId recipientId) implements JournalRecord {
        @Override
        public void writeHead(SmpWriter out) {
            out.writeChar('X').writeShortBytes(recipientId.bytes());
        }
    }

    /** A queue's whole content, written by compaction in place of its earlier records. */
    record Snapshot(EntityId recipientId, List<Message> messages, boolean overQuota) implements JournalRecord {
        public Snapshot {
            messages = List.copyOf(messages);
        }

        @Override
        public void writeHead(SmpWriter out) {
            out.writeChar('S').writeShortBytes(recipientId.bytes()).writeBool(overQuota).writeWord32(messages.size());
            for (Message message : messages) {
                writeMessage(out, message);
            }
        }
    }

    /** A sent message up to its body: the body's length is the last thing written. */
    private static void writeSentHead(SmpWriter out, Message.Sent sent) {
        out.writeChar('M').writeShortBytes(sent.id().bytes()).writeInt64(sent.timestamp())
                .writeBool(sent.notification()).writeWord16(sent.body().length());
    }

    private static void writeMessage(SmpWriter out, Message message) {
        switch (message) {
            case Message.Sent sent -> {
                writeSentHead(out, sent);
                out.writeRaw(sent.body());
            }
            case Message.QuotaMarker marker -> out.writeChar('Q').writeShortBytes(marker.id().bytes())
                    .writeInt64(marker.timestamp());
        }
    }

    private static Message readMessage(SmpReader in) throws DecodingException {
        char kind = in.readChar();
        EntityId id = new EntityId(in.readShortBytes());
        long timestamp = in.readInt64();
        return switch (kind) {
            case 'M' -> new Message.Sent(id, timestamp, in.readBool(), in.readLargeView());
            case 'Q' -> new Message.QuotaMarker(id, timestamp);
            default -> throw new DecodingException("unknown message kind");
        };
    }

    static JournalRecord read(byte[] payload) throws DecodingException {
        SmpReader in = new SmpReader(payload);
        char tag = in.readChar();
        EntityId recipientId = new EntityId(in.readShortBytes());
        JournalRecord record = switch (tag) {
            case 'A' -> new Added(recipientId, readMessage(in));
            case 'D' -> new Removed(recipientId, new EntityId(in.readShortBytes()));
            case 'X' -> new Cleared(recipientId);
            case 'S' -> {
                boolean overQuota = in.readBool();
                long count = in.readWord32();
                if (count > in.remaining()) {
                    throw new DecodingException("snapshot count " + count + " exceeds the record");
                }
                List<Message> messages = new ArrayList<>((int) count);
                for (long i = 0; i < count; i++) {
                    messages.add(readMessage(in));
                }
                yield new Snapshot(recipientId, messages, overQuota);
            }
            default -> throw new DecodingException("unknown journal record tag");
        };
        in.expectEnd();
        return record;
    }
}
