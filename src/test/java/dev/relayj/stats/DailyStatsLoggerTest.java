package dev.relayj.stats;

import static dev.relayj.stats.SmpCounter.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DailyStatsLoggerTest {
    @Test
    void firstWriteIsAtTheConfiguredSecondOfTheUtcDay() {
        // initialDelay = startAt - seconds since midnight, plus a day when negative (Server.hs logServerStats)
        assertEquals(Instant.parse("2024-01-16T00:00:00Z"),
                DailyStatsLogger.firstWriteAt(Instant.parse("2024-01-15T13:45:10.7Z"), 0));
        assertEquals(Instant.parse("2024-01-15T14:00:00Z"),
                DailyStatsLogger.firstWriteAt(Instant.parse("2024-01-15T13:45:10.7Z"), 14 * 3600));
        assertEquals(Instant.parse("2024-01-15T13:45:10Z"),
                DailyStatsLogger.firstWriteAt(Instant.parse("2024-01-15T13:45:10.7Z"), 13 * 3600 + 45 * 60 + 10));
        assertEquals(Instant.parse("2024-01-15T00:00:00Z"),
                DailyStatsLogger.firstWriteAt(Instant.parse("2024-01-15T00:00:00Z"), 0));
    }

    @Test
    void writeNowAppendsRowsCreatingTheFile(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("smp-server-stats.daily.log");
        Clock clock = Clock.fixed(Instant.parse("2024-01-15T00:00:00Z"), ZoneOffset.UTC);
        SmpServerStats stats = new SmpServerStats(Instant.parse("2024-01-14T00:00:00Z"));
        stats.add(MSG_SENT, 5);
        try (DailyStatsLogger logger = new DailyStatsLogger(csv, clock, 0, 86400,
                now -> stats.csvRow(now, EntityCounts.ZERO))) {
            assertFalse(Files.exists(csv));
            logger.writeNow();
            stats.increment(MSG_SENT);
            logger.writeNow();
        }
        List<String> lines = Files.readAllLines(csv);
        assertEquals(2, lines.size());
        assertEquals("2024-01-14,0,0,0,5,0,0,0,", lines.get(0).substring(0, 25));
        assertEquals("2024-01-15,0,0,0,1,0,0,0,", lines.get(1).substring(0, 25));
        assertEquals(96, lines.get(1).split(",", -1).length);
    }

    @Test
    void scheduledThreadWritesWhenDueAndStopsOnClose(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("file-server-stats.daily.log");
        // the clock stands at the start time, so the first row is due at once
        Clock clock = Clock.fixed(Instant.parse("2024-01-15T06:00:00Z"), ZoneOffset.UTC);
        CountDownLatch written = new CountDownLatch(1);
        DailyStatsLogger logger = new DailyStatsLogger(csv, clock, 6 * 3600, 86400, now -> {
            written.countDown();
            return "row at " + now;
        });
        logger.start();
        assertEquals(true, written.await(10, TimeUnit.SECONDS));
        assertTimeoutPreemptively(Duration.ofSeconds(10), logger::close);
        assertEquals(List.of("row at 2024-01-15T06:00:00Z"), Files.readAllLines(csv));
    }

    @Test
    void closeWithoutADueRowWritesNothing(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("x.csv");
        Clock clock = Clock.fixed(Instant.parse("2024-01-15T06:00:01Z"), ZoneOffset.UTC);
        DailyStatsLogger logger = new DailyStatsLogger(csv, clock, 6 * 3600, 86400, now -> "row");
        logger.start();
        assertTimeoutPreemptively(Duration.ofSeconds(10), logger::close);
        assertFalse(Files.exists(csv));
    }
}
