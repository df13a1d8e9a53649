package dev.relayj.stats;

/**
 * One live {@link Counter} per constant of a counter enum, so that a server's counters are
 * declared once, by the enum, and copied, restored and reset by ordinal.
 */
final class CounterSet<E extends Enum<E>> {
    private final Counter[] counters;

    CounterSet(Class<E> type) {
        counters = new Counter[type.getEnumConstants().length];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = new Counter();
        }
    }

    Counter get(E counter) {
        return counters[counter.ordinal()];
    }

    long[] values() {
        long[] out = new long[counters.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = counters[i].get();
        }
        return out;
    }

    void restore(long[] values) {
        for (int i = 0; i < counters.length; i++) {
            counters[i].set(values[i]);
        }
    }
}
