package dev.relayj.smp.server;

import static dev.relayj.stats.SmpCounter.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.Command;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.protocol.QueueRequestData;
import dev.relayj.smp.protocol.SubscriptionMode;
import dev.relayj.smp.store.StoreQueue;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NKEY, NSUB, NSUBS and NDEL run directly on the notifier family, without TLS. */
class NotifierCommandsTest {
    @TempDir
    Path dir;

    @Test
    void notifierIsCreatedSubscribedOnceAndDeleted() throws Exception {
        CommandFamilies f = new CommandFamilies(dir);
        EntityId id = f.newQueue(new QueueRequestData.Messaging(null), SubscriptionMode.ONLY_CREATE).ids().recipientId();
        StoreQueue q = f.queue(id);
        Command.NKey nkey = new Command.NKey(Ed25519PrivateKey.generate(CommandFamilies.RANDOM).publicKey(),
                X25519PrivateKey.generate(CommandFamilies.RANDOM).publicKey());
        BrokerMessage.Nid nid = assertInstanceOf(BrokerMessage.Nid.class, f.notifiers.addNotifier(q, nkey));
        assertEquals(nid.notifierId(), f.queue(id).record().notifier().notifierId());

        assertInstanceOf(BrokerMessage.Sok.class, f.notifiers.subscribeNotifications(nid.notifierId(), q, f.queue(id).record()));
        assertInstanceOf(BrokerMessage.Sok.class, f.notifiers.subscribeNotifications(nid.notifierId(), q, f.queue(id).record()));
        assertTrue(f.client.ntfSubscriptions().contains(nid.notifierId()));
        assertEquals(1, f.stats.counter(NTF_SUB).get());
        assertEquals(1, f.stats.counter(NTF_SUB_DUPLICATE).get());

        assertEquals(BrokerMessage.OK, f.notifiers.deleteNotifier(q));
        assertNull(f.queue(id).record().notifier());
        assertEquals(1, f.stats.counter(NTF_CREATED).get());
        assertEquals(1, f.stats.counter(NTF_DELETED).get());
    }

    @Test
    void withoutANotifierOrServiceThereIsNothingToSubscribe() throws Exception {
        CommandFamilies f = new CommandFamilies(dir);
        EntityId id = f.newQueue(new QueueRequestData.Messaging(null), SubscriptionMode.ONLY_CREATE).ids().recipientId();
        StoreQueue q = f.queue(id);
        assertEquals(BrokerMessage.err(ErrorType.Simple.INTERNAL), f.notifiers.subscribeNotifications(id, q, q.record()));
        assertEquals(BrokerMessage.err(ErrorType.Simple.INTERNAL), f.notifiers.subscribeServiceNotifications());
        assertEquals(BrokerMessage.OK, f.notifiers.deleteNotifier(q), "deleting no notifier is not an error");
        assertEquals(0, f.stats.counter(NTF_DELETED).get());
    }
}
