package dev.relayj.smp.server;

import static dev.relayj.smp.server.Responses.err;
import static dev.relayj.smp.server.Responses.okOrStoreError;
import static dev.relayj.smp.server.Responses.storeError;
import static dev.relayj.stats.SmpCounter.*;

import dev.relayj.crypto.CbNonce;
import dev.relayj.crypto.CryptoBox;
import dev.relayj.crypto.CryptoException;
import dev.relayj.protocol.CommandError;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.Command;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.protocol.MessageLimits;
import dev.relayj.smp.protocol.MsgFlags;
import dev.relayj.smp.protocol.NotificationMeta;
import dev.relayj.smp.protocol.RcvMessageBody;
import dev.relayj.smp.store.Message;
import dev.relayj.smp.store.MessageStore;
import dev.relayj.smp.store.NotifierCredentials;
import dev.relayj.smp.store.QueueRecord;
import dev.relayj.smp.store.StoreError;
import dev.relayj.smp.store.StoreException;
import dev.relayj.smp.store.StoreQueue;
import dev.relayj.store.EntityStatus;
import java.util.List;

/**
 * Messages and their delivery (SEND, SUB, GET, ACK of {@code processCommand} in Server.hs): storing
 * a sent message, delivering it to the queue's subscriber, and the acknowledgement that removes
 * it. A subscription is either pushing (SUB) or GET only, never both in one session.
 */
final class MessageCommands extends CommandFamily {
    MessageCommands(SessionCommands session) {
        super(session);
    }

    BrokerMessage sendMessage(Command.Send send, StoreQueue queue, QueueRecord record) {
        if (send.bodyLength() > MessageLimits.maxMessageLength(session.version())) {
            stats.increment(MSG_SENT_LARGE);
            return err(ErrorType.Simple.LARGE_MSG);
        }
        switch (record.status()) {
            case EntityStatus.Off off -> {
                stats.increment(MSG_SENT_AUTH);
                return err(ErrorType.Simple.AUTH);
            }
            case EntityStatus.Blocked blocked -> {
                stats.increment(MSG_SENT_BLOCK);
                return err(new ErrorType.Blocked(blocked.info()));
            }
            case EntityStatus.Active active -> { }
        }
        if (record.link() != null && QueueCommands.isSecuredMsgQueue(record)) {
            okOrStoreError(() -> queues.deleteLink(queue));
        }
        try {
            SmpServerConfig.Expiry expiry = env.config.expiry();
            if (expiry.expireMessagesOnSend()) {
                long oldBefore = env.nowSeconds() - expiry.messageExpiration().ttl().toSeconds();
                int expired = messages.deleteExpiredMessages(queue, oldBefore);
                stats.add(MSG_EXPIRED, expired);
            }
            EntityId msgId = new EntityId(env.randomBytes(SmpServerConfig.MSG_ID_BYTES));
            Message.Sent message = new Message.Sent(msgId, env.nowSeconds(), send.flags().notification(), send.body());
            MessageStore.WriteResult written = messages.writeMessage(queue, message);
            messages.awaitDurable(written);
            if (written.wasEmpty()) {
                tryDeliver(queue, message);
            }
            if (send.flags().notification()) {
                if (record.notifier() != null) {
                    enqueueNotification(record.notifier(), message);
                }
                stats.increment(MSG_SENT_NTF);
                stats.activeQueuesNtf.update(queue.recipientId().bytes());
            }
            stats.increment(MSG_SENT);
            stats.increment(MSG_COUNT);
            stats.activeQueues.update(queue.recipientId().bytes());
            return BrokerMessage.OK;
        } catch (StoreException e) {
            if (e.error() == StoreError.QUOTA) {
                stats.increment(MSG_SENT_QUOTA);
            }
            return err(storeError(e));
        }
    }

