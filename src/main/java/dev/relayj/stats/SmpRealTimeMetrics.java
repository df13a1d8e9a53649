package dev.relayj.stats;

import java.util.List;

/**
 * What the SMP metrics take from the running server rather than from its counters
 * ({@code RealTimeMetrics} in the reference's {@code Server/Prometheus.hs}).
 *
 * @param deliveredTimes ages of messages delivered and not yet acknowledged
 */
public record SmpRealTimeMetrics(
        List<PortSockets> sockets,
        long threads,
        long clients,
        Subscribers delivered,
        TimeBucketsData deliveredTimes,
        Subscribers smpSubscribers,
        Subscribers ntfSubscribers,
        LoadedCounts loaded) {

    public SmpRealTimeMetrics {
        sockets = List.copyOf(sockets);
    }

    /** One listening port's socket counters ({@code SocketStats}). */
    public record PortSockets(String port, long accepted, long closed, long active, long leaked) {}

    /** {@code RTSubscriberMetrics}. */
    public record Subscribers(long subscriptions, long clients, long services) {}

    /** {@code LoadedQueueCounts}: for an in-memory store, all queues and notifiers, no journals or locks. */
    public record LoadedCounts(long queues, long notifiers, long openJournals, long queueLocks, long notifierLocks) {}
}
