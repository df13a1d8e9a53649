package dev.relayj.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeadlinesTest {
    @Test
    void aDeadlineRunsItsActionOnAThreadOfItsOwn() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // a blocking action does not hold up the next deadline
        Deadlines.after(Duration.ofMillis(1), () -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Deadlines.after(Duration.ofMillis(2), ran::countDown);
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        release.countDown();
    }

    @Test
    void aCancelledDeadlineNeverRuns() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        Future<?> deadline = Deadlines.after(Duration.ofMillis(200), ran::countDown);
        assertTrue(deadline.cancel(false));
        assertFalse(ran.await(400, TimeUnit.MILLISECONDS));
    }
}
