package dev.relayj.smp.server;

import static dev.relayj.smp.server.Responses.err;
import static dev.relayj.smp.server.Responses.okOrStoreError;
import static dev.relayj.smp.server.Responses.storeError;

import dev.relayj.crypto.AuthPublicKey;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.protocol.QueueLinkData;
import dev.relayj.smp.protocol.QueueMode;
import dev.relayj.smp.store.QueueLink;
import dev.relayj.smp.store.QueueRecord;
import dev.relayj.smp.store.StoreException;
import dev.relayj.smp.store.StoreQueue;

/**
 * Short links of a queue (LKEY, LGET, LSET, LDEL in {@code processCommand} of Server.hs): the
 * link data a sender or contact reads, and its replacement or removal by the recipient.
 */
final class LinkCommands extends CommandFamily {
    LinkCommands(SessionCommands session) {
        super(session);
    }

    /** LKEY: secures a messaging queue with the sender's key, then answers with its link. */
    BrokerMessage secureAndGetLink(StoreQueue queue, QueueRecord record, EntityId linkId, AuthPublicKey senderKey,
            QueueCommands queueCommands) {
        if (record.queueMode() != QueueMode.MESSAGING) {
            return err(ErrorType.Simple.AUTH);
        }
        BrokerMessage secured = queueCommands.secure(queue, senderKey);
        return secured instanceof BrokerMessage.Err ? secured : link(queue, record, linkId);
    }

    /** LGET: only a contact queue's link may be read without securing. */
    BrokerMessage contactLink(StoreQueue queue, QueueRecord record, EntityId linkId) {
        return QueueCommands.isContactQueue(record) ? link(queue, record, linkId) : err(ErrorType.Simple.AUTH);
    }

    /** LDEL. */
    BrokerMessage deleteLink(StoreQueue queue, QueueRecord record) {
        return record.link() == null ? BrokerMessage.OK : okOrStoreError(() -> queues.deleteLink(queue));
    }

    BrokerMessage link(StoreQueue queue, QueueRecord record, EntityId linkId) {
        try {
            QueueLink link = queues.getLink(queue, linkId);
            return new BrokerMessage.Lnk(record.senderId(), new QueueLinkData(link.fixedData(), link.userData()));
        } catch (StoreException e) {
            return err(storeError(e));
        }
    }

    BrokerMessage setLink(StoreQueue queue, QueueRecord record, EntityId linkId, QueueLinkData data) {
        if (QueueCommands.isSecuredMsgQueue(record)) {
            return err(ErrorType.Simple.AUTH);
        }
        if (record.link() != null && !record.link().linkId().equals(linkId)) {
            return err(ErrorType.Simple.AUTH);
        }
        return okOrStoreError(() -> queues.addLink(queue, queueLink(linkId, data)));
    }

    static QueueLink queueLink(EntityId linkId, QueueLinkData data) {
        return new QueueLink(linkId, data.fixedData(), data.userData());
    }
}
