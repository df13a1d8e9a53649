package dev.relayj.stats;

import static dev.relayj.stats.XftpCounter.*;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XFTP stats against the reference: the state file of {@code instance StrEncoding
 * FileServerStatsData} (simplexmq {@code FileTransfer/Server/Stats.hs}) and the CSV columns of
 * {@code logServerStats} in {@code FileTransfer/Server.hs} (lines 284-299 at 92598c2).
 */
class XftpServerStatsTest {
    static final String CURRENT = """
            fromTime=2024-03-04T05:06:07.123456789Z
            filesCreated=1
            fileRecipients=2
            filesUploaded=3
            filesExpired=4
            filesDeleted=5
            filesBlocked=6
            filesCount=7
            filesSize=8589934592
            filesDownloaded:
            dayHashes=1,2
            weekHashes=1,2,3
            monthHashes=1,2,3,4
            fileDownloads=9
            fileDownloadAcks=10
            """;

    @Test
    void stateFileRoundTripsExactly() throws Exception {
        XftpServerStatsData d = XftpServerStatsData.parse(CURRENT);
        assertEquals(Instant.parse("2024-03-04T05:06:07.123456789Z"), d.fromTime());
        assertEquals(8589934592L, d.get(FILES_SIZE));
        assertEquals(6, d.get(FILES_BLOCKED));
        assertArrayEquals(new long[] {1, 2, 3}, d.filesDownloaded().week());
        assertEquals(CURRENT, d.encode());
    }

    @Test
    void readsOlderFilesWithoutLaterCounters() throws Exception {
        String old = """
                fromTime=2023-01-02T03:04:05Z
                filesCreated=1
                fileRecipients=2
                filesUploaded=3
                filesDeleted=5
                filesDownloaded:
                dayHashes=
                weekHashes=
                monthHashes=7
                fileDownloads=9
                fileDownloadAcks=10
                """;
        XftpServerStatsData d = XftpServerStatsData.parse(old);
        assertEquals(0, d.get(FILES_EXPIRED));
        assertEquals(0, d.get(FILES_BLOCKED));
        assertEquals(0, d.get(FILES_COUNT));
        assertEquals(5, d.get(FILES_DELETED));
        assertArrayEquals(new long[] {7}, d.filesDownloaded().month());
        assertEquals(10, d.get(FILE_DOWNLOAD_ACKS));

        assertThrows(StatsFormatException.class, () -> XftpServerStatsData.parse(old.replace("filesDownloaded:\n", "")));
    }

    @Test
    void csvRowsAsTheReferenceWritesThem(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("file-server-stats.log");
        Files.writeString(path, CURRENT);
        XftpServerStats s = new XftpServerStats(Instant.EPOCH);
        s.restoreFrom(new StatsStateFile(path));

        // Tuesday the 5th: day count only
        assertEquals("2024-03-04,1,2,3,5,2,,,9,10,7,8589934592,4", s.csvRow(Instant.parse("2024-03-05T00:00:00Z")));
        assertEquals(6, s.counter(FILES_BLOCKED).get()); // neither written nor reset
        // Monday the 1st of April: week and month counted and emptied
        assertEquals("2024-03-05,0,0,0,0,0,3,4,0,0,7,8589934592,0", s.csvRow(Instant.parse("2024-04-01T00:00:00Z")));
        s.filesDownloaded.update(new byte[] {1, 2, 3});
        assertEquals("2024-04-01,0,0,0,0,1,,,0,0,7,8589934592,0", s.csvRow(Instant.parse("2024-04-02T00:00:00Z")));
    }

    @Test
    void savesWhatItRestored(@TempDir Path dir) throws Exception {
        XftpServerStats s = new XftpServerStats(Instant.EPOCH);
        s.restore(XftpServerStatsData.parse(CURRENT));
        StatsStateFile file = new StatsStateFile(dir.resolve("file-server-stats.log"));
        s.saveTo(file);
        assertEquals(CURRENT, Files.readString(file.path()));
    }
}
