package dev.relayj.stats;

import dev.relayj.runtime.PeriodicJob;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    private static final System.Logger LOG = System.getLogger(MetricsFileWriter.class.getName());
    private PeriodicJob job;

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
        job = PeriodicJob.every("metrics-file", interval, this::writeFile);
    }

    /** Writes the file now. */
    public void writeNow() throws IOException {
        AtomicTextFile.write(file, render.apply(clock.instant()));
    }

    private void writeFile() {
        try {
            writeNow();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot write metrics to " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (job != null) {
            job.close();
        }
    }
}
