package dev.relayj.smp.server;

import static dev.relayj.stats.SmpCounter.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.protocol.QueueInfo;
import dev.relayj.smp.protocol.QueueRequestData;
import dev.relayj.smp.protocol.SubscriptionMode;
import dev.relayj.smp.store.StoreQueue;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NEW, KEY/SKEY, RKEY, OFF, DEL and QUE run directly on the queue family, without TLS. */
class QueueCommandsTest {
    @TempDir
    Path dir;

    @Test
    void newQueueIsStoredCountedAndSubscribedWhenAsked() throws Exception {
        CommandFamilies f = new CommandFamilies(dir);
        BrokerMessage.Ids subscribed = f.newQueue(new QueueRequestData.Messaging(null), SubscriptionMode.SUBSCRIBE);
        BrokerMessage.Ids created = f.newQueue(new QueueRequestData.Messaging(null), SubscriptionMode.ONLY_CREATE);
        assertTrue(f.client.subscriptions().containsKey(subscribed.ids().recipientId()));
        assertFalse(f.client.subscriptions().containsKey(created.ids().recipientId()));
        assertEquals(subscribed.ids().senderId(), f.queue(subscribed.ids().recipientId()).record().senderId());
        assertEquals(2, f.stats.counter(Q_CREATED).get());
        assertEquals(2, f.stats.counter(Q_COUNT).get());
    }

    @Test
    void aQueueIsSecuredOnceAndOnlyWithTheSameKeyAgain() throws Exception {
        CommandFamilies f = new CommandFamilies(dir);
        StoreQueue q = f.queue(f.newQueue(new QueueRequestData.Messaging(null), SubscriptionMode.ONLY_CREATE)
                .ids().recipientId());
        Ed25519PrivateKey sender = Ed25519PrivateKey.generate(CommandFamilies.RANDOM);
        assertEquals(BrokerMessage.OK, f.queues.secureMessagingQueue(q, q.record(), sender.publicKey()));
        assertEquals(BrokerMessage.err(ErrorType.Simple.AUTH),
                f.queues.secure(q, Ed25519PrivateKey.generate(CommandFamilies.RANDOM).publicKey()));
        assertEquals(1, f.stats.counter(Q_SECURED).get());
    }

    @Test
    void contactQueuesAreNotSecuredBySendersAndMessagingQueuesKeepTheirRecipientKeys() throws Exception {
        CommandFamilies f = new CommandFamilies(dir);
        StoreQueue contact = f.queue(f.newQueue(new QueueRequestData.Contact(null, null), SubscriptionMode.ONLY_CREATE)
                .ids().recipientId());
        StoreQueue messaging = f.queue(f.newQueue(new QueueRequestData.Messaging(null), SubscriptionMode.ONLY_CREATE)
                .ids().recipientId());
        Ed25519PrivateKey key = Ed25519PrivateKey.generate(CommandFamilies.RANDOM);
        assertEquals(BrokerMessage.err(ErrorType.Simple.AUTH),
                f.queues.secureMessagingQueue(contact, contact.record(), key.publicKey()));
        assertEquals(BrokerMessage.err(ErrorType.Simple.AUTH),
                f.queues.replaceRecipientKeys(messaging, messaging.record(), List.of(key.publicKey())));
        assertEquals(BrokerMessage.OK, f.queues.replaceRecipientKeys(contact, contact.record(), List.of(key.publicKey())));
        assertEquals(List.of(key.publicKey()), f.queue(contact.recipientId()).record().recipientKeys());
    }

    @Test
    void deletedQueueIsGoneUnsubscribedAndCountedAsNew() throws Exception {
        CommandFamilies f = new CommandFamilies(dir);
        EntityId id = f.newQueue(new QueueRequestData.Messaging(null), SubscriptionMode.SUBSCRIBE).ids().recipientId();
        assertEquals(BrokerMessage.OK, f.queues.deleteQueue(id, f.queue(id)));
        assertNull(f.queue(id));
        assertFalse(f.client.subscriptions().containsKey(id));
        assertEquals(1, f.stats.counter(Q_DELETED_NEW).get());
        assertEquals(1, f.stats.counter(Q_DELETED_ALL).get());
        assertEquals(0, f.stats.counter(Q_COUNT).get());
    }

    @Test
    void queueInfoTellsWhetherSecuredAndWhatIsSubscribed() throws Exception {
        CommandFamilies f = new CommandFamilies(dir);
        EntityId id = f.newQueue(new QueueRequestData.Messaging(null), SubscriptionMode.SUBSCRIBE).ids().recipientId();
        StoreQueue q = f.queue(id);
        QueueInfo info = assertInstanceOf(BrokerMessage.Info.class, f.queues.queueInfo(id, q, q.record())).info();
        assertFalse(info.secured());
        assertEquals(0, info.size());
    }
}
