package dev.relayj.stats;

/**
 * One live {@link Counter} per constant of a counter enum, so that a server's counters are
 * declared once, by the enum, and copied, restored and reset by ordinal.
 */
final class CounterSet<E extends Enum<E>> {
    private final Class<E> type;
    private final Counter[] counters;

    CounterSet(Class<E> type) {
        this.type = type;
        counters = new Counter[type.getEnumConstants().length];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = new Counter();
        }
    }

    Counter get(E counter) {
        return counters[counter.ordinal()];
    }

    CounterValues<E> snapshot() {
        long[] values = new long[counters.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = counters[i].get();
        }
        return new CounterValues<>(type, values);
    }

    void restore(CounterValues<E> saved) {
        long[] values = saved.toArray();
        for (int i = 0; i < counters.length; i++) {
            counters[i].set(values[i]);
        }
    }
}
