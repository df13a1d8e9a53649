package dev.relayj.xftp.server;

import dev.relayj.runtime.Deadlines;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds the time of an upload ({@code fileTimeout}, 5 minutes for a 4 MB chunk in
 * {@code FileTransfer/Server/Main.hs}): when it passes, the receiving thread is interrupted, which
 * ends its blocking read of the request body. Closing disarms it and clears an interrupt it may
 * have delivered, so the thread can still answer {@code TIMEOUT}. The deadline waits in the
 * shared {@link Deadlines}.
 */
final class UploadDeadline implements AutoCloseable {
    private final ReentrantLock lock = new ReentrantLock();
    private final Thread owner = Thread.currentThread();
    private final Future<?> pending;
    private boolean armed = true;
    private boolean expired;

    UploadDeadline(Duration timeout) {
        pending = Deadlines.after(timeout, this::pass);
    }

    private void pass() {
        lock.lock();
        try {
            if (armed) {
                expired = true;
                owner.interrupt();
            }
        } finally {
            lock.unlock();
        }
    }

    boolean expired() {
        lock.lock();
        try {
            return expired;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            armed = false;
        } finally {
            lock.unlock();
        }
        pending.cancel(false);
        Thread.interrupted();
    }
}
