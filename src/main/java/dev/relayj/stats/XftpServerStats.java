package dev.relayj.stats;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Live statistics of the XFTP server ({@code FileServerStats} in
 * {@code FileTransfer/Server/Stats.hs}), with its daily CSV row and state file.
 */
public final class XftpServerStats {
    private final AtomicReference<Instant> fromTime;
    public final Counter filesCreated = new Counter();
    public final Counter fileRecipients = new Counter();
    public final Counter filesUploaded = new Counter();
    public final Counter filesExpired = new Counter();
    public final Counter filesDeleted = new Counter();
    public final Counter filesBlocked = new Counter();
    /** Distinct files (by sender id) downloaded this day, week and month. */
    public final PeriodStats filesDownloaded = new PeriodStats();
    public final Counter fileDownloads = new Counter();
    public final Counter fileDownloadAcks = new Counter();
    public final Counter filesCount = new Counter();
    /** Bytes of stored files. */
    public final Counter filesSize = new Counter();

    public XftpServerStats(Instant fromTime) {
        this.fromTime = new AtomicReference<>(fromTime);
    }

    public Instant fromTime() {
        return fromTime.get();
    }

    public XftpServerStatsData snapshot() {
        return new XftpServerStatsData(fromTime.get(), filesCreated.get(), fileRecipients.get(), filesUploaded.get(),
                filesExpired.get(), filesDeleted.get(), filesBlocked.get(), filesDownloaded.snapshot(),
                fileDownloads.get(), fileDownloadAcks.get(), filesCount.get(), filesSize.get());
    }

    /** Sets every counter from saved data ({@code setFileServerStats}); used once at start. */
    public void restore(XftpServerStatsData d) {
        fromTime.set(d.fromTime());
        filesCreated.set(d.filesCreated());
        fileRecipients.set(d.fileRecipients());
        filesUploaded.set(d.filesUploaded());
        filesExpired.set(d.filesExpired());
        filesDeleted.set(d.filesDeleted());
        filesBlocked.set(d.filesBlocked());
        filesDownloaded.restore(d.filesDownloaded());
        fileDownloads.set(d.fileDownloads());
        fileDownloadAcks.set(d.fileDownloadAcks());
        filesCount.set(d.filesCount());
        filesSize.set(d.filesSize());
    }

    /**
     * The daily CSV row (without the newline) for a write at {@code now}, as {@code logServerStats}
     * in the reference's {@code FileTransfer/Server.hs}: 13 columns; it resets the period counters
     * ({@code filesBlocked} is neither written nor reset there).
     */
    public String csvRow(Instant now) {
        Instant from = fromTime.getAndSet(now);
        long filesCreated = this.filesCreated.getAndReset();
        long fileRecipients = this.fileRecipients.getAndReset();
        long filesUploaded = this.filesUploaded.getAndReset();
        long filesExpired = this.filesExpired.getAndReset();
        long filesDeleted = this.filesDeleted.getAndReset();
        PeriodStatCounts files = filesDownloaded.countsForRow(now);
        long fileDownloads = this.fileDownloads.getAndReset();
        long fileDownloadAcks = this.fileDownloadAcks.getAndReset();
        long filesCount = this.filesCount.get();
        long filesSize = this.filesSize.get();
        return String.join(",",
                UtcTimeText.formatDay(from),
                Long.toString(filesCreated),
                Long.toString(fileRecipients),
                Long.toString(filesUploaded),
                Long.toString(filesDeleted),
                files.day(),
                files.week(),
                files.month(),
                Long.toString(fileDownloads),
                Long.toString(fileDownloadAcks),
                Long.toString(filesCount),
                Long.toString(filesSize),
                Long.toString(filesExpired));
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
