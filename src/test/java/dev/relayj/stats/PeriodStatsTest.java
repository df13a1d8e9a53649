package dev.relayj.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PeriodStatsTest {
    private static byte[] id(int n) {
        return ByteBuffer.allocate(24).putInt(20, n).array();
    }

    private static Instant midnight(String date) {
        return LocalDate.parse(date).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    @Test
    void dayRolloverThroughAWeekAndAMonth() {
        PeriodStats ps = new PeriodStats();
        // Wednesday 2024-01-31 .. Tuesday 2024-02-06; queue n is active on day n, queue 0 every day
        String[] days = {"2024-01-31", "2024-02-01", "2024-02-02", "2024-02-03", "2024-02-04", "2024-02-05",
            "2024-02-06"};
        PeriodStatCounts[] rows = new PeriodStatCounts[days.length];
        for (int i = 0; i < days.length; i++) {
            ps.update(id(0));
            ps.update(id(i + 1));
            ps.update(id(i + 1));
            // the row written at the next midnight covers this day
            Instant next = midnight(days[i]).plusSeconds(86400);
            rows[i] = ps.countsForRow(next);
        }
        // written on Thursday the 1st: month of January ends (queues 0, 1)
        assertEquals(new PeriodStatCounts("2", "", "2"), rows[0]);
        assertEquals(new PeriodStatCounts("2", "", ""), rows[1]);
        assertEquals(new PeriodStatCounts("2", "", ""), rows[3]);
        // written on Monday the 5th: the week ends with queues 0..5 (the week set began on the 31st)
        assertEquals(new PeriodStatCounts("2", "6", ""), rows[4]);
        assertEquals(new PeriodStatCounts("2", "", ""), rows[5]);
        // the month set holds queues 0 and 2..7 since the 1st
        assertEquals(7, ps.snapshot().month().length);
        assertEquals(3, ps.snapshot().week().length);
        assertEquals(0, ps.snapshot().day().length);
    }

    @Test
    void snapshotAndRestoreKeepTheSets() {
        PeriodStats ps = new PeriodStats();
        for (int i = 0; i < 5000; i++) {
            ps.update(id(i));
        }
        PeriodStats copy = new PeriodStats();
        copy.restore(ps.snapshot());
        assertEquals(ps.snapshot(), copy.snapshot());
        copy.update(id(42));
        assertEquals(new PeriodStatCounts("5000", "5000", "5000"), copy.snapshot().counts());
    }

    @Test
    void idHashIsHashable143OfTheBytes() {
        // values of Data.Hashable.hash (hashable-1.4.3.0, 64-bit) worked from its FNV-1 code
        assertEquals(-9115746252107565630L, IdHash.of(new byte[] {'a', 'b', 'c'}));
        assertEquals(5558979605539197941L, IdHash.of(new byte[0]));
        byte[] seq = new byte[24];
        for (int i = 0; i < seq.length; i++) {
            seq[i] = (byte) i;
        }
        assertEquals(2172784807584543549L, IdHash.of(seq));
    }
}
