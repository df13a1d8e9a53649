package dev.relayj.smp.server;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A background job of the relay run every interval on a virtual thread until closed (the
 * reference's {@code forever (threadDelay ...)} threads); a failing run is logged and the next one
 * still happens. Closing waits for a running job instead of interrupting it, since an interrupt
 * would close the files a job may be writing.
 */
final class PeriodicTask implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PeriodicTask.class.getName());

    @FunctionalInterface
    interface Job {
        void run() throws Exception;
    }

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;

    private PeriodicTask(String name, Duration interval, Job job) {
        thread = Thread.ofVirtual().name(name).start(() -> {
            try {
                while (!stopped.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
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

    static PeriodicTask start(String name, Duration interval, Job job) {
        return new PeriodicTask(name, interval, job);
    }

    @Override
    public void close() {
        stopped.countDown();
        try {
            thread.join(Duration.ofMinutes(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
