package dev.relayj.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@code updateTimeBuckets} in simplexmq {@code Server/Stats.hs}: buckets round up. */
class TimeBucketsTest {
    @Test
    void bucketsAndTotals() {
        TimeBuckets tb = new TimeBuckets();
        long[] delays = {0, 5, 6, 30, 31, 60, 61, 180, 181, 3601};
        for (long d : delays) {
            tb.record(1000, 1000 + d);
        }
        TimeBucketsData data = tb.snapshot();
        assertEquals(new TreeMap<>(Map.of(0, 1L, 5, 1L, 10, 1L, 30, 1L, 40, 1L, 60, 1L, 90, 1L, 180, 1L, 240, 1L,
                3660, 1L)), data.buckets());
        assertEquals(0 + 5 + 6 + 30 + 31 + 60 + 61 + 180 + 181 + 3601, data.sumTime());
        assertEquals(3601, data.maxTime());
    }
}
