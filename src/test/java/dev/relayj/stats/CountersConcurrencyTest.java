package dev.relayj.stats;

import static dev.relayj.stats.SmpCounter.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CountersConcurrencyTest {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 20_000;

    @Test
    void concurrentUpdatesAreNeitherLostNorDoubled() throws Exception {
        SmpServerStats stats = new SmpServerStats(Instant.parse("2024-01-14T00:00:00Z"));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < PER_THREAD; i++) {
                        stats.increment(MSG_SENT);
                        stats.pMsgFwds.requests.increment();
                        // every thread touches the same 1000 queues
                        stats.activeQueues.update(ByteBuffer.allocate(24).putInt(0, i % 1000).array());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        assertEquals(THREADS * PER_THREAD, stats.counter(MSG_SENT).get());
        assertEquals(THREADS * PER_THREAD, stats.pMsgFwds.requests.get());
        assertEquals(1000, stats.activeQueues.snapshot().day().length);
    }

    @Test
    void rowsTakenWhileCountingAddUpToAllIncrements() throws Exception {
        SmpServerStats stats = new SmpServerStats(Instant.parse("2024-01-14T00:00:00Z"));
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 100_000; i++) {
                stats.increment(MSG_RECV);
            }
        });
        long total = 0;
        Instant now = Instant.parse("2024-01-16T00:00:00Z");
        while (writer.isAlive()) {
            total += Long.parseLong(stats.csvRow(now, EntityCounts.ZERO).split(",")[5]);
        }
        writer.join(10_000);
        total += Long.parseLong(stats.csvRow(now, EntityCounts.ZERO).split(",")[5]);
        assertEquals(100_000, total);
    }
}
