package dev.relayj.stats;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Delivery-to-acknowledgement times ({@code TimeBuckets} of the reference): their sum and maximum
 * in seconds, and how many fell in each bucket (bucket upper bound in seconds to count).
 */
public record TimeBucketsData(long sumTime, long maxTime, NavigableMap<Integer, Long> buckets) {
    public static final TimeBucketsData EMPTY = new TimeBucketsData(0, 0, new TreeMap<>());

    public TimeBucketsData {
        buckets = Collections.unmodifiableNavigableMap(new TreeMap<>(buckets));
    }
}
