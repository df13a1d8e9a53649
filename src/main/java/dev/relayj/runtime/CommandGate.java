package dev.relayj.runtime;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Lets clients' commands run only while the relay is active, and lets shutdown wait for the
 * commands in flight before the stores close ({@code serverActive} in Server.hs): a SEND or an
 * upload answered OK is in the store that is then saved, and one that arrives during shutdown is
 * not processed at all, so it is never half done. Both relays stop through one.
 */
public final class CommandGate {
    private final AtomicBoolean active;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    public CommandGate(AtomicBoolean active) {
        this.active = active;
    }

    /** Enters for one block of commands; false once the relay stops (the caller then disconnects). */
    public boolean enter() {
        lock.readLock().lock();
        if (active.get()) {
            return true;
        }
        lock.readLock().unlock();
        return false;
    }

    public void exit() {
        lock.readLock().unlock();
    }

    /**
     * Marks the relay inactive and waits up to {@code timeout} for the commands in flight; returns
     * false if some were still running. Later {@link #enter()} calls fail.
     */
    public boolean closeAndDrain(Duration timeout) throws InterruptedException {
        active.set(false);
        if (lock.writeLock().tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            lock.writeLock().unlock();
            return true;
        }
        return false;
    }
}
