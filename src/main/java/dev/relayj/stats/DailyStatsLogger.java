package dev.relayj.stats;

import dev.relayj.runtime.PeriodicJob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Appends a stats row to the daily CSV ({@code smp-server-stats.daily.log},
 * {@code file-server-stats.daily.log}) on a schedule, as {@code logServerStats} does in the
 * reference: the first row at {@code logStatsStartTime} seconds after 00:00 UTC (today if that
 * time is still ahead, else tomorrow), then every {@code logStatsInterval} seconds (86400).
 * Rows come from {@code rowAt}, which also ends the stats period (see
 * {@link SmpServerStats#csvRow}). Owns one virtual thread, stopped by {@link #close()}.
 */
public final class DailyStatsLogger implements AutoCloseable {
    /** {@code logStatsInterval} of the reference's INI defaults ({@code Server/Main.hs}). */
    public static final long DEFAULT_INTERVAL_SECONDS = 86400;
    /** {@code logStatsStartTime}: midnight UTC. */
    public static final long DEFAULT_START_SECOND_OF_DAY = 0;

    private final Path csvFile;
    private final Clock clock;
    private final long startSecondOfDay;
    private final Duration interval;
    private final Function<Instant, String> rowAt;
    private static final System.Logger LOG = System.getLogger(DailyStatsLogger.class.getName());
    private PeriodicJob job;
    private final ReentrantLock writeLock = new ReentrantLock();

    public DailyStatsLogger(
            Path csvFile, Clock clock, long startSecondOfDay, long intervalSeconds, Function<Instant, String> rowAt) {
        if (intervalSeconds <= 0) {
            throw new IllegalArgumentException("stats log interval must be positive: " + intervalSeconds);
        }
        this.csvFile = csvFile;
        this.clock = clock;
        this.startSecondOfDay = startSecondOfDay;
        this.interval = Duration.ofSeconds(intervalSeconds);
        this.rowAt = rowAt;
    }

    public Path csvFile() {
        return csvFile;
    }

    /**
     * When the first row is due after {@code now}: the reference computes
     * {@code startAt - (whole seconds since 00:00 UTC)} and adds a day when that is negative, so a
     * start time equal to the current second writes at once.
     */
    public static Instant firstWriteAt(Instant now, long startSecondOfDay) {
        long secondOfDay = LocalTime.ofInstant(now, ZoneOffset.UTC).toSecondOfDay();
        long delay = startSecondOfDay - secondOfDay;
        if (delay < 0) {
            delay += 86400;
        }
        return now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(delay);
    }

    /** Starts the writing thread. */
    public void start() {
        job = PeriodicJob.onClock("stats-log", clock, firstWriteAt(clock.instant(), startSecondOfDay), interval,
                this::writeRow);
    }

    /** Appends one row for the current time now (the scheduled thread calls this too). */
    public void writeNow() throws IOException {
        writeLock.lock();
        try {
            String row = rowAt.apply(clock.instant());
            Files.writeString(csvFile, row + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } finally {
            writeLock.unlock();
        }
    }

    private void writeRow() {
        try {
            writeNow();
        } catch (IOException e) {
            // a full disk must not stop the server; the next period tries again
            LOG.log(System.Logger.Level.ERROR, "cannot write server stats to " + csvFile + ": " + e.getMessage());
        }
    }

    /** Stops the thread and waits for it; a row being written is finished first. */
    @Override
    public void close() {
        if (job != null) {
            job.close();
        }
    }
}
