package dev.relayj.runtime;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A background job of a server, run on its own virtual thread until closed (the reference's
 * {@code forever (threadDelay ...)} threads). A failing run is logged and the next one still
 * happens. Closing wakes the thread from its wait and joins it; a run in progress is finished,
 * never interrupted, since an interrupt would close the files a job may be writing.
 */
public final class PeriodicJob implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PeriodicJob.class.getName());
    /** How long closing waits for a run in progress (a compaction of a large store may take a while). */
    private static final Duration JOIN_LIMIT = Duration.ofMinutes(1);

    /** One run of the job. */
    @FunctionalInterface
    public interface Job {
        void run() throws Exception;
    }

    /** When the next run is due, given when the last was due. */
    private interface Schedule {
        /** Waits for the next run; false once closed. */
        boolean awaitNext() throws InterruptedException;
    }

    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition closing = lock.newCondition();
    private boolean closed;
    private Thread thread;

    private PeriodicJob(String name) {
        this.name = name;
    }

    /** Runs {@code job} every {@code interval} of elapsed time, the first time one interval after now. */
    public static PeriodicJob every(String name, Duration interval, Job job) {
        PeriodicJob periodic = new PeriodicJob(name);
        periodic.start(() -> periodic.sleep(interval.toNanos()), job);
        return periodic;
    }

    /**
     * Runs {@code job} at {@code first} and then every {@code interval} by {@code clock}; runs that
     * a suspended machine missed are skipped, not made up.
     */
    public static PeriodicJob onClock(String name, Clock clock, Instant first, Duration interval, Job job) {
        PeriodicJob periodic = new PeriodicJob(name);
        Instant[] next = {first};
        boolean[] ran = {false};
        periodic.start(() -> {
            if (ran[0]) {
                next[0] = next[0].plus(interval);
                Instant now = clock.instant();
                while (!next[0].isAfter(now)) {
                    next[0] = next[0].plus(interval);
                }
            }
            ran[0] = true;
            return periodic.sleepUntil(clock, next[0]);
        }, job);
        return periodic;
    }

    private void start(Schedule schedule, Job job) {
        thread = Thread.ofVirtual().name(name).start(() -> {
            try {
                while (schedule.awaitNext()) {
                    try {
                        job.run();
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        LOG.log(Level.ERROR, name + ": " + e.getMessage());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private boolean sleep(long nanos) throws InterruptedException {
        lock.lock();
        try {
            while (!closed && nanos > 0) {
                nanos = closing.awaitNanos(nanos);
            }
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    private boolean sleepUntil(Clock clock, Instant due) throws InterruptedException {
        lock.lock();
        try {
            while (!closed) {
                long nanos = Duration.between(clock.instant(), due).toNanos();
                if (nanos <= 0) {
                    return true;
                }
                // re-read the clock at least every minute: it may jump (suspend, NTP) while we wait
                closing.awaitNanos(Math.min(nanos, TimeUnit.MINUTES.toNanos(1)));
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the job and waits for a run in progress to finish. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            closing.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(JOIN_LIMIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
