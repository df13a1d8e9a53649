package dev.relayj.stats;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Rewrites the Prometheus metrics file every {@code prometheus_interval} seconds, the first time
 * one interval after start ({@code savePrometheusMetrics} in the reference). Each write replaces
 * the file whole, so a scraper never reads half of it. Owns one virtual thread, stopped by
 * {@link #close()}.
 */
public final class MetricsFileWriter implements AutoCloseable {
    private final Path file;
    private final Clock clock;
    private final Duration interval;
    private final Function<Instant, String> render;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopping = lock.newCondition();
    private boolean closed;
    private Thread thread;

    public MetricsFileWriter(Path file, Clock clock, long intervalSeconds, Function<Instant, String> render) {
        if (intervalSeconds <= 0) {
            throw new IllegalArgumentException("prometheus_interval must be positive: " + intervalSeconds);
        }
        this.file = file;
        this.clock = clock;
        this.interval = Duration.ofSeconds(intervalSeconds);
        this.render = render;
    }

    public void start() {
        lock.lock();
        try {
            if (thread != null || closed) {
                throw new IllegalStateException("metrics writer already started or closed");
            }
            thread = Thread.ofVirtual().name("metrics-file").start(this::run);
        } finally {
            lock.unlock();
        }
    }

    /** Writes the file now. */
    public void writeNow() throws IOException {
        AtomicTextFile.write(file, render.apply(clock.instant()));
    }

    private void run() {
        while (pause()) {
            try {
                writeNow();
            } catch (IOException e) {
                System.err.println("cannot write metrics to " + file + ": " + e.getMessage());
            }
        }
    }

    /** Waits one interval; false if closed meanwhile. */
    private boolean pause() {
        lock.lock();
        try {
            long nanos = interval.toNanos();
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
