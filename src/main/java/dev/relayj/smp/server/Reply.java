package dev.relayj.smp.server;

import dev.relayj.crypto.CbNonce;
import dev.relayj.crypto.CryptoBox;
import dev.relayj.crypto.CryptoException;
import dev.relayj.crypto.Padding;
import dev.relayj.crypto.X25519Secret;
import dev.relayj.encoding.SmpWriter;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.MessageLimits;
import dev.relayj.smp.protocol.MsgFlags;
import dev.relayj.smp.protocol.RcvMessageBody;
import dev.relayj.smp.store.Message;

/** A transmission the server sends: a response (with the command's correlation id) or an event (without). */
sealed interface Reply permits Reply.Response, Reply.Delivery {
    CorrId corrId();

    EntityId entityId();

    /** The message as sent. */
    BrokerMessage message();

    static Reply of(CorrId corrId, EntityId entityId, BrokerMessage message) {
        return new Response(corrId, entityId, message);
    }

    static Reply event(EntityId entityId, BrokerMessage message) {
        return new Response(CorrId.NONE, entityId, message);
    }

    /** Any response or event but a stored message. */
    record Response(CorrId corrId, EntityId entityId, BrokerMessage message) implements Reply {}

    /**
     * MSG: a stored message delivered to its recipient, encrypted with the queue's DH secret
     * ({@code encryptMsg} in Server.hs) by the recipient's writer when it writes the message's
     * block, straight into that block: not by the thread that delivered it and not under the
     * subscription's lock.
     */
    record Delivery(CorrId corrId, EntityId entityId, X25519Secret secret, Message stored) implements Reply {
        /** The encrypted body: the tag, then the padded {@link RcvMessageBody}. */
        static final int ENCRYPTED_LENGTH = CryptoBox.TAG_SIZE + MessageLimits.PADDED_RCV_MESSAGE_LENGTH;

        byte[] msgId() {
            return stored.id().bytes();
        }

        /** Encrypted on an array of its own: for GET's answer through a proxy, and for tests. */
        @Override
        public BrokerMessage.Msg message() {
            byte[] encrypted = new byte[ENCRYPTED_LENGTH];
            encryptInto(encrypted, 0);
            return new BrokerMessage.Msg(msgId(), encrypted);
        }

        /** Writes the {@link #ENCRYPTED_LENGTH} bytes of the encrypted body at {@code offset}. */
        void encryptInto(byte[] target, int offset) {
            RcvMessageBody body = switch (stored) {
                case Message.Sent sent -> new RcvMessageBody.Message(sent.timestamp(),
                        sent.notification() ? MsgFlags.NOTIFY : MsgFlags.NONE, sent.body());
                case Message.QuotaMarker quota -> new RcvMessageBody.Quota(quota.timestamp());
            };
            int padded = offset + CryptoBox.TAG_SIZE;
            SmpWriter plain = SmpWriter.into(target, padded + 2);
            body.writeTo(plain);
            try {
                Padding.padInPlace(target, padded, plain.size(), MessageLimits.PADDED_RCV_MESSAGE_LENGTH);
            } catch (CryptoException e) {
                throw new IllegalStateException("a stored message always fits its padded length", e);
            }
            CryptoBox.cbSealInPlace(secret, CbNonce.fitting(stored.id().bytes()), target, offset,
                    MessageLimits.PADDED_RCV_MESSAGE_LENGTH);
        }
    }
}
