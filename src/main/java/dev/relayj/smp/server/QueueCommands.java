package dev.relayj.smp.server;

import static dev.relayj.smp.server.Responses.err;
import static dev.relayj.smp.server.Responses.okOrStoreError;
import static dev.relayj.smp.server.Responses.storeError;
import static dev.relayj.stats.SmpCounter.*;

import dev.relayj.crypto.AuthPublicKey;
import dev.relayj.crypto.Hashes;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.crypto.X25519Secret;
import dev.relayj.protocol.CommandError;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.protocol.NewQueueRequest;
import dev.relayj.smp.protocol.QueueIdsKeys;
import dev.relayj.smp.protocol.QueueInfo;
import dev.relayj.smp.protocol.QueueMode;
import dev.relayj.smp.protocol.QueueRequestData;
import dev.relayj.smp.protocol.ServerNotifierCredentials;
import dev.relayj.smp.protocol.SubscriptionMode;
import dev.relayj.smp.store.Message;
import dev.relayj.smp.store.NotifierCredentials;
import dev.relayj.smp.store.QueueLink;
import dev.relayj.smp.store.QueueRecord;
import dev.relayj.smp.store.StoreError;
import dev.relayj.smp.store.StoreException;
import dev.relayj.smp.store.StoreQueue;
import dev.relayj.store.EntityStatus;
import java.util.Arrays;
import java.util.List;

/**
 * Commands on a queue as a whole ({@code processCommand} of Server.hs): NEW, KEY and SKEY
 * (securing), RKEY, OFF, DEL and QUE. Errors, their order and the stats counters follow the
 * reference.
 */
final class QueueCommands extends CommandFamily {
    QueueCommands(SessionCommands session) {
        super(session);
    }

    /** SKEY: only a messaging queue is secured by its sender. */
    BrokerMessage secureMessagingQueue(StoreQueue queue, QueueRecord record, AuthPublicKey senderKey) {
        return record.queueMode() == QueueMode.MESSAGING ? secure(queue, senderKey) : err(ErrorType.Simple.AUTH);
    }

    /** RKEY: only a contact queue's recipient keys may be replaced. */
    BrokerMessage replaceRecipientKeys(StoreQueue queue, QueueRecord record, List<AuthPublicKey> keys) {
        return record.queueMode() == QueueMode.CONTACT ? okOrStoreError(() -> queues.updateKeys(queue, keys))
                : err(ErrorType.Simple.AUTH);
    }

    /** OFF: the recipient suspends the queue. */
    BrokerMessage suspend(StoreQueue queue) {
        return okOrStoreError(() -> queues.suspendQueue(queue));
    }

    Reply createQueue(CorrId corrId, EntityId entityId, NewQueueRequest request) {
        SmpServerConfig.Auth auth = env.config.auth();
        boolean allowed = auth.allowNewQueues() && auth.createPassword()
                .map(password -> request.basicAuth() != null && request.basicAuth().text().equals(password))
                .orElse(true);
        if (!allowed) {
            return Reply.of(corrId, entityId, err(ErrorType.Simple.AUTH));
        }
        if (session.serviceId() != null && request.subscriptionMode() == SubscriptionMode.ONLY_CREATE) {
            return Reply.of(corrId, entityId, err(ErrorType.cmd(CommandError.PROHIBITED)));
        }
        long now = env.nowSeconds();
        X25519PrivateKey dhKey = X25519PrivateKey.generate(env.random);
        X25519Secret rcvDhSecret = dhKey.dh(request.rcvDhKey());
        X25519PrivateKey ntfDhKey = null;
        X25519Secret ntfDhSecret = null;
        if (request.notifierCredentials() != null) {
            ntfDhKey = X25519PrivateKey.generate(env.random);
            ntfDhSecret = ntfDhKey.dh(request.notifierCredentials().rcvNtfDhKey());
        }
        // a client-chosen sender id must be the hash of the correlation id, so that creating a queue
        // cannot tell whether a queue with some id exists (Server.hs createQueue)
        byte[] expectedSenderId = Arrays.copyOf(Hashes.sha3_384(corrId.bytes()), 24);
        for (int attempt = 0; attempt < SessionCommands.ID_RETRIES; attempt++) {
            EntityId senderId;
            boolean clientIds;
            QueueLink link = null;
            switch (request.queueRequestData()) {
                case QueueRequestData.Messaging(QueueRequestData.SenderLink l) when l != null -> {
                    senderId = l.senderId();
                    clientIds = true;
                    link = LinkCommands.queueLink(session.randomId(), l.data());
                }
                case QueueRequestData.Contact(EntityId linkId, QueueRequestData.SenderLink l) when l != null -> {
                    senderId = l.senderId();
                    clientIds = true;
                    link = LinkCommands.queueLink(linkId, l.data());
                }
                case null, default -> {
                    senderId = session.randomId();
                    clientIds = false;
                }
            }
            if (clientIds && !Arrays.equals(senderId.bytes(), expectedSenderId)) {
                return Reply.of(corrId, entityId, err(ErrorType.cmd(CommandError.PROHIBITED)));
            }
            EntityId recipientId = session.randomId();
            NotifierCredentials notifier = null;
            if (ntfDhSecret != null) {
                notifier = new NotifierCredentials(session.randomId(), request.notifierCredentials().notifierKey(), ntfDhSecret, null);
            }
            QueueRecord record = new QueueRecord(List.of(request.rcvAuthKey()), rcvDhSecret, senderId, null,
                    request.queueMode(), link, notifier, EntityStatus.ACTIVE, SessionCommands.dayOf(now),
                    session.serviceId());
            try {
                queues.addQueue(recipientId, record);
            } catch (StoreException e) {
                if (e.error() == StoreError.DUPLICATE) {
                    if (clientIds) {
                        return Reply.of(corrId, entityId, err(ErrorType.Simple.AUTH));
                    }
                    continue;
                }
                return Reply.of(corrId, entityId, err(storeError(e)));
            }
            stats.increment(Q_CREATED);
            stats.increment(Q_COUNT);
            if (notifier != null) {
                stats.increment(NTF_NEW_CREATED);
            }
            if (request.subscriptionMode() == SubscriptionMode.SUBSCRIBE) {
                subscribeNewQueue(recipientId, record);
            }
            ServerNotifierCredentials ntfCreds = notifier == null
                    ? null : new ServerNotifierCredentials(notifier.notifierId(), ntfDhKey.publicKey());
            QueueIdsKeys ids = new QueueIdsKeys(recipientId, senderId, dhKey.publicKey(), request.queueMode(),
                    link == null ? null : link.linkId(), session.serviceId(), ntfCreds);
            return Reply.of(corrId, entityId, new BrokerMessage.Ids(ids));
        }
        return Reply.of(corrId, entityId, err(ErrorType.Simple.INTERNAL));
    }

