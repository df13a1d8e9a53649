package dev.relayj.stats;

import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/** Live {@link TimeBucketsData}, updated per acknowledged message ({@code updateTimeBuckets}). */
public final class TimeBuckets {
    private final ReentrantLock lock = new ReentrantLock();
    private final TreeMap<Integer, Long> buckets = new TreeMap<>();
    private long sumTime;
    private long maxTime;

    /** Records a message delivered at {@code deliverySeconds} and acknowledged at {@code nowSeconds}. */
    public void record(long deliverySeconds, long nowSeconds) {
        long t = nowSeconds - deliverySeconds;
        int bucket = bucketOf(t);
        lock.lock();
        try {
            sumTime += t;
            maxTime = Math.max(maxTime, t);
            buckets.merge(bucket, 1L, Long::sum);
        } finally {
            lock.unlock();
        }
    }

    public TimeBucketsData snapshot() {
        lock.lock();
        try {
            return new TimeBucketsData(sumTime, maxTime, buckets);
        } finally {
            lock.unlock();
        }
    }

    public void clear() {
        lock.lock();
        try {
            buckets.clear();
            sumTime = 0;
            maxTime = 0;
        } finally {
            lock.unlock();
        }
    }

    /** Exact seconds up to 5, then rounded up to 5, 10, 30 and 60 second steps. */
    static int bucketOf(long t) {
        if (t <= 5) {
            return (int) t;
        } else if (t <= 30) {
            return roundUp(t, 5);
        } else if (t <= 60) {
            return roundUp(t, 10);
        } else if (t <= 180) {
            return roundUp(t, 30);
        } else {
            return roundUp(t, 60);
        }
    }

    private static int roundUp(long n, long m) {
        return (int) (-Math.floorDiv(-n, m) * m);
    }
}
