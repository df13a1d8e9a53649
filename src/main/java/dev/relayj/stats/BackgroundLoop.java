package dev.relayj.stats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one virtual thread of a periodic stats writer: runs its loop once started, lets the loop
 * sleep in a way that {@link #close()} cuts short, and on close waits for the loop to finish
 * what it is writing.
 */
final class BackgroundLoop implements AutoCloseable {
    private final String threadName;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopping = lock.newCondition();
    private boolean closed;
    private Thread thread;

    BackgroundLoop(String threadName) {
        this.threadName = threadName;
    }

    void start(Runnable loop) {
        lock.lock();
        try {
            if (thread != null || closed) {
                throw new IllegalStateException(threadName + " already started or closed");
            }
            thread = Thread.ofVirtual().name(threadName).start(loop);
        } finally {
            lock.unlock();
        }
    }

    /** Waits until {@code due} by {@code clock}; false if closed meanwhile. */
    boolean sleepUntil(Clock clock, Instant due) {
        lock.lock();
        try {
            while (!closed) {
                long nanos = Duration.between(clock.instant(), due).toNanos();
                if (nanos <= 0) {
                    return true;
                }
                // re-read the clock at least every minute: it may jump (suspend, NTP) while we wait
                stopping.awaitNanos(Math.min(nanos, TimeUnit.MINUTES.toNanos(1)));
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Waits for {@code pause} of elapsed time; false if closed meanwhile. */
    boolean sleepFor(Duration pause) {
        lock.lock();
        try {
            long nanos = pause.toNanos();
            while (!closed && nanos > 0) {
                nanos = stopping.awaitNanos(nanos);
            }
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the loop and waits for it; a write in progress is finished first. */
    @Override
    public void close() {
        Thread t;
        lock.lock();
        try {
            closed = true;
            stopping.signalAll();
            t = thread;
        } finally {
            lock.unlock();
        }
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
