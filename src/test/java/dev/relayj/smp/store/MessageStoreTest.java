package dev.relayj.smp.store;

import dev.relayj.protocol.EntityId;

import static dev.relayj.smp.store.Fixtures.id;
import static dev.relayj.smp.store.Fixtures.message;
import static dev.relayj.smp.store.Fixtures.queue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MessageStoreTest {
    private static final long NOW = 1_740_830_400L;
    private final QueueStore queues = new QueueStore();
    private final MessageStore store = new MessageStore(queues, 3, Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC),
            warning -> {});

    @Test
    void quotaAddsOneMarkerThenRefusesUntilTheQueueIsEmptied() throws StoreException {
        StoreQueue q = queues.addQueue(id(1), queue(1));
        assertTrue(store.writeMessage(q, message(1, NOW)).wasEmpty());
        assertFalse(store.writeMessage(q, message(2, NOW)).wasEmpty());
        store.writeMessage(q, message(3, NOW));
        StoreException quota = assertThrows(StoreException.class, () -> store.writeMessage(q, message(4, NOW)));
        assertEquals(StoreError.QUOTA, quota.error());
        assertThrows(StoreException.class, () -> store.writeMessage(q, message(5, NOW)));
        List<Message> messages = store.messages(q);
        assertEquals(4, messages.size());
        assertEquals(new Message.QuotaMarker(message(4, NOW).id(), NOW), messages.get(3));
        // draining all but the marker is not enough
        for (int i = 1; i <= 3; i++) {
            store.tryDeleteMessage(q, message(i, NOW).id());
        }
        assertThrows(StoreException.class, () -> store.writeMessage(q, message(6, NOW)));
        assertEquals(1, store.queueSize(q));
        store.tryDeleteMessage(q, message(4, NOW).id());
        assertTrue(store.writeMessage(q, message(7, NOW)).wasEmpty());
    }

    @Test
    void ackDeletesOnlyTheDeliveredMessage() throws StoreException {
        StoreQueue q = queues.addQueue(id(1), queue(1));
        store.writeMessage(q, message(1, NOW));
        store.writeMessage(q, message(2, NOW));
        MessageStore.DeletePeek wrongId = store.tryDeletePeekMessage(q, message(2, NOW).id());
        assertNull(wrongId.deleted());
        assertEquals(message(1, NOW), wrongId.next());
        MessageStore.DeletePeek ack = store.tryDeletePeekMessage(q, message(1, NOW).id());
        assertEquals(message(1, NOW), ack.deleted());
        assertEquals(message(2, NOW), ack.next());
        MessageStore.DeletePeek last = store.tryDeletePeekMessage(q, message(2, NOW).id());
        assertEquals(message(2, NOW), last.deleted());
        assertNull(last.next());
        assertEquals(new MessageStore.DeletePeek(null, null), store.tryDeletePeekMessage(q, message(2, NOW).id()));
        assertNull(store.peekMessage(q));
    }

    @Test
    void expiryDeletesOldMessagesAndStopsAtNewerOnes() throws StoreException {
        StoreQueue q1 = queues.addQueue(id(1), queue(1));
        StoreQueue q2 = queues.addQueue(id(2), queue(2));
        long day = 86400;
        store.writeMessage(q1, message(1, NOW - 30 * day));
        store.writeMessage(q1, message(2, NOW - 22 * day));
        store.writeMessage(q1, message(3, NOW - day));
        store.writeMessage(q2, message(4, NOW - 25 * day));
        MessageStore.MessageStats stats = store.expireOldMessages(Duration.ofDays(21));
        assertEquals(new MessageStore.MessageStats(1, 3, 2), stats);
        assertEquals(List.of(message(3, NOW - day)), store.messages(q1));
        assertEquals(0, store.queueSize(q2));
    }

    @Test
    void expiryStopsAtAQuotaMarker() throws StoreException {
        StoreQueue q = queues.addQueue(id(1), queue(1));
        for (int i = 1; i <= 4; i++) {
            try {
                store.writeMessage(q, message(i, NOW - 100));
            } catch (StoreException e) {
                assertEquals(StoreError.QUOTA, e.error());
            }
        }
        assertEquals(3, store.deleteExpiredMessages(q, NOW));
        assertInstanceOf(Message.QuotaMarker.class, store.peekMessage(q));
    }

    @Test
    void deletingAQueueDropsItsMessages() throws StoreException {
        StoreQueue q = queues.addQueue(id(1), queue(1));
        store.writeMessage(q, message(1, NOW));
        store.writeMessage(q, message(2, NOW));
        MessageStore.DeletedQueue deleted = store.deleteQueue(q);
        assertEquals(2, deleted.messageCount());
        assertEquals(0, store.queueSize(q));
        assertEquals(StoreError.AUTH, assertThrows(StoreException.class,
                () -> store.writeMessage(q, message(3, NOW))).error());
    }

    @Test
    void concurrentSendersAndOneReceiverKeepOrderAndLoseNothing() throws Exception {
        MessageStore big = new MessageStore(queues, 100_000, Clock.systemUTC(), warning -> {});
        StoreQueue q = queues.addQueue(id(1), queue(1));
        int senders = 8;
        int perSender = 500;
        List<EntityId> received = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(senders + 1)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perSender; i++) {
                        big.writeMessage(q, new Message.Sent(id(100_000 + sender * perSender + i), NOW, false, new byte[0]));
                    }
                    return null;
                }));
            }
            Future<?> receiver = pool.submit(() -> {
                while (received.size() < senders * perSender) {
                    Message next = big.peekMessage(q);
                    if (next != null) {
                        Message deleted = big.tryDeleteMessage(q, next.id());
                        assertEquals(next, deleted);
                        received.add(deleted.id());
                    } else {
                        Thread.onSpinWait();
                    }
                }
                return null;
            });
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
            receiver.get(30, TimeUnit.SECONDS);
        }
        java.util.Map<EntityId, Integer> indexOf = new java.util.HashMap<>();
        for (int i = 0; i < senders * perSender; i++) {
            indexOf.put(id(100_000 + i), i);
        }
        int[] lastPerSender = new int[senders];
        java.util.Arrays.fill(lastPerSender, -1);
        for (EntityId messageId : received) {
            int index = indexOf.get(messageId);
            assertTrue(index > lastPerSender[index / perSender], "each sender's messages arrive in order");
            lastPerSender[index / perSender] = index;
        }
        Set<EntityId> unique = new HashSet<>(received);
        assertEquals(senders * perSender, unique.size());
        assertEquals(0, big.queueSize(q));
    }
}
