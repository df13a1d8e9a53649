package dev.relayj.runtime;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one deadline scheduler of the process: TLS setup and close deadlines, upload deadlines and
 * the web site's idle deadlines all wait here. A single daemon thread keeps the timers; each action
 * that comes due runs on a virtual thread of its own, so an action that blocks (closing a TLS
 * connection whose peer stopped reading) never delays another deadline.
 */
public final class Deadlines {
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private Deadlines() {}

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "deadlines");
            thread.setDaemon(true);
            return thread;
        });
        // cancelled deadlines (most of them: the work finished in time) leave the queue at once
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /**
     * Runs {@code action} once {@code delay} has passed, unless the returned future is cancelled
     * first. An action already handed to its thread still runs: callers that re-arm check in the
     * action whether it is still the current one.
     */
    public static Future<?> after(Duration delay, Runnable action) {
        return TIMER.schedule(() -> {
            Thread.ofVirtual().name("deadline").start(action);
        }, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }
}
