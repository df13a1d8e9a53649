package dev.relayj.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code iso8601Show} and {@code iso8601ParseM} of {@code UTCTime}, as the reference uses them. */
class UtcTimeTextTest {
    @Test
    void formatsWithoutTrailingZerosInTheFraction() {
        assertEquals("2024-01-14T10:20:30Z", UtcTimeText.format(Instant.parse("2024-01-14T10:20:30Z")));
        assertEquals("2024-01-14T10:20:30.5Z", UtcTimeText.format(Instant.parse("2024-01-14T10:20:30.500Z")));
        assertEquals("2024-01-14T00:00:00.123456789Z",
                UtcTimeText.format(Instant.parse("2024-01-14T00:00:00.123456789Z")));
        assertEquals("2024-01-14", UtcTimeText.formatDay(Instant.parse("2024-01-14T23:59:59.9Z")));
    }

    @Test
    void parsesAnyFractionLength() throws Exception {
        assertEquals(Instant.parse("2024-01-14T10:20:30Z"), UtcTimeText.parse("2024-01-14T10:20:30Z"));
        assertEquals(Instant.parse("2024-01-14T10:20:30.1Z"), UtcTimeText.parse("2024-01-14T10:20:30.1Z"));
        // picoseconds are kept by the reference; nanoseconds here
        assertEquals(Instant.parse("2024-01-14T10:20:30.123456789Z"),
                UtcTimeText.parse("2024-01-14T10:20:30.123456789012Z"));
    }

    @Test
    void rejectsOtherForms() {
        for (String bad : new String[] {"", "2024-01-14", "2024-01-14 10:20:30Z", "2024-01-14T10:20:30",
            "2024-01-14T10:20:30.Z", "2024-01-14T25:20:30Z", "2024-01-14T10:20:30.1aZ"}) {
            assertThrows(StatsFormatException.class, () -> UtcTimeText.parse(bad), bad);
        }
    }
}
