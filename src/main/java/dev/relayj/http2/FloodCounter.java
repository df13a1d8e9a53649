package dev.relayj.http2;

/**
 * Counts events of one kind in fixed windows of time; tells when a window holds more than the
 * limit. Used by the connection's reader thread only.
 */
final class FloodCounter {
    private final int limit;
    private final long windowNanos;
    private long windowStart;
    private int count;

    FloodCounter(int limit, long windowNanos, long now) {
        this.limit = limit;
        this.windowNanos = windowNanos;
        this.windowStart = now;
    }

    /** Counts one event at {@code now}; true when it is one too many. */
    boolean tooMany(long now) {
        if (now - windowStart >= windowNanos) {
            windowStart = now;
            count = 0;
        }
        return ++count > limit;
    }
}
