package dev.relayj.smp.protocol;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import dev.relayj.protocol.EntityId;

/**
 * What kind of queue NEW creates and, from v15, its short link ({@code QueueReqData}). The sender
 * id, when given, must be the SHA3-256 of the transmission's correlation id (checked by the
 * server, not here).
 */
public sealed interface QueueRequestData permits QueueRequestData.Messaging, QueueRequestData.Contact {

    QueueMode mode();

    /**
     * A messaging queue: {@code M}, then Maybe (sender id, link data).
     *
     * @param link the client-chosen sender id and link data, or null
     */
    record Messaging(SenderLink link) implements QueueRequestData {
        @Override
        public QueueMode mode() {
            return QueueMode.MESSAGING;
        }
    }

    /**
     * A contact address queue: {@code C}, then Maybe (link id, (sender id, link data)).
     *
     * @param linkId the short link id, or null when there is no link
     * @param link the sender id and link data, present exactly when linkId is
     */
    record Contact(EntityId linkId, SenderLink link) implements QueueRequestData {
        public Contact {
            if ((linkId == null) != (link == null)) {
                throw new IllegalArgumentException("a contact link needs both a link id and link data");
            }
        }

        @Override
        public QueueMode mode() {
            return QueueMode.CONTACT;
        }
    }

    /** A sender id chosen by the client and the link data stored with it. */
    record SenderLink(EntityId senderId, QueueLinkData data) {
        void writeTo(SmpWriter writer) {
            senderId.writeTo(writer);
            data.writeTo(writer);
        }

        static SenderLink readFrom(SmpReader reader) throws DecodingException {
            EntityId senderId = EntityId.readFrom(reader);
            return new SenderLink(senderId, QueueLinkData.readFrom(reader));
        }
    }

    /** The request data a pre-v15 client implies by its sender-can-secure flag. */
    static QueueRequestData fromSenderCanSecure(boolean senderCanSecure) {
        return senderCanSecure ? new Messaging(null) : new Contact(null, null);
    }

    default void writeTo(SmpWriter writer) {
        switch (this) {
            case Messaging(SenderLink link) -> {
                writer.writeChar('M');
                writer.writeMaybe(link, (w, l) -> l.writeTo(w));
            }
            case Contact(EntityId linkId, SenderLink link) -> {
                writer.writeChar('C');
                if (linkId == null) {
                    writer.writeChar('0');
                } else {
                    writer.writeChar('1');
                    linkId.writeTo(writer);
                    link.writeTo(writer);
                }
            }
        }
    }

    static QueueRequestData readFrom(SmpReader reader) throws DecodingException {
        return switch (reader.readByte()) {
            case 'M' -> new Messaging(reader.readMaybe(SenderLink::readFrom));
            case 'C' -> {
                if (reader.readMaybe(r -> Boolean.TRUE) == null) {
                    yield new Contact(null, null);
                }
                EntityId linkId = EntityId.readFrom(reader);
                yield new Contact(linkId, SenderLink.readFrom(reader));
            }
            default -> throw new DecodingException("bad QueueReqData");
        };
    }
}