    /** A queue created by a service is held through the service's subscription (Server.hs subscribeNewQueue). */
    void subscribeNewQueue(EntityId recipientId, QueueRecord record) {
        if (record.rcvServiceId() == null) {
            client.subscriptions().put(recipientId, Subscription.pushing());
            env.subscribers.subscribe(recipientId, client);
        } else {
            env.subscribers.unsubscribed(recipientId, client);
            env.rcvServices.subscribeQueue(record.rcvServiceId(), recipientId, client);
        }
    }

    BrokerMessage secure(StoreQueue queue, AuthPublicKey senderKey) {
        BrokerMessage result = okOrStoreError(() -> queues.secureQueue(queue, senderKey));
        if (result == BrokerMessage.OK) {
            stats.increment(Q_SECURED);
        }
        return result;
    }

    BrokerMessage deleteQueue(EntityId entityId, StoreQueue queue) {
        if (queue == null) {
            return err(ErrorType.Simple.INTERNAL);
        }
        QueueRecord record;
        try {
            record = messages.deleteQueue(queue).record();
        } catch (StoreException e) {
            return err(storeError(e));
        }
        Subscription sub = client.subscriptions().remove(entityId);
        if (sub != null) {
            sub.cancel();
        }
        env.subscribers.deleted(entityId, client);
        env.rcvServices.queueLeft(record.rcvServiceId(), entityId, client, BrokerMessage.DELD);
        if (record.notifier() != null) {
            EntityId notifierId = record.notifier().notifierId();
            int deleted = env.notifications.delete(notifierId);
            stats.add(NTF_COUNT, -deleted);
            env.ntfSubscribers.deleted(notifierId, client);
            env.ntfServices.queueLeft(record.notifier().ntfServiceId(), notifierId, client, BrokerMessage.DELD);
        }
        stats.increment(record.senderKey() == null ? Q_DELETED_NEW : Q_DELETED_SECURED);
        stats.increment(Q_DELETED_ALL);
        stats.add(Q_COUNT, -1);
        return BrokerMessage.OK;
    }

    BrokerMessage queueInfo(EntityId entityId, StoreQueue queue, QueueRecord record) {
        Subscription sub = client.subscriptions().get(entityId);
        Message first = messages.peekMessage(queue);
        QueueInfo.MessageInfo messageInfo = first == null ? null : new QueueInfo.MessageInfo(
                java.util.Base64.getEncoder().encodeToString(first.id().bytes()),
                java.time.Instant.ofEpochSecond(first.timestamp()),
                first instanceof Message.QuotaMarker ? QueueInfo.MessageType.QUOTA : QueueInfo.MessageType.MESSAGE);
        return new BrokerMessage.Info(new QueueInfo(record.senderKey() != null, record.notifier() != null,
                sub == null ? null : sub.info(), messages.queueSize(queue), messageInfo));
    }

    /** A contact queue; queues from before queue modes are contact queues while unsecured. */
    static boolean isContactQueue(QueueRecord record) {
        return record.queueMode() == null ? record.senderKey() == null : record.queueMode() == QueueMode.CONTACT;
    }

    static boolean isSecuredMsgQueue(QueueRecord record) {
        return record.queueMode() != QueueMode.CONTACT && record.senderKey() != null;
    }
}
