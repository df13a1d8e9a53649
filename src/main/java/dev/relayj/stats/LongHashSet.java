package dev.relayj.stats;

import java.util.Arrays;

/**
 * A set of longs in one primitive array (open addressing, linear probing): an active-queue set of
 * a month can hold millions of ids, and boxing each one would cost several times the memory.
 * Not thread-safe; {@link IdHashSet} guards it.
 */
final class LongHashSet {
    private static final int MIN_CAPACITY = 16;

    /** Zero marks a free slot, so the value zero is held aside in {@link #hasZero}. */
    private long[] slots = new long[MIN_CAPACITY];
    private boolean hasZero;
    private int size;

    boolean add(long value) {
        if (value == 0) {
            if (hasZero) {
                return false;
            }
            hasZero = true;
            size++;
            return true;
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        if (!insert(slots, value)) {
            return false;
        }
        size++;
        return true;
    }

    boolean contains(long value) {
        if (value == 0) {
            return hasZero;
        }
        int mask = slots.length - 1;
        for (int i = slot(value, mask); ; i = (i + 1) & mask) {
            long v = slots[i];
            if (v == value) {
                return true;
            }
            if (v == 0) {
                return false;
            }
        }
    }

    int size() {
        return size;
    }

    void clear() {
        slots = new long[MIN_CAPACITY];
        hasZero = false;
        size = 0;
    }

    /** The elements in ascending (signed) order. */
    long[] toSortedArray() {
        long[] out = new long[size];
        int n = 0;
        if (hasZero) {
            out[n++] = 0;
        }
        for (long v : slots) {
            if (v != 0) {
                out[n++] = v;
            }
        }
        Arrays.sort(out);
        return out;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long v : slots) {
            if (v != 0) {
                insert(bigger, v);
            }
        }
        slots = bigger;
    }

    private static boolean insert(long[] table, long value) {
        int mask = table.length - 1;
        for (int i = slot(value, mask); ; i = (i + 1) & mask) {
            long v = table[i];
            if (v == value) {
                return false;
            }
            if (v == 0) {
                table[i] = value;
                return true;
            }
        }
    }

    static long mix(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    private static int slot(long value, int mask) {
        return (int) mix(value) & mask;
    }
}
