package dev.relayj.stats;

import static dev.relayj.stats.XftpCounter.*;

import java.time.Instant;

/**
 * The XFTP metrics file ({@code xftp-server-metrics.txt}) in Prometheus text format, exactly as
 * {@code xftpPrometheusMetrics} in the reference's {@code FileTransfer/Server/Prometheus.hs}
 * writes it: each sample carries the recording time in epoch milliseconds, and a comment names
 * the counter it comes from (some HELP lines end in a space there, and here).
 */
public final class XftpPrometheusMetrics {
    /** The environment variable the info metric names for runtime options. */
    public static final String RTS_OPTIONS_ENV = "XFTP_RTS_OPTIONS";

    private XftpPrometheusMetrics() {}

    /**
     * @param version the server version shown in {@code simplex_xftp_info}
     * @param runtimeOptions shown as {@code rts_options}
     */
    public static String render(XftpServerStatsData d, Instant recordedAt, String version, String runtimeOptions) {
        String ts = " " + recordedAt.toEpochMilli();
        PeriodStatCounts downloaded = d.filesDownloaded().counts();
        StringBuilder sb = new StringBuilder(4096);
        sb.append("# Recorded at: ").append(UtcTimeText.format(recordedAt)).append('\n');
        sb.append("# Stats from: ").append(UtcTimeText.format(d.fromTime())).append('\n');
        sb.append('\n');
        sb.append("# Files\n# -----\n\n");
        metric(sb, "simplex_xftp_files_created", "Created files", "counter", d.get(FILES_CREATED) + ts, "filesCreated");
        metric(sb, "simplex_xftp_files_recipients", "Files recipients", "counter", d.get(FILE_RECIPIENTS) + ts,
                "fileRecipients");
        metric(sb, "simplex_xftp_files_uploaded", "Uploaded files", "counter", d.get(FILES_UPLOADED) + ts,
                "filesUploaded");
        metric(sb, "simplex_xftp_files_expired", "Expired files", "counter", d.get(FILES_EXPIRED) + ts, "filesExpired");
        metric(sb, "simplex_xftp_files_deleted", "Deleted files", "counter", d.get(FILES_DELETED) + ts, "filesDeleted");
        metric(sb, "simplex_xftp_files_blocked", "Blocked files", "counter", d.get(FILES_BLOCKED) + ts, "filesBlocked");
        metric(sb, "simplex_xftp_file_downloads", "File downloads", "counter", d.get(FILE_DOWNLOADS) + ts,
                "fileDownloads");
        metric(sb, "simplex_xftp_file_download_acks", "File download ACKs", "counter", d.get(FILE_DOWNLOAD_ACKS) + ts,
                "fileDownloadAcks");
        metric(sb, "simplex_xftp_files_count_total", "Total files count ", "gauge", d.get(FILES_COUNT) + ts,
                "filesCount");
        metric(sb, "simplex_xftp_files_size", "Size of files ", "gauge", d.get(FILES_SIZE) + ts, "filesSize ");
        metric(sb, "simplex_xftp_files_count_daily", "Daily files count", "gauge", downloaded.day() + ts,
                "filesDownloaded.dayCount");
        metric(sb, "simplex_xftp_files_count_weekly", "Weekly files count", "gauge", downloaded.week() + ts,
                "filesDownloaded.weekCount");
        metric(sb, "simplex_xftp_files_count_monthly", "Monthly files count", "gauge", downloaded.month() + ts,
                "filesDownloaded.monthCount");
        sb.append("# Info\n# ----\n\n");
        sb.append("# HELP simplex_xftp_info Server information. RTS options have to be passed via ")
                .append(RTS_OPTIONS_ENV).append(" env var\n");
        sb.append("# TYPE simplex_xftp_info gauge\n");
        sb.append("simplex_xftp_info{version=\"").append(version).append("\",rts_options=\"").append(runtimeOptions)
                .append("\"} 1\n\n");
        return sb.toString();
    }

    private static void metric(StringBuilder sb, String name, String help, String type, String sample, String source) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        sb.append(name).append(' ').append(sample).append('\n');
        sb.append("# ").append(source).append('\n');
        sb.append('\n');
    }
}
