package dev.relayj.web;

import dev.relayj.runtime.Deadlines;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Closes a connection's transport when it has been idle or slow past a deadline. Blocking reads on
 * a TLS stream have no timeout of their own, so closing the transport is what ends a read that
 * waits for a client that went silent. The deadline waits in the shared {@link Deadlines};
 * {@link #close()} disarms it.
 */
final class ConnectionDeadline implements AutoCloseable {
    private final Closeable transport;
    private final ReentrantLock lock = new ReentrantLock();
    private Future<?> pending;
    /** Counts the arms, so that a deadline that fires after being re-armed knows it is stale. */
    private long armed;
    private boolean stopped;
    private volatile boolean expired;

    ConnectionDeadline(Closeable transport) {
        this.transport = transport;
    }

    /** Closes the transport if the deadline is not armed again within {@code timeout}. */
    void arm(Duration timeout) {
        lock.lock();
        try {
            if (stopped) {
                return;
            }
            if (pending != null) {
                pending.cancel(false);
            }
            long current = ++armed;
            pending = Deadlines.after(timeout, () -> pass(current));
        } finally {
            lock.unlock();
        }
    }

    /** Whether the transport was closed because the deadline passed. */
    boolean expired() {
        return expired;
    }

    private void pass(long arm) {
        lock.lock();
        try {
            if (stopped || arm != armed) {
                return;
            }
            stopped = true;
            expired = true;
        } finally {
            lock.unlock();
        }
        try {
            transport.close();
        } catch (IOException e) {
            // closing is all we wanted; the connection's own thread sees the failure
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            stopped = true;
            if (pending != null) {
                pending.cancel(false);
            }
        } finally {
            lock.unlock();
        }
    }
}
