package dev.relayj.stats;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A thread-safe set of id hashes (the reference's {@code IORef IntSet}), split into stripes with
 * their own locks so that many connections recording activity rarely wait on each other.
 */
public final class IdHashSet {
    private static final int STRIPE_BITS = 5;
    private static final int STRIPES = 1 << STRIPE_BITS;

    private final LongHashSet[] sets = new LongHashSet[STRIPES];
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public IdHashSet() {
        for (int i = 0; i < STRIPES; i++) {
            sets[i] = new LongHashSet();
            locks[i] = new ReentrantLock();
        }
    }

    /** Adds a hash; returns false if it was already present. */
    public boolean add(long hash) {
        int s = stripe(hash);
        locks[s].lock();
        try {
            return sets[s].add(hash);
        } finally {
            locks[s].unlock();
        }
    }

    public boolean contains(long hash) {
        int s = stripe(hash);
        locks[s].lock();
        try {
            return sets[s].contains(hash);
        } finally {
            locks[s].unlock();
        }
    }

    public int size() {
        int total = 0;
        for (int s = 0; s < STRIPES; s++) {
            locks[s].lock();
            try {
                total += sets[s].size();
            } finally {
                locks[s].unlock();
            }
        }
        return total;
    }

    /**
     * Empties the set and returns how many hashes it held, as the reference's
     * {@code atomicSwapIORef ref IS.empty}; a hash added meanwhile lands either in the count or in
     * the new period, never in both and never lost.
     */
    public int sizeThenClear() {
        int total = 0;
        for (int s = 0; s < STRIPES; s++) {
            locks[s].lock();
            try {
                total += sets[s].size();
                sets[s].clear();
            } finally {
                locks[s].unlock();
            }
        }
        return total;
    }

    /** The hashes in ascending order, as {@code IS.toList} gives them. */
    public long[] toSortedArray() {
        long[][] parts = new long[STRIPES][];
        int total = 0;
        for (int s = 0; s < STRIPES; s++) {
            locks[s].lock();
            try {
                parts[s] = sets[s].toSortedArray();
            } finally {
                locks[s].unlock();
            }
            total += parts[s].length;
        }
        long[] all = new long[total];
        int n = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, n, part.length);
            n += part.length;
        }
        Arrays.sort(all);
        return all;
    }

    /** Replaces the contents; used when restoring saved stats at start. */
    public void replaceWith(long[] hashes) {
        for (int s = 0; s < STRIPES; s++) {
            locks[s].lock();
            try {
                sets[s].clear();
            } finally {
                locks[s].unlock();
            }
        }
        for (long h : hashes) {
            add(h);
        }
    }

    private static int stripe(long hash) {
        return (int) (LongHashSet.mix(hash) >>> (64 - STRIPE_BITS));
    }
}
