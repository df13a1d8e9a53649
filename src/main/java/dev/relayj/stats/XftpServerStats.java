package dev.relayj.stats;

import static dev.relayj.stats.XftpCounter.*;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Live statistics of the XFTP server ({@code FileServerStats} in
 * {@code FileTransfer/Server/Stats.hs}) — the plain counters declared by {@link XftpCounter} —
 * with its daily CSV row and state file.
 */
public final class XftpServerStats {
    private final AtomicReference<Instant> fromTime;
    private final CounterSet<XftpCounter> counters = new CounterSet<>(XftpCounter.class);
    /** Distinct files (by sender id) downloaded this day, week and month. */
    public final PeriodStats filesDownloaded = new PeriodStats();

    public XftpServerStats(Instant fromTime) {
        this.fromTime = new AtomicReference<>(fromTime);
    }

    public Instant fromTime() {
        return fromTime.get();
    }

    public Counter counter(XftpCounter counter) {
        return counters.get(counter);
    }

    public XftpServerStatsData snapshot() {
        return new XftpServerStatsData(fromTime.get(), counters.snapshot(), filesDownloaded.snapshot());
    }

    /** Sets every counter from saved data ({@code setFileServerStats}); used once at start. */
    public void restore(XftpServerStatsData d) {
        fromTime.set(d.fromTime());
        counters.restore(d.counters());
        filesDownloaded.restore(d.filesDownloaded());
    }

    /**
     * The daily CSV row (without the newline) for a write at {@code now}, as {@code logServerStats}
     * in the reference's {@code FileTransfer/Server.hs}: 13 columns; it resets the period counters
     * ({@code filesBlocked} is neither written nor reset there).
     */
    public String csvRow(Instant now) {
        Instant from = fromTime.getAndSet(now);
        long[] v = new long[XftpCounter.values().length];
        for (XftpCounter c : XftpCounter.values()) {
            v[c.ordinal()] = c.resetDaily() ? counters.get(c).getAndReset() : counters.get(c).get();
        }
        PeriodStatCounts files = filesDownloaded.countsForRow(now);
        return String.join(",",
                UtcTimeText.formatDay(from),
                Long.toString(v[FILES_CREATED.ordinal()]),
                Long.toString(v[FILE_RECIPIENTS.ordinal()]),
                Long.toString(v[FILES_UPLOADED.ordinal()]),
                Long.toString(v[FILES_DELETED.ordinal()]),
                files.day(),
                files.week(),
                files.month(),
                Long.toString(v[FILE_DOWNLOADS.ordinal()]),
                Long.toString(v[FILE_DOWNLOAD_ACKS.ordinal()]),
                Long.toString(v[FILES_COUNT.ordinal()]),
                Long.toString(v[FILES_SIZE.ordinal()]),
                Long.toString(v[FILES_EXPIRED.ordinal()]));
    }

    public void saveTo(StatsStateFile file) throws IOException {
        file.save(snapshot().encode());
    }

    /**
     * Restores from the state file if it exists, then renames it to {@code .bak}. The server then
     * sets {@code filesCount} and {@code filesSize} from its store, as the reference does.
     */
    public Optional<XftpServerStatsData> restoreFrom(StatsStateFile file) throws IOException, StatsFormatException {
        Optional<XftpServerStatsData> data = file.load(XftpServerStatsData::parse);
        if (data.isPresent()) {
            restore(data.get());
            file.archive();
        }
        return data;
    }
}
