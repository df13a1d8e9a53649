package dev.relayj.stats;

import java.util.concurrent.atomic.AtomicLong;

/** One statistics counter (an {@code IORef Int} of the reference), safe to update from any thread. */
public final class Counter {
    private final AtomicLong value = new AtomicLong();

    public void increment() {
        value.incrementAndGet();
    }

    public void add(long delta) {
        value.addAndGet(delta);
    }

    public long get() {
        return value.get();
    }

    public void set(long v) {
        value.set(v);
    }

    /** Returns the value and starts a new period at zero ({@code atomicSwapIORef ref 0}). */
    public long getAndReset() {
        return value.getAndSet(0);
    }
}
