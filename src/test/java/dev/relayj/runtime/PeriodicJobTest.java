package dev.relayj.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicJobTest {
    @Test
    void runsEveryIntervalAndNotAfterClose() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch twice = new CountDownLatch(2);
        PeriodicJob job = PeriodicJob.every("test-every", Duration.ofMillis(5), () -> {
            runs.incrementAndGet();
            twice.countDown();
        });
        assertTrue(twice.await(10, TimeUnit.SECONDS));
        job.close();
        int afterClose = runs.get();
        Thread.sleep(50);
        assertEquals(afterClose, runs.get());
    }

    @Test
    void closeWaitsForARunningJobAndNeverInterruptsIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean interrupted = new AtomicBoolean();
        PeriodicJob job = PeriodicJob.every("test-join", Duration.ofMillis(1), () -> {
            if (started.getCount() == 0) {
                return;
            }
            started.countDown();
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            while (System.nanoTime() < until) {
                if (Thread.currentThread().isInterrupted()) {
                    interrupted.set(true);
                }
                Thread.onSpinWait();
            }
            finished.set(true);
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        job.close();
        assertTrue(finished.get(), "close returned before the run ended");
        assertFalse(interrupted.get());
    }

    @Test
    void aFailingRunDoesNotStopTheNextOnes() throws Exception {
        CountDownLatch runs = new CountDownLatch(3);
        try (PeriodicJob job = PeriodicJob.every("test-failing", Duration.ofMillis(1), () -> {
            runs.countDown();
            throw new IllegalStateException("expected in this test");
        })) {
            assertTrue(runs.await(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void onClockRunsAtTheFirstTimeAlreadyPassed() throws Exception {
        Instant now = Instant.parse("2024-01-15T00:00:00Z");
        CountDownLatch ran = new CountDownLatch(1);
        try (PeriodicJob job = PeriodicJob.onClock("test-clock", Clock.fixed(now, ZoneOffset.UTC), now.minusSeconds(1),
                Duration.ofDays(1), ran::countDown)) {
            assertTrue(ran.await(10, TimeUnit.SECONDS));
        }
    }
}
