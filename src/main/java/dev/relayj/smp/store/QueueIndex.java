package dev.relayj.smp.store;

import dev.relayj.protocol.EntityId;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Queues by one of their ids, for stores of millions of queues: an open-addressing table that holds
 * only references to the queues (about 9 bytes per queue) and reads the id from the queue itself,
 * where a map would add an entry object and a key object per queue (about 90 bytes).
 *
 * <p>Lookups take no lock. Changes are made under the store's index lock, passed in, which the
 * store holds anyway to keep its indexes consistent. A lookup that runs while the table changes
 * may miss a queue that is there; a miss is therefore confirmed under the lock (misses are rare:
 * ids that clients send exist, except for mistakes and attacks).
 */
final class QueueIndex {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(StoreQueue[].class);
    /** Marks a slot whose queue left: probing goes on past it. */
    private static final StoreQueue REMOVED = new StoreQueue(EntityId.NONE, null);
    private static final int MIN_CAPACITY = 16;

    private final ToIntFunction<StoreQueue> hashOf;
    private final BiPredicate<StoreQueue, EntityId> hasId;
    private final ReentrantLock writeLock;
    private volatile StoreQueue[] slots = new StoreQueue[MIN_CAPACITY];
    /** Queues in the table. Guarded by the write lock, read without it. */
    private volatile int size;
    /** Slots not null: queues and removal marks. Guarded by the write lock. */
    private int occupied;

    /**
     * @param hashOf    the {@link EntityId#hashCode()} of the id a queue is indexed by; not called
     *                  for a queue being deleted (see {@code hasId})
     * @param hasId     whether the queue has this id; false for every id while the queue is being
     *                  deleted, which then leaves the table at its next rebuild
     * @param writeLock held by every caller of {@link #put} and {@link #remove}
     */
    QueueIndex(ToIntFunction<StoreQueue> hashOf, BiPredicate<StoreQueue, EntityId> hasId, ReentrantLock writeLock) {
        this.hashOf = hashOf;
        this.hasId = hasId;
        this.writeLock = writeLock;
    }

    StoreQueue get(EntityId id) {
        StoreQueue found = probe(slots, id);
        if (found != null || writeLock.isHeldByCurrentThread()) {
            return found;
        }
        writeLock.lock();
        try {
            return probe(slots, id);
        } finally {
            writeLock.unlock();
        }
    }

    boolean containsKey(EntityId id) {
        return get(id) != null;
    }

    int size() {
        return size;
    }

    /** Adds a queue whose id is not in the table. Caller holds the write lock. */
    void put(EntityId id, StoreQueue queue) {
        if ((occupied + 1) * 5L > slots.length * 3L) {
            rebuild();
        }
        StoreQueue[] table = slots;
        int mask = table.length - 1;
        for (int i = start(id.hashCode(), mask); ; i = (i + 1) & mask) {
            StoreQueue current = (StoreQueue) SLOT.getAcquire(table, i);
            if (current == null || current == REMOVED) {
                if (current == null) {
                    occupied++;
                }
                SLOT.setRelease(table, i, queue);
                size = size + 1;
                return;
            }
        }
    }

    /** Removes this queue, found by the id it was added with; nothing when it is not there. Caller holds the write lock. */
    void remove(EntityId id, StoreQueue queue) {
        StoreQueue[] table = slots;
        int mask = table.length - 1;
        for (int i = start(id.hashCode(), mask); ; i = (i + 1) & mask) {
            StoreQueue current = (StoreQueue) SLOT.getAcquire(table, i);
            if (current == null) {
                return;
            }
            if (current == queue) {
                SLOT.setRelease(table, i, REMOVED);
                size = size - 1;
                return;
            }
        }
    }

    /** Visits every queue in the table when the call began; queues added meanwhile may be missed. */
    void forEach(Consumer<StoreQueue> action) {
        StoreQueue[] table = slots;
        for (int i = 0; i < table.length; i++) {
            StoreQueue queue = (StoreQueue) SLOT.getAcquire(table, i);
            if (queue != null && queue != REMOVED) {
                action.accept(queue);
            }
        }
    }

    private StoreQueue probe(StoreQueue[] table, EntityId id) {
        int mask = table.length - 1;
        for (int i = start(id.hashCode(), mask); ; i = (i + 1) & mask) {
            StoreQueue queue = (StoreQueue) SLOT.getAcquire(table, i);
            if (queue == null) {
                return null;
            }
            if (queue != REMOVED && hasId.test(queue, id)) {
                return queue;
            }
        }
    }

    /**
     * Makes room for this many queues in all without another rebuild (a store log about to be
     * replayed knows roughly how many). Caller holds the write lock.
     */
    void reserve(int queues) {
        if (queues * 5L > slots.length * 3L) {
            rebuild(queues);
        }
    }

    private void rebuild() {
        rebuild(size + 1);
    }

    /**
     * A new table with room for {@code room} queues at most 30 % full (linear probing stays short
     * up to the 60 % at which the table grows), without removal marks; published whole, so that
     * lookups see either table complete. Queues being deleted (no id any more) are left out.
     */
    private void rebuild(int room) {
        StoreQueue[] old = slots;
        int capacity = MIN_CAPACITY;
        while (capacity * 3L < Math.max(room, size + 1) * 10L) {
            capacity <<= 1;
        }
        StoreQueue[] table = new StoreQueue[capacity];
        int mask = capacity - 1;
        int live = 0;
        for (StoreQueue queue : old) {
            if (queue == null || queue == REMOVED || queue.record() == null) {
                continue;
            }
            int i = start(hashOf.applyAsInt(queue), mask);
            while (table[i] != null) {
                i = (i + 1) & mask;
            }
            table[i] = queue;
            live++;
        }
        occupied = live;
        size = live;
        slots = table;
    }

    /** Ids are random, but a hash of few bits would cluster in linear probing: spread it. */
    private static int start(int hash, int mask) {
        int h = hash * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
