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
import java.util.ArrayList;
import java.util.List;

/**
 * Messages and their delivery (SEND, SUB, GET, ACK of {@code processCommand} in Server.hs): storing
 * a sent message, delivering it to the queue's subscriber, and the acknowledgement that removes
 * it. A subscription is either pushing (SUB) or GET only, never both in one session.
 */
final class MessageCommands extends CommandFamily {
    /** The SENDs of the block being run, in the order they ran; only the connection's own thread uses it. */
    private final List<PendingSend> pendingSends = new ArrayList<>();

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
            Message.Sent message = new Message.Sent(msgId, env.nowSeconds(), send.flags().notification(),
                    send.body().detached());
            MessageStore.WriteResult written = messages.writeMessage(queue, message);
            pendingSends.add(new PendingSend(written, queue, record));
            return BrokerMessage.OK;
        } catch (StoreException e) {
            if (e.error() == StoreError.QUOTA) {
                stats.increment(MSG_SENT_QUOTA);
            }
            return err(storeError(e));
        }
    }

    /** A SEND of the block being run, stored and waiting for the journal. */
    private record PendingSend(MessageStore.WriteResult written, StoreQueue queue, QueueRecord record) {}

    /**
     * After the last command of a block: waits once for the journal to hold every message its
     * SENDs stored (one fsync for the block, shared with other connections' blocks), then delivers
     * them and counts them. Null when they are durable, else the error their SENDs answer instead
     * of OK; then nothing is delivered, as when a single SEND's write fails.
     */
    ErrorType completeBlock() {
        if (pendingSends.isEmpty()) {
            return null;
        }
        List<PendingSend> sends = List.copyOf(pendingSends);
        pendingSends.clear();
        try {
            messages.awaitDurable(sends.get(sends.size() - 1).written());
        } catch (StoreException e) {
            return storeError(e);
        }
        for (PendingSend pending : sends) {
            Message.Sent message = (Message.Sent) pending.written().message();
            if (pending.written().wasEmpty()) {
                tryDeliver(pending.queue(), message);
            }
            if (message.notification()) {
                if (pending.record().notifier() != null) {
                    enqueueNotification(pending.record().notifier(), message);
                }
                stats.increment(MSG_SENT_NTF);
                stats.activeQueuesNtf.update(pending.queue().recipientId().bytes());
            }
            stats.increment(MSG_SENT);
            stats.increment(MSG_COUNT);
            stats.activeQueues.update(pending.queue().recipientId().bytes());
        }
        return null;
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
            Reply msg = new Reply.Delivery(CorrId.NONE, recipientId, queue.record().rcvDhSecret(), message);
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
                message = new Reply.Delivery(CorrId.NONE, entityId, record.rcvDhSecret(), first);
            }
        } finally {
            sub.lock().unlock();
        }
        return new CommandResult(Reply.of(corrId, entityId, new BrokerMessage.Sok(session.serviceId())), message);
    }

    CommandResult getMessage(CorrId corrId, EntityId entityId, StoreQueue queue, QueueRecord record) {
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
                    return CommandResult.of(corrId, entityId, err(ErrorType.cmd(CommandError.PROHIBITED)));
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
            return CommandResult.of(corrId, entityId, BrokerMessage.OK);
        }
        stats.increment(previous != null ? MSG_GET_DUPLICATE : MSG_GET);
        sub.lock().lock();
        try {
            sub.setDelivered(new Subscription.Delivered(first.id(), env.nowSeconds()));
        } finally {
            sub.lock().unlock();
        }
        return new CommandResult(new Reply.Delivery(corrId, entityId, record.rcvDhSecret(), first), null);
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
            return new CommandResult(new Reply.Delivery(corrId, entityId, record.rcvDhSecret(), next), null);
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
