package dev.relayj.smp.server;

import static dev.relayj.stats.SmpCounter.*;

import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.protocol.EntityId;
import dev.relayj.stats.SmpServerStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Which client is subscribed to each queue, for messages or for notifications
 * ({@code ServerSubscribers} and {@code serverThread} in Server.hs). One client per queue: a new
 * subscription takes the queue from the previous client, which gets END; a deleted queue gives its
 * subscriber DELD. As in the reference, these events wait in {@link #flushPendingEvents} for the
 * next round ({@code pendingENDInterval}) so that many are sent in one batch.
 */
final class Subscribers {
    /** Which of a client's subscription maps this registry mirrors. */
    enum Kind { MESSAGES, NOTIFICATIONS }

    private final Kind kind;
    private final ConcurrentHashMap<EntityId, ClientSession> queueSubscribers = new ConcurrentHashMap<>();
    private final Set<Long> subClients = ConcurrentHashMap.newKeySet();
    /** Clients subscribed through a service, which the reference also keeps in {@code subClients}. */
    private final Set<Long> serviceClients = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}. */
    private Map<ClientSession, List<Reply>> pendingEvents = new LinkedHashMap<>();

    Subscribers(Kind kind) {
        this.kind = kind;
    }

    ClientSession subscriber(EntityId queueId) {
        return queueSubscribers.get(queueId);
    }

    /** Whether the client has any subscription here ({@code subClients}). */
    boolean hasSubscriptions(ClientSession client) {
        return subClients.contains(client.id()) || serviceClients.contains(client.id());
    }

    /**
     * The client subscribed through a service ({@link ServiceSubscribers}); as in the reference it
     * counts as subscribed until it disconnects, even after its service subscription moved on.
     */
    void serviceSubscribed(ClientSession client) {
        if (client.connected()) {
            serviceClients.add(client.id());
        }
    }

    /** A copy of the queue → subscriber map. */
    Map<EntityId, ClientSession> entries() {
        return Map.copyOf(queueSubscribers);
    }

    Set<Long> subscribedClientIds() {
        return Set.copyOf(subClients);
    }

    /**
     * {@code CSClient}: the client subscribes; a different previous subscriber gets END. Only that
     * case takes the registry's lock: a storm of re-subscriptions after a network blip finds the
     * queues free (their old clients are gone) and runs without any lock shared between clients.
     */
    void subscribe(EntityId queueId, ClientSession client) {
        if (!client.connected()) {
            lock.lock();
            try {
                endPrevious(queueId, queueSubscribers.remove(queueId), client, BrokerMessage.END);
            } finally {
                lock.unlock();
            }
            return;
        }
        subClients.add(client.id());
        ClientSession previous = queueSubscribers.put(queueId, client);
        if (previous == null || previous == client || !previous.connected()) {
            return;
        }
        lock.lock();
        try {
            endPrevious(queueId, previous, client, BrokerMessage.END);
        } finally {
            lock.unlock();
        }
    }

    /** {@code CSDeleted}: the queue (or notifier) is gone; a subscriber other than the client gets DELD. */
    void deleted(EntityId queueId, ClientSession client) {
        lock.lock();
        try {
            endPrevious(queueId, queueSubscribers.remove(queueId), client, BrokerMessage.DELD);
            removeWhenNoSubscriptions(client);
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code endQueueSub} with END: the queue is now subscribed through a service, so its subscriber
     * other than the client loses it.
     */
    void unsubscribed(EntityId queueId, ClientSession client) {
        lock.lock();
        try {
            endPrevious(queueId, queueSubscribers.remove(queueId), client, BrokerMessage.END);
        } finally {
            lock.unlock();
        }
    }

    /** An event for the next round of {@link #flushPendingEvents}, as ENDS of service subscriptions. */
    void addPendingEvent(ClientSession client, Reply event) {
        lock.lock();
        try {
            pendingEvents.computeIfAbsent(client, c -> new ArrayList<>()).add(event);
        } finally {
            lock.unlock();
        }
    }

    /** A disconnected client's subscriptions go ({@code clientDisconnected}). */
    void clientDisconnected(ClientSession client, Set<EntityId> queueIds) {
        lock.lock();
        try {
            for (EntityId queueId : queueIds) {
                queueSubscribers.remove(queueId, client);
            }
            subClients.remove(client.id());
            serviceClients.remove(client.id());
            pendingEvents.remove(client);
        } finally {
            lock.unlock();
        }
    }

    /** Caller holds the lock. */
    private void endPrevious(EntityId queueId, ClientSession previous, ClientSession client, BrokerMessage event) {
        if (previous == null || previous == client || !previous.connected()) {
            return;
        }
        pendingEvents.computeIfAbsent(previous, c -> new ArrayList<>()).add(Reply.event(queueId, event));
        previous.endSubscription(kind, queueId);
        removeWhenNoSubscriptions(previous);
    }

    /**
     * Caller holds the lock. The client may be subscribing to another queue meanwhile without the
     * lock (it adds to its own map first, then to {@code subClients}), hence the second look.
     */
    private void removeWhenNoSubscriptions(ClientSession client) {
        if (!client.hasSubscriptions(kind)) {
            subClients.remove(client.id());
            if (client.hasSubscriptions(kind)) {
                subClients.add(client.id());
            }
        }
    }

    /**
     * Sends the waiting END and DELD events ({@code sendPendingEvtsThread}); a client whose send
     * queue is full gets them from a thread of its own once there is room.
     */
    void flushPendingEvents(SmpServerStats stats) {
        Map<ClientSession, List<Reply>> pending;
        lock.lock();
        try {
            if (pendingEvents.isEmpty()) {
                return;
            }
            pending = pendingEvents;
            pendingEvents = new LinkedHashMap<>();
        } finally {
            lock.unlock();
        }
        pending.forEach((client, events) -> {
            if (client.connected()) {
                Outgoing outgoing = Outgoing.of(events);
                Runnable counted = () -> {
                    stats.add(Q_SUB_END, events.size());
                    stats.add(Q_SUB_END_B, events.size() / 255 + 1);
                };
                if (client.offer(outgoing)) {
                    counted.run();
                } else {
                    client.forkSend(outgoing, counted);
                }
            }
        });
    }
}
