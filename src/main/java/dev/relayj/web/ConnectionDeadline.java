package dev.relayj.web;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Closes a connection's transport when it has been idle or slow past a deadline. Blocking reads on
 * a TLS stream have no timeout of their own, so closing the transport is what ends a read that
 * waits for a client that went silent. One virtual thread per connection waits for the deadline;
 * {@link #close()} stops it.
 */
final class ConnectionDeadline implements AutoCloseable {
    private final Closeable transport;
    private final Thread watcher;
    /** System.nanoTime() at which to close, valid while {@link #armed}. */
    private volatile long deadline;
    private volatile boolean armed;
    private volatile boolean stopped;
    private volatile boolean expired;

    ConnectionDeadline(Closeable transport) {
        this.transport = transport;
        this.watcher = Thread.ofVirtual().name("web-deadline").start(this::watch);
    }

    /** Closes the transport if the deadline is not armed again within {@code timeout}. */
    void arm(Duration timeout) {
        deadline = System.nanoTime() + timeout.toNanos();
        armed = true;
        LockSupport.unpark(watcher);
    }

    /** Whether the transport was closed because the deadline passed. */
    boolean expired() {
        return expired;
    }

    private void watch() {
        while (!stopped) {
            if (!armed) {
                LockSupport.park(this);
                continue;
            }
            long wait = deadline - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue;
            }
            expired = true;
            try {
                transport.close();
            } catch (IOException e) {
                // closing is all we wanted; the connection's own thread sees the failure
            }
            return;
        }
    }

    @Override
    public void close() {
        stopped = true;
        LockSupport.unpark(watcher);
    }
}
