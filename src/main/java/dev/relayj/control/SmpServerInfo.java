package dev.relayj.control;

import java.util.Optional;

/**
 * What {@code server-info} reports about an SMP server's clients and subscriptions (the
 * {@code CPServerInfo} case in {@code Server.hs}).
 *
 * @param clients connected clients
 * @param adminDetails counted over all clients, for admins only
 * @param smpSubscribers the server's SMP subscribers map
 * @param ntfSubscribers the server's notification subscribers map
 */
public record SmpServerInfo(
        int clients,
        Optional<AdminDetails> adminDetails,
        Subscribers smpSubscribers,
        Subscribers ntfSubscribers) {

    /** Lengths of clients' receive, send and message queues, summed. */
    public record QueueLengths(long rcvQ, long sndQ, long msgQ) {
        public static final QueueLengths ZERO = new QueueLengths(0, 0, 0);
    }

    /** SMP subscriptions by the state of their delivery. */
    public record SubscriptionStates(long noSub, long subPending, long subThread, long prohibitSub) {}

    /**
     * Counts taken client by client.
     *
     * @param clientQueues queue lengths over all clients
     * @param smpSubscribedClientQueues queue lengths over clients with SMP subscriptions
     * @param ntfSubscribedClientQueues queue lengths over clients with notifier subscriptions
     */
    public record AdminDetails(
            QueueLengths clientQueues,
            long smpSubscriptions,
            SubscriptionStates smpSubscriptionStates,
            long smpSubscribedClients,
            QueueLengths smpSubscribedClientQueues,
            long ntfSubscriptions,
            long ntfSubscribedClients,
            QueueLengths ntfSubscribedClientQueues) {}

    /**
     * One subscribers map.
     *
     * @param subscriptions queues with a subscriber entry
     * @param subscribedClientIds ids of the clients those entries point to
     * @param subClientIds ids in the map's own set of subscribed clients
     */
    public record Subscribers(long subscriptions, long[] subscribedClientIds, long[] subClientIds) {
        public Subscribers {
            subscribedClientIds = sortedDistinct(subscribedClientIds);
            subClientIds = sortedDistinct(subClientIds);
        }

        @Override
        public long[] subscribedClientIds() {
            return subscribedClientIds.clone();
        }

        @Override
        public long[] subClientIds() {
            return subClientIds.clone();
        }

        // the reference keeps these as IntSets, which list in ascending order
        private static long[] sortedDistinct(long[] ids) {
            return java.util.Arrays.stream(ids).sorted().distinct().toArray();
        }
    }
}