    /**
     * {@code tryDeliverMessage}: a message sent to an empty queue goes to its subscriber at once,
     * unless a message delivered to it is still not acknowledged. When the subscriber's send queue is
     * full, a thread of the subscriber's waits for room and checks again that it is still subscribed.
     */
    void tryDeliver(StoreQueue queue, Message message) {
        EntityId recipientId = queue.recipientId();
        ClientSession subscriber = env.subscribers.subscriber(recipientId);
        if (subscriber == null) {
            return;
        }
        Subscription sub = subscriber.subscriptions().get(recipientId);
        if (sub == null) {
            return;
        }
        sub.lock().lock();
        try {
            if (sub.state() != Subscription.State.NO_SUB || sub.delivered() != null) {
                return;
            }
            Reply msg = Reply.event(recipientId, encryptMessage(queue.record(), message));
            if (subscriber.offer(Outgoing.of(List.of(msg)))) {
                sub.setDelivered(new Subscription.Delivered(message.id(), env.nowSeconds()));
                return;
            }
            sub.setState(Subscription.State.SUB_PENDING);
            Thread thread = subscriber.fork("smp-deliver", () -> deliverWhenRoom(subscriber, sub, recipientId, msg, message));
            sub.setDeliveryThread(thread);
        } finally {
            sub.lock().unlock();
        }
    }

    void deliverWhenRoom(ClientSession subscriber, Subscription sub, EntityId recipientId, Reply msg,
            Message message) throws InterruptedException {
        if (env.subscribers.subscriber(recipientId) != subscriber) {
            return;
        }
        sub.lock().lock();
        try {
            if (sub.delivered() != null) {
                return;
            }
            sub.setDelivered(new Subscription.Delivered(message.id(), env.nowSeconds()));
            sub.setState(Subscription.State.NO_SUB);
        } finally {
            sub.lock().unlock();
        }
        subscriber.put(Outgoing.of(List.of(msg)));
    }

    void enqueueNotification(NotifierCredentials notifier, Message.Sent message) {
        CbNonce nonce = CbNonce.random(env.random);
        byte[] meta = new NotificationMeta(message.id().bytes(), message.timestamp()).encode();
        byte[] encrypted;
        try {
            encrypted = CryptoBox.cbEncrypt(notifier.rcvNtfDhSecret(), nonce, meta, MessageLimits.PADDED_NMSG_META_LENGTH);
        } catch (CryptoException e) {
            // the reference stores an empty body when encryption fails (fromRight "")
            encrypted = new byte[0];
        }
        env.notifications.store(notifier.notifierId(),
                new NotificationStore.MessageNotification(message.id().bytes(), message.timestamp(), nonce.bytes(), encrypted));
        stats.increment(NTF_COUNT);
    }

    /** {@code encryptMsg}: the message as the recipient reads it, encrypted with the queue's DH secret. */
    static BrokerMessage.Msg encryptMessage(QueueRecord record, Message message) {
        RcvMessageBody body = switch (message) {
            case Message.Sent sent -> new RcvMessageBody.Message(sent.timestamp(),
                    sent.notification() ? MsgFlags.NOTIFY : MsgFlags.NONE, sent.body());
            case Message.QuotaMarker quota -> new RcvMessageBody.Quota(quota.timestamp());
        };
        byte[] msgId = message.id().bytes();
        try {
            return new BrokerMessage.Msg(msgId, CryptoBox.cbEncrypt(record.rcvDhSecret(), CbNonce.fitting(msgId),
                    body.encode(), MessageLimits.PADDED_RCV_MESSAGE_LENGTH));
        } catch (CryptoException e) {
            throw new IllegalStateException("a stored message always fits its padded length", e);
        }
    }

    CommandResult subscribe(CorrId corrId, EntityId entityId, StoreQueue queue, QueueRecord record) {
        Subscription sub = client.subscriptions().get(entityId);
        boolean hasSub = sub != null;
        if (sub == null) {
            sub = Subscription.pushing();
            client.subscriptions().put(entityId, sub);
            env.subscribers.subscribe(entityId, client);
            // SUB without a service takes the queue from its service's subscriber (CSClient qId rcvServiceId Nothing)
            env.rcvServices.queueLeft(record.rcvServiceId(), entityId, client, BrokerMessage.END);
        } else {
            sub.lock().lock();
            try {
                if (sub.state() == Subscription.State.GET_ONLY) {
                    stats.increment(Q_SUB_PROHIBITED);
                    return CommandResult.of(corrId, entityId, err(ErrorType.cmd(CommandError.PROHIBITED)));
                }
                stats.increment(Q_SUB_DUPLICATE);
                sub.setDelivered(null);
            } finally {
                sub.lock().unlock();
            }
        }
        Reply message = null;
        sub.lock().lock();
        try {
            Message first = messages.peekMessage(queue);
            if (first != null) {
                sub.setDelivered(new Subscription.Delivered(first.id(), env.nowSeconds()));
                if (!hasSub) {
                    stats.increment(Q_SUB);
                }
                message = Reply.event(entityId, encryptMessage(record, first));
            }
        } finally {
            sub.lock().unlock();
        }
        return new CommandResult(new Reply(corrId, entityId, new BrokerMessage.Sok(session.serviceId())), message);
    }

