package dev.relayj.stats;

/**
 * The plain counters of the XFTP server ({@code FileServerStats} in the reference's
 * {@code FileTransfer/Server/Stats.hs}), declared once: each has its state-file key, whether an
 * older state file may lack it, where the file keeps it, and whether the daily CSV row resets it.
 * The declaration order is the state file's order; the CSV columns ({@link XftpServerStats#csvRow})
 * and the metrics ({@link XftpPrometheusMetrics}) name these constants in the reference's orders.
 */
public enum XftpCounter {
    FILES_CREATED("filesCreated", Saved.REQUIRED, true),
    FILE_RECIPIENTS("fileRecipients", Saved.REQUIRED, true),
    FILES_UPLOADED("filesUploaded", Saved.REQUIRED, true),
    FILES_EXPIRED("filesExpired", Saved.OPTIONAL, true),
    FILES_DELETED("filesDeleted", Saved.REQUIRED, true),
    /** Neither written to the daily row nor reset by it, as in the reference. */
    FILES_BLOCKED("filesBlocked", Saved.OPTIONAL, false),
    /** Recounted from the store at start. */
    FILES_COUNT("filesCount", Saved.OPTIONAL, false),
    /** Bytes of stored files; recounted from the store at start. */
    FILES_SIZE("filesSize", Saved.OPTIONAL, false),
    FILE_DOWNLOADS("fileDownloads", Saved.REQUIRED_AFTER_DOWNLOADED, true),
    FILE_DOWNLOAD_ACKS("fileDownloadAcks", Saved.REQUIRED_AFTER_DOWNLOADED, true);

    /** Where the state file keeps a counter, and whether an older file may lack it (then it reads as 0). */
    enum Saved {
        REQUIRED,
        OPTIONAL,
        /** After the {@code filesDownloaded:} sets. */
        REQUIRED_AFTER_DOWNLOADED
    }

    private final String key;
    private final Saved saved;
    private final boolean resetDaily;

    XftpCounter(String key, Saved saved, boolean resetDaily) {
        this.key = key;
        this.saved = saved;
        this.resetDaily = resetDaily;
    }

    /** The name in the state file and in the reference ({@code filesCreated}). */
    public String key() {
        return key;
    }

    Saved saved() {
        return saved;
    }

    boolean resetDaily() {
        return resetDaily;
    }
}
