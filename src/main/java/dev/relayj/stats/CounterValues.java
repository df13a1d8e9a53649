package dev.relayj.stats;

import java.util.Arrays;

/**
 * The values of every constant of a counter enum at one moment, by ordinal: what the saved data
 * of both servers holds of their plain counters.
 */
public final class CounterValues<E extends Enum<E>> {
    private final long[] values;

    CounterValues(Class<E> type, long[] values) {
        if (values.length != type.getEnumConstants().length) {
            throw new IllegalArgumentException("expected " + type.getEnumConstants().length + " counters");
        }
        this.values = values.clone();
    }

    public long get(E counter) {
        return values[counter.ordinal()];
    }

    long[] toArray() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CounterValues<?> v && Arrays.equals(values, v.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
