package dev.relayj.smp.client;

import java.time.Duration;

/**
 * How long a failed connection to a relay is remembered before the next attempt. The reference keeps
 * the error for a fixed 30 s ({@code persistErrorInterval}); here the wait starts there and doubles
 * with each further failure up to {@code max}, so a relay that stays down costs one attempt per
 * {@code max}, never a tight loop, while callers meanwhile get the remembered error at once.
 */
public record RetryPolicy(Duration initial, Duration max) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(5));

    public RetryPolicy {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry waits must be positive and max at least initial");
        }
    }

    /** The wait after this many failures in a row (1 or more). */
    public Duration delayAfter(int failures) {
        Duration delay = initial;
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
