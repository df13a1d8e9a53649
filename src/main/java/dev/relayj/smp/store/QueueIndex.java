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
 * only references to the queues and a byte of each id's hash (about 12 bytes per queue) and reads
 * the id from the queue itself, where a map would add an entry object and a key object per queue
 * (about 90 bytes). The hash byte spares a probe the trip to a queue that cannot match, which in a
 * table of millions is a cache miss.
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

    /**
     * Slots and the hash byte of each slot's id, replaced together by a rebuild. A slot's tag is
     * written before its queue (release) and read after it (acquire).
     */
    private record Table(StoreQueue[] queues, byte[] tags) {
        Table(int capacity) {
            this(new StoreQueue[capacity], new byte[capacity]);
        }

        int mask() {
            return queues.length - 1;
        }

        StoreQueue queue(int slot) {
            return (StoreQueue) SLOT.getAcquire(queues, slot);
        }
    }

    private final ToIntFunction<StoreQueue> hashOf;
    private final BiPredicate<StoreQueue, EntityId> hasId;
    private final ReentrantLock writeLock;
    private volatile Table table = new Table(MIN_CAPACITY);
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
        return get(id, id.hashCode());
    }

    /** {@link #get} with the id's {@link EntityId#hashCode()} already known. */
    StoreQueue get(EntityId id, int idHash) {
        StoreQueue found = probe(table, id, idHash);
        if (found != null || writeLock.isHeldByCurrentThread()) {
            return found;
        }
        writeLock.lock();
        try {
            return probe(table, id, idHash);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Whether a queue with an id of this {@link EntityId#hashCode()} may be in the table: false
     * when no queue on its probe path has the hash byte of the id, which needs no queue's id read.
     * Caller holds the write lock.
     */
    boolean mayContain(int idHash) {
        Table t = table;
        int hash = spread(idHash);
        byte tag = tag(hash);
        for (int i = hash & t.mask(); ; i = (i + 1) & t.mask()) {
            StoreQueue queue = t.queue(i);
            if (queue == null) {
                return false;
            }
            if (t.tags()[i] == tag && queue != REMOVED) {
                return true;
            }
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
        put(id.hashCode(), queue);
    }

    /** {@link #put} of a queue whose id has this {@link EntityId#hashCode()}. Caller holds the write lock. */
    void put(int idHash, StoreQueue queue) {
        if ((occupied + 1) * 5L > table.queues().length * 3L) {
            rebuild(size + 1);
        }
        Table t = table;
        int hash = spread(idHash);
        for (int i = hash & t.mask(); ; i = (i + 1) & t.mask()) {
            StoreQueue current = t.queue(i);
            if (current == null || current == REMOVED) {
                if (current == null) {
                    occupied++;
                }
                t.tags()[i] = tag(hash);
                SLOT.setRelease(t.queues(), i, queue);
                size = size + 1;
                return;
            }
        }
    }

    /** Removes this queue, found by the id it was added with; nothing when it is not there. Caller holds the write lock. */
    void remove(EntityId id, StoreQueue queue) {
        Table t = table;
        for (int i = spread(id.hashCode()) & t.mask(); ; i = (i + 1) & t.mask()) {
            StoreQueue current = t.queue(i);
            if (current == null) {
                return;
            }
            if (current == queue) {
                SLOT.setRelease(t.queues(), i, REMOVED);
                size = size - 1;
                return;
            }
        }
    }

    /** Visits every queue in the table when the call began; queues added meanwhile may be missed. */
    void forEach(Consumer<StoreQueue> action) {
        Table t = table;
        for (int i = 0; i < t.queues().length; i++) {
            StoreQueue queue = t.queue(i);
            if (queue != null && queue != REMOVED) {
                action.accept(queue);
            }
        }
    }

    /**
     * Makes room for this many queues in all without another rebuild (a store log about to be
     * replayed knows roughly how many). Caller holds the write lock.
     */
    void reserve(int queues) {
        if (queues * 5L > table.queues().length * 3L) {
            rebuild(queues);
        }
    }

    private StoreQueue probe(Table t, EntityId id, int idHash) {
        int hash = spread(idHash);
        byte tag = tag(hash);
        for (int i = hash & t.mask(); ; i = (i + 1) & t.mask()) {
            StoreQueue queue = t.queue(i);
            if (queue == null) {
                return null;
            }
            if (t.tags()[i] == tag && queue != REMOVED && hasId.test(queue, id)) {
                return queue;
            }
        }
    }

    /**
     * A new table with room for {@code room} queues at most 30 % full (linear probing stays short
     * up to the 60 % at which the table grows), without removal marks; published whole, so that
     * lookups see either table complete. Queues being deleted (no id any more) are left out.
     */
    private void rebuild(int room) {
        Table old = table;
        int capacity = MIN_CAPACITY;
        while (capacity * 3L < Math.max(room, size + 1) * 10L) {
            capacity <<= 1;
        }
        Table fresh = new Table(capacity);
        int live = 0;
        for (StoreQueue queue : old.queues()) {
            if (queue == null || queue == REMOVED || queue.record() == null) {
                continue;
            }
            int hash = spread(hashOf.applyAsInt(queue));
            int i = hash & fresh.mask();
            while (fresh.queues()[i] != null) {
                i = (i + 1) & fresh.mask();
            }
            fresh.queues()[i] = queue;
            fresh.tags()[i] = tag(hash);
            live++;
        }
        occupied = live;
        size = live;
        table = fresh;
    }

    /** Ids are random, but a hash of few bits would cluster in linear probing: spread it. */
    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** The hash bits above those a table of up to 2^24 slots indexes by. */
    private static byte tag(int spreadHash) {
        return (byte) (spreadHash >>> 24);
    }
}
