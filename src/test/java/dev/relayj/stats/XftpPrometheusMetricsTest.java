package dev.relayj.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against {@code xftpPrometheusMetrics} in simplexmq {@code FileTransfer/Server/Prometheus.hs}. */
class XftpPrometheusMetricsTest {
    private static final String EXPECTED = """
            # Recorded at: 2024-03-05T10:00:00.5Z
            # Stats from: 2024-03-04T05:06:07.123456789Z

            # Files
            # -----

            # HELP simplex_xftp_files_created Created files
            # TYPE simplex_xftp_files_created counter
            simplex_xftp_files_created 1 1709632800500
            # filesCreated

            # HELP simplex_xftp_files_recipients Files recipients
            # TYPE simplex_xftp_files_recipients counter
            simplex_xftp_files_recipients 2 1709632800500
            # fileRecipients

            # HELP simplex_xftp_files_uploaded Uploaded files
            # TYPE simplex_xftp_files_uploaded counter
            simplex_xftp_files_uploaded 3 1709632800500
            # filesUploaded

            # HELP simplex_xftp_files_expired Expired files
            # TYPE simplex_xftp_files_expired counter
            simplex_xftp_files_expired 4 1709632800500
            # filesExpired

            # HELP simplex_xftp_files_deleted Deleted files
            # TYPE simplex_xftp_files_deleted counter
            simplex_xftp_files_deleted 5 1709632800500
            # filesDeleted

            # HELP simplex_xftp_files_blocked Blocked files
            # TYPE simplex_xftp_files_blocked counter
            simplex_xftp_files_blocked 6 1709632800500
            # filesBlocked

            # HELP simplex_xftp_file_downloads File downloads
            # TYPE simplex_xftp_file_downloads counter
            simplex_xftp_file_downloads 9 1709632800500
            # fileDownloads

            # HELP simplex_xftp_file_download_acks File download ACKs
            # TYPE simplex_xftp_file_download_acks counter
            simplex_xftp_file_download_acks 10 1709632800500
            # fileDownloadAcks

            # HELP simplex_xftp_files_count_total Total files count\s
            # TYPE simplex_xftp_files_count_total gauge
            simplex_xftp_files_count_total 7 1709632800500
            # filesCount

            # HELP simplex_xftp_files_size Size of files\s
            # TYPE simplex_xftp_files_size gauge
            simplex_xftp_files_size 8589934592 1709632800500
            # filesSize\s

            # HELP simplex_xftp_files_count_daily Daily files count
            # TYPE simplex_xftp_files_count_daily gauge
            simplex_xftp_files_count_daily 2 1709632800500
            # filesDownloaded.dayCount

            # HELP simplex_xftp_files_count_weekly Weekly files count
            # TYPE simplex_xftp_files_count_weekly gauge
            simplex_xftp_files_count_weekly 3 1709632800500
            # filesDownloaded.weekCount

            # HELP simplex_xftp_files_count_monthly Monthly files count
            # TYPE simplex_xftp_files_count_monthly gauge
            simplex_xftp_files_count_monthly 4 1709632800500
            # filesDownloaded.monthCount

            # Info
            # ----

            # HELP simplex_xftp_info Server information. RTS options have to be passed via XFTP_RTS_OPTIONS env var
            # TYPE simplex_xftp_info gauge
            simplex_xftp_info{version="6.4.0.0",rts_options="set XFTP_RTS_OPTIONS"} 1

            """;

    @Test
    void rendersTheReferenceText(@TempDir Path dir) throws Exception {
        XftpServerStatsData d = XftpServerStatsData.parse(XftpServerStatsTest.CURRENT);
        Instant at = Instant.parse("2024-03-05T10:00:00.5Z");
        assertEquals(EXPECTED, XftpPrometheusMetrics.render(d, at, "6.4.0.0", "set XFTP_RTS_OPTIONS"));

        Path file = dir.resolve("xftp-server-metrics.txt");
        try (MetricsFileWriter writer = new MetricsFileWriter(file, Clock.fixed(at, ZoneOffset.UTC), 60,
                now -> XftpPrometheusMetrics.render(d, now, "6.4.0.0", "set XFTP_RTS_OPTIONS"))) {
            writer.start();
            writer.writeNow();
        }
        assertEquals(EXPECTED, Files.readString(file));
    }
}