    BrokerMessage getMessage(EntityId entityId, StoreQueue queue, QueueRecord record) {
        Subscription sub = client.subscriptions().get(entityId);
        Subscription.Delivered previous = null;
        if (sub == null) {
            sub = Subscription.getOnly();
            client.subscriptions().put(entityId, sub);
        } else {
            sub.lock().lock();
            try {
                if (sub.state() != Subscription.State.GET_ONLY) {
                    stats.increment(MSG_GET_PROHIBITED);
                    return err(ErrorType.cmd(CommandError.PROHIBITED));
                }
                previous = sub.delivered();
                sub.setDelivered(null);
            } finally {
                sub.lock().unlock();
            }
        }
        Message first = messages.peekMessage(queue);
        if (first == null) {
            stats.increment(MSG_GET_NO_MSG);
            return BrokerMessage.OK;
        }
        stats.increment(previous != null ? MSG_GET_DUPLICATE : MSG_GET);
        sub.lock().lock();
        try {
            sub.setDelivered(new Subscription.Delivered(first.id(), env.nowSeconds()));
        } finally {
            sub.lock().unlock();
        }
        return encryptMessage(record, first);
    }

    CommandResult acknowledge(CorrId corrId, EntityId entityId, EntityId msgId, StoreQueue queue, QueueRecord record) {
        Subscription sub = client.subscriptions().get(entityId);
        if (sub == null) {
            return CommandResult.of(corrId, entityId, err(ErrorType.Simple.NO_MSG));
        }
        Subscription.Delivered delivered;
        boolean getOnly;
        sub.lock().lock();
        try {
            delivered = sub.delivered();
            if (delivered == null || !(delivered.msgId().equals(msgId) || msgId.isEmpty())) {
                return CommandResult.of(corrId, entityId, err(ErrorType.Simple.NO_MSG));
            }
            sub.setDelivered(null);
            getOnly = sub.state() == Subscription.State.GET_ONLY;
        } finally {
            sub.lock().unlock();
        }
        try {
            if (getOnly) {
                Message deleted = messages.tryDeleteMessage(queue, msgId);
                countReceived(entityId, deleted, true, delivered.deliveredAt());
                return CommandResult.of(corrId, entityId, BrokerMessage.OK);
            }
            MessageStore.DeletePeek deletePeek = messages.tryDeletePeekMessage(queue, msgId);
            countReceived(entityId, deletePeek.deleted(), false, delivered.deliveredAt());
            Message next = deletePeek.next();
            if (next == null) {
                return CommandResult.of(corrId, entityId, BrokerMessage.OK);
            }
            sub.lock().lock();
            try {
                sub.setDelivered(new Subscription.Delivered(next.id(), env.nowSeconds()));
            } finally {
                sub.lock().unlock();
            }
            return CommandResult.of(corrId, entityId, encryptMessage(record, next));
        } catch (StoreException e) {
            return CommandResult.of(corrId, entityId, err(storeError(e)));
        }
    }

    void countReceived(EntityId entityId, Message deleted, boolean isGet, long deliveredAt) {
        if (!(deleted instanceof Message.Sent sent)) {
            return;
        }
        stats.increment(MSG_RECV);
        if (isGet) {
            stats.increment(MSG_RECV_GET);
        }
        stats.add(MSG_COUNT, -1);
        stats.activeQueues.update(entityId.bytes());
        if (sent.notification()) {
            stats.increment(MSG_RECV_NTF);
            stats.activeQueuesNtf.update(entityId.bytes());
        }
        stats.msgRecvAckTimes.record(deliveredAt, env.nowSeconds());
    }
}
