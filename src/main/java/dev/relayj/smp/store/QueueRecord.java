package dev.relayj.smp.store;

import dev.relayj.protocol.EntityId;
import dev.relayj.crypto.X25519Secret;
import dev.relayj.smp.protocol.QueueMode;

import dev.relayj.crypto.AuthPublicKey;
import java.util.List;

/**
 * Everything the server keeps about one queue ({@code QueueRec} in simplexmq's
 * {@code QueueStore.hs}); immutable, replaced as a whole on every change. The recipient id is
 * the key of the record, not part of it.
 *
 * @param recipientKeys keys that authorize recipient commands, at least one
 * @param senderKey     set once by KEY/SKEY, null before
 * @param queueMode     null for queues created before queue modes existed
 * @param link          short link id and data, or null
 * @param notifier      notifier credentials, or null
 * @param updatedAt     the day of the last change, epoch seconds rounded down to a day; null when never set
 * @param rcvServiceId  the recipient service the queue is associated with, or null
 */
public record QueueRecord(
        List<AuthPublicKey> recipientKeys,
        X25519Secret rcvDhSecret,
        EntityId senderId,
        AuthPublicKey senderKey,
        QueueMode queueMode,
        QueueLink link,
        NotifierCredentials notifier,
        EntityStatus status,
        Long updatedAt,
        EntityId rcvServiceId) {

    public QueueRecord {
        if (recipientKeys.isEmpty()) {
            throw new IllegalArgumentException("a queue needs at least one recipient key");
        }
        if (rcvDhSecret == null || senderId == null || status == null) {
            throw new IllegalArgumentException("DH secret, sender id and status are required");
        }
        recipientKeys = List.copyOf(recipientKeys);
    }

    public QueueRecord withRecipientKeys(List<AuthPublicKey> keys) {
        return new QueueRecord(keys, rcvDhSecret, senderId, senderKey, queueMode, link, notifier, status, updatedAt,
                rcvServiceId);
    }

    public QueueRecord withSenderKey(AuthPublicKey key) {
        return new QueueRecord(recipientKeys, rcvDhSecret, senderId, key, queueMode, link, notifier, status, updatedAt,
                rcvServiceId);
    }

    public QueueRecord withLink(QueueLink newLink) {
        return new QueueRecord(recipientKeys, rcvDhSecret, senderId, senderKey, queueMode, newLink, notifier, status,
                updatedAt, rcvServiceId);
    }

    public QueueRecord withNotifier(NotifierCredentials newNotifier) {
        return new QueueRecord(recipientKeys, rcvDhSecret, senderId, senderKey, queueMode, link, newNotifier, status,
                updatedAt, rcvServiceId);
    }

    public QueueRecord withStatus(EntityStatus newStatus) {
        return new QueueRecord(recipientKeys, rcvDhSecret, senderId, senderKey, queueMode, link, notifier, newStatus,
                updatedAt, rcvServiceId);
    }

    public QueueRecord withUpdatedAt(Long day) {
        return new QueueRecord(recipientKeys, rcvDhSecret, senderId, senderKey, queueMode, link, notifier, status, day,
                rcvServiceId);
    }

    public QueueRecord withRcvServiceId(EntityId serviceId) {
        return new QueueRecord(recipientKeys, rcvDhSecret, senderId, senderKey, queueMode, link, notifier, status,
                updatedAt, serviceId);
    }

    /** Secured: the sender key is set ({@code isSecuredMsgQueue} is this plus a messaging mode). */
    public boolean isSecured() {
        return senderKey != null;
    }
}
