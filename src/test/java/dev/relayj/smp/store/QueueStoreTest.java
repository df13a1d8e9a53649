package dev.relayj.smp.store;

import dev.relayj.smp.protocol.QueueMode;
import dev.relayj.protocol.BlockingInfo;
import dev.relayj.transport.ServiceRole;

import static dev.relayj.smp.store.Fixtures.ed25519;
import static dev.relayj.smp.store.Fixtures.id;
import static dev.relayj.smp.store.Fixtures.queue;
import static dev.relayj.smp.store.Fixtures.secret;
import static dev.relayj.smp.store.Fixtures.x25519;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import dev.relayj.store.EntityStatus;

class QueueStoreTest {
    private final QueueStore store = new QueueStore();
    private final List<String> logged = new ArrayList<>();

    QueueStoreTest() {
        store.setStoreLog(record -> logged.add(record.encode()));
    }

    private static StoreError errorOf(Executable action) {
        try {
            action.execute();
        } catch (StoreException e) {
            return e.error();
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a store error");
    }

    @Test
    void addsAndFindsQueuesByEveryId() throws StoreException {
        StoreQueue q = store.addQueue(id(1), queue(1));
        assertSame(q, store.findByRecipient(id(1)));
        assertSame(q, store.findBySender(id(1001)));
        assertNull(store.findByRecipient(id(2)));
        assertEquals(List.of(new StoreLogRecord.CreateQueue(id(1), queue(1)).encode()), logged);
    }

    @Test
    void duplicateIdsAreRefused() throws StoreException {
        store.addQueue(id(1), queue(1));
        assertEquals(StoreError.DUPLICATE, errorOf(() -> store.addQueue(id(1), queue(2))));
        QueueRecord sameSender = queue(2);
        QueueRecord clash = new QueueRecord(sameSender.recipientKeys(), sameSender.rcvDhSecret(), id(1001), null,
                QueueMode.MESSAGING, null, null, EntityStatus.ACTIVE, null, null);
        assertEquals(StoreError.DUPLICATE, errorOf(() -> store.addQueue(id(2), clash)));
        assertNull(store.findByRecipient(id(2)));
        assertEquals(1, logged.size());
    }

    @Test
    void secureSetsTheSenderKeyOnce() throws StoreException {
        StoreQueue q = store.addQueue(id(1), queue(1));
        store.secureQueue(q, x25519(7));
        store.secureQueue(q, x25519(7));
        assertEquals(StoreError.AUTH, errorOf(() -> store.secureQueue(q, x25519(8))));
        assertEquals(x25519(7), q.record().senderKey());
        assertEquals(3, logged.size(), "a repeated SECURE with the same key is logged as in the reference");
    }

    @Test
    void notifiersLinksStatusAndTime() throws StoreException {
        StoreQueue q1 = store.addQueue(id(1), queue(1));
        StoreQueue q2 = store.addQueue(id(2), queue(2));
        NotifierCredentials ntf = new NotifierCredentials(id(50), ed25519(50), secret(50), null);
        assertNull(store.addNotifier(q1, ntf));
        assertSame(q1, store.findByNotifier(id(50)));
        assertEquals(StoreError.DUPLICATE, errorOf(() -> store.addNotifier(q2, ntf)));
        NotifierCredentials ntf2 = new NotifierCredentials(id(51), ed25519(51), secret(51), null);
        assertEquals(ntf, store.addNotifier(q1, ntf2));
        assertNull(store.findByNotifier(id(50)));
        assertEquals(ntf2, store.deleteNotifier(q1));
        assertNull(store.findByNotifier(id(51)));
        assertNull(store.deleteNotifier(q1));

        QueueLink link = new QueueLink(id(60), new byte[] {1, 2}, new byte[] {3});
        store.addLink(q1, link);
        assertSame(q1, store.findByLink(id(60)));
        store.addLink(q1, new QueueLink(id(60), new byte[] {1, 2}, new byte[] {4, 5}));
        assertEquals(StoreError.AUTH, errorOf(() -> store.addLink(q1, new QueueLink(id(60), new byte[] {9}, new byte[0]))));
        assertEquals(StoreError.DUPLICATE, errorOf(() -> store.addLink(q2, link)));
        assertEquals(StoreError.AUTH, errorOf(() -> store.getLink(q1, id(61))));
        store.deleteLink(q1);
        assertNull(store.findByLink(id(60)));

        store.suspendQueue(q1);
        assertEquals(EntityStatus.OFF, q1.record().status());
        BlockingInfo info = new BlockingInfo(BlockingInfo.Reason.SPAM, null);
        store.blockQueue(q1, info);
        assertEquals(new EntityStatus.Blocked(info), q1.record().status());
        store.unblockQueue(q1);
        assertEquals(EntityStatus.ACTIVE, q1.record().status());

        int before = logged.size();
        store.updateQueueTime(q1, 86400);
        store.updateQueueTime(q1, 86400);
        assertEquals(before + 1, logged.size(), "an unchanged date is not logged");
        assertEquals(86400L, q1.record().updatedAt());
    }

    @Test
    void deleteRemovesEveryIdAndLaterOperationsAreAuth() throws StoreException {
        StoreQueue q = store.addQueue(id(1), queue(1));
        store.addNotifier(q, new NotifierCredentials(id(50), ed25519(50), secret(50), null));
        store.addLink(q, new QueueLink(id(60), new byte[] {1}, new byte[] {2}));
        QueueRecord deleted = store.deleteQueue(q);
        assertEquals(id(1001), deleted.senderId());
        assertNull(store.findByRecipient(id(1)));
        assertNull(store.findBySender(id(1001)));
        assertNull(store.findByNotifier(id(50)));
        assertNull(store.findByLink(id(60)));
        assertEquals(StoreError.AUTH, errorOf(() -> store.secureQueue(q, x25519(1))));
        assertEquals(StoreError.AUTH, errorOf(() -> store.deleteQueue(q)));
        assertEquals(0, store.entityCounts().queueCount());
    }

    @Test
    void servicesAndTheirQueues() throws StoreException {
        ServiceRecord service = new ServiceRecord(id(90), ServiceRole.MESSAGING, List.of(new byte[] {1}),
                new byte[] {7, 7}, 86400);
        assertEquals(id(90), store.getCreateService(service));
        ServiceRecord again = new ServiceRecord(id(91), ServiceRole.MESSAGING, List.of(new byte[] {1}),
                new byte[] {7, 7}, 86400);
        assertEquals(id(90), store.getCreateService(again), "the same certificate gets the existing id");
        ServiceRecord otherRole = new ServiceRecord(id(92), ServiceRole.NOTIFIER, List.of(new byte[] {1}),
                new byte[] {7, 7}, 86400);
        assertEquals(StoreError.SERVICE, errorOf(() -> store.getCreateService(otherRole)));
        StoreQueue q = store.addQueue(id(1), queue(1));
        store.setQueueService(q, ServiceParty.RECIPIENT, id(90));
        assertEquals(1, store.serviceQueueCount(ServiceParty.RECIPIENT, id(90)));
        assertEquals(StoreError.AUTH, errorOf(() -> store.setQueueService(q, ServiceParty.NOTIFIER, id(90))));
        store.setQueueService(q, ServiceParty.RECIPIENT, null);
        assertEquals(0, store.serviceQueueCount(ServiceParty.RECIPIENT, id(90)));
        assertEquals(StoreError.AUTH, errorOf(() -> store.serviceQueueCount(ServiceParty.RECIPIENT, id(99))));
        assertTrue(logged.contains("QUEUE_SERVICE " + id(1).toBase64() + " R "));
    }

    @Test
    void concurrentOperationsOnOneQueueStayConsistent() throws Exception {
        StoreQueue q = store.addQueue(id(1), queue(1));
        int threads = 16;
        int rounds = 200;
        AtomicInteger duplicates = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < rounds; i++) {
                        int seed = 10_000 + thread * rounds + i;
                        try {
                            store.addNotifier(q, new NotifierCredentials(id(seed), ed25519(seed), secret(seed), null));
                            store.updateQueueTime(q, 86400L * (i % 3));
                            store.updateKeys(q, List.of(ed25519(seed)));
                        } catch (StoreException e) {
                            duplicates.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        }
        assertEquals(0, duplicates.get());
        NotifierCredentials last = q.record().notifier();
        assertSame(q, store.findByNotifier(last.notifierId()));
        assertEquals(1, store.entityCounts().notifierCount(), "exactly the current notifier is indexed");
        // the log replays into the same final state
        QueueStore replayed = new QueueStore();
        for (String line : List.copyOf(logged)) {
            assertNull(QueueStoreLog.apply(replayed, StoreLogRecord.parse(line)), line);
        }
        assertEquals(q.record(), replayed.findByRecipient(id(1)).record());
    }
}
