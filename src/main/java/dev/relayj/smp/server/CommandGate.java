package dev.relayj.smp.server;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Lets client sessions process commands only while the relay is active, and lets shutdown wait for
 * the commands in flight before the stores close ({@code serverActive} in Server.hs): a SEND
 * answered OK is in the store that is then saved, and one that arrives during shutdown is not
 * processed at all, so it is never half done.
 */
final class CommandGate {
    private final AtomicBoolean active;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    CommandGate(AtomicBoolean active) {
        this.active = active;
    }

    /** Enters for one block of commands; false once the relay stops (the caller then disconnects). */
    boolean enter() {
        lock.readLock().lock();
        if (active.get()) {
            return true;
        }
        lock.readLock().unlock();
        return false;
    }

    void exit() {
        lock.readLock().unlock();
    }

    /**
     * Marks the relay inactive and waits up to {@code timeout} for the commands in flight; returns
     * false if some were still running. Later {@link #enter()} calls fail.
     */
    boolean closeAndDrain(Duration timeout) throws InterruptedException {
        active.set(false);
        if (lock.writeLock().tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            lock.writeLock().unlock();
            return true;
        }
        return false;
    }
}
