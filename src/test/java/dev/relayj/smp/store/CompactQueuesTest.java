package dev.relayj.smp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.crypto.AuthPublicKey;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.QueueMode;
import dev.relayj.store.EntityStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** The packed queue record and the open-addressing queue index give back exactly what was put in. */
class CompactQueuesTest {

    @Test
    void aPackedRecordUnpacksToWhatItWasMadeOfForEveryKeyKind() {
        List<AuthPublicKey> keys = List.of(Fixtures.ed25519(1), Fixtures.ed448(2), Fixtures.x25519(3));
        for (AuthPublicKey senderKey : new AuthPublicKey[] {null, Fixtures.ed25519(4), Fixtures.ed448(5),
                Fixtures.x25519(6)}) {
            for (int idLength : new int[] {0, 16, 24, 254}) {
                EntityId senderId = new EntityId(Fixtures.bytes(idLength, 7));
                QueueRecord record = new QueueRecord(keys, Fixtures.secret(8), senderId, senderKey,
                        QueueMode.CONTACT, null, null, EntityStatus.OFF, 86_400L * 20_000, null);
                assertEquals(keys, record.recipientKeys());
                assertEquals(Fixtures.secret(8), record.rcvDhSecret());
                assertEquals(senderId, record.senderId());
                assertEquals(senderKey, record.senderKey());
                assertEquals(senderKey != null, record.isSecured());
                assertTrue(record.hasSenderId(senderId));
                assertFalse(record.hasSenderId(new EntityId(Fixtures.bytes(idLength + 1, 7))));
                assertEquals(senderId.hashCode(), record.senderIdHash());
                assertEquals(QueueMode.CONTACT, record.queueMode());
                assertEquals(EntityStatus.OFF, record.status());
                assertEquals(86_400L * 20_000, record.updatedAt());
                assertNull(record.link());
                assertNull(record.notifier());
                assertNull(record.rcvServiceId());
            }
        }
    }

    @Test
    void withersChangeOneFieldAndKeepTheRest() {
        QueueRecord record = Fixtures.queue(1);
        QueueRecord secured = record.withSenderKey(Fixtures.ed25519(9));
        assertEquals(Fixtures.ed25519(9), secured.senderKey());
        assertEquals(record.recipientKeys(), secured.recipientKeys());
        assertEquals(record.senderId(), secured.senderId());
        assertNotEquals(record, secured);
        assertEquals(record, secured.withSenderKey(record.senderKey()));
        EntityId service = Fixtures.id(5);
        QueueRecord withService = record.withRcvServiceId(service).withUpdatedAt(null).withStatus(EntityStatus.OFF);
        assertEquals(service, withService.rcvServiceId());
        assertNull(withService.updatedAt());
        assertEquals(EntityStatus.OFF, withService.status());
        assertEquals(record.rcvDhSecret(), withService.rcvDhSecret());
        assertEquals(record, record.withRcvServiceId(service).withRcvServiceId(null).withUpdatedAt(record.updatedAt())
                .withStatus(record.status()));
        assertEquals(record.hashCode(), new QueueRecord(record.recipientKeys(), record.rcvDhSecret(), record.senderId(),
                record.senderKey(), record.queueMode(), record.link(), record.notifier(), record.status(),
                record.updatedAt(), record.rcvServiceId()).hashCode());
    }

    @Test
    void theIndexFindsEveryQueueThroughGrowthAndRemovalsAndNeverAnotherOne() {
        ReentrantLock lock = new ReentrantLock();
        QueueIndex index = new QueueIndex(q -> q.recipientId().hashCode(),
                (q, id) -> q.record() != null && id.equals(q.recipientId()), lock);
        List<StoreQueue> queues = new ArrayList<>();
        lock.lock();
        try {
            for (int i = 0; i < 20_000; i++) {
                StoreQueue queue = new StoreQueue(Fixtures.id(i), Fixtures.queue(i % 7));
                queues.add(queue);
                index.put(queue.recipientId(), queue);
            }
            for (int i = 0; i < queues.size(); i += 3) {
                index.remove(queues.get(i).recipientId(), queues.get(i));
            }
            for (int i = 20_000; i < 30_000; i++) {
                StoreQueue queue = new StoreQueue(Fixtures.id(i), Fixtures.queue(i % 7));
                queues.add(queue);
                index.put(queue.recipientId(), queue);
            }
        } finally {
            lock.unlock();
        }
        int present = 0;
        for (int i = 0; i < queues.size(); i++) {
            StoreQueue expected = i < 20_000 && i % 3 == 0 ? null : queues.get(i);
            assertSame(expected, index.get(queues.get(i).recipientId()), "queue " + i);
            present += expected == null ? 0 : 1;
        }
        assertEquals(present, index.size());
        AtomicInteger visited = new AtomicInteger();
        index.forEach(q -> visited.incrementAndGet());
        assertEquals(present, visited.get());
        assertNull(index.get(Fixtures.id(-1)));
    }

    @Test
    void lookupsWithoutTheLockSeeEveryQueueAddedBeforeThemWhileOthersAreAdded() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        QueueIndex index = new QueueIndex(q -> q.recipientId().hashCode(),
                (q, id) -> q.record() != null && id.equals(q.recipientId()), lock);
        ConcurrentHashMap<Integer, StoreQueue> added = new ConcurrentHashMap<>();
        AtomicInteger last = new AtomicInteger(-1);
        AtomicBoolean failed = new AtomicBoolean();
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 50_000; i++) {
                StoreQueue queue = new StoreQueue(Fixtures.id(i), Fixtures.queue(1));
                lock.lock();
                try {
                    index.put(queue.recipientId(), queue);
                } finally {
                    lock.unlock();
                }
                added.put(i, queue);
                last.set(i);
            }
        });
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            readers.add(Thread.ofPlatform().start(() -> {
                while (writer.isAlive()) {
                    int upTo = last.get();
                    for (int i = Math.max(0, upTo - 50); i <= upTo; i++) {
                        if (index.get(Fixtures.id(i)) != added.get(i)) {
                            failed.set(true);
                        }
                    }
                }
            }));
        }
        writer.join(60_000);
        for (Thread reader : readers) {
            reader.join(60_000);
        }
        assertFalse(failed.get(), "a lookup missed a queue added before it");
    }
}
