package dev.relayj.stats;

/**
 * Counts taken from the queue store for the stats row and metrics (the reference's
 * {@code EntityCounts} in {@code Server/QueueStore/Types.hs}).
 */
public record EntityCounts(
        long queueCount,
        long notifierCount,
        long rcvServiceCount,
        long ntfServiceCount,
        long rcvServiceQueuesCount,
        long ntfServiceQueuesCount) {
    public static final EntityCounts ZERO = new EntityCounts(0, 0, 0, 0, 0, 0);
}
