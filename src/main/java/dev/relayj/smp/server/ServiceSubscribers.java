package dev.relayj.smp.server;

import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.protocol.EntityId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Which client holds each service's subscription (one instance for messages, one for notifications),
 * and how many queues each client holds through its
 * service ({@code serviceSubscribers} and the client's
 * {@code ntfServiceSubsCount}/{@code ntfServiceSubscribed} in Server.hs and Server/Env/STM.hs). A
 * service has one subscribed client: when another client of the service subscribes, the previous
 * one gets ENDS with the count it held. The events wait with the queue events of {@code events}.
 */
final class ServiceSubscribers {
    /** A client's service subscriptions: queue count, and whether it subscribed the whole service. */
    private static final class ClientState {
        long count;
        boolean subscribed;
    }

    private final Subscribers events;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<EntityId, ClientSession> serviceSubscribers = new ConcurrentHashMap<>();
    /** Guarded by {@link #lock}. */
    private final Map<Long, ClientState> clients = new ConcurrentHashMap<>();

    ServiceSubscribers(Subscribers events) {
        this.events = events;
    }

    /** The client subscribed to this service now, if any. */
    ClientSession subscriber(EntityId serviceId) {
        return serviceSubscribers.get(serviceId);
    }

    /** Whether the client holds any queue through its service ({@code hasServiceSub}). */
    boolean hasQueues(ClientSession client) {
        lock.lock();
        try {
            ClientState state = clients.get(client.id());
            return state != null && state.count != 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code newServiceQueueSub} and {@code CSClient} with a service: the client holds one more queue
     * through its service and becomes the service's subscriber; another client subscribed to the
     * service gets ENDS.
     */
    void subscribeQueue(EntityId serviceId, EntityId queueId, ClientSession client) {
        lock.lock();
        try {
            state(client).count++;
            if (client.connected()) {
                takeService(serviceId, client);
                events.serviceSubscribed(client);
            }
        } finally {
            lock.unlock();
        }
        if (!client.connected()) {
            queueLeft(serviceId, queueId, client, BrokerMessage.END);
        }
    }

    /**
     * NSUBS ({@code subscribeServiceNotifications}): the first time, the client's count becomes the
     * store's count of the service's queues and it takes the service; the answer is its count.
     */
    long subscribeService(EntityId serviceId, ClientSession client, long storeCount) {
        lock.lock();
        try {
            ClientState state = state(client);
            if (state.subscribed) {
                return state.count;
            }
            state.subscribed = true;
            state.count = storeCount;
            if (client.connected()) {
                takeService(serviceId, client);
                events.serviceSubscribed(client);
            } else {
                endAnother(serviceSubscribers.get(serviceId), client, serviceId);
            }
            return storeCount;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code endServiceSub}: a queue left the service (deleted, or subscribed without it); the
     * service's subscriber, unless it is the client that caused it, gets {@code event} for the queue.
     */
    void queueLeft(EntityId serviceId, EntityId queueId, ClientSession client, BrokerMessage event) {
        if (serviceId == null) {
            return;
        }
        lock.lock();
        try {
            ClientSession subscriber = serviceSubscribers.get(serviceId);
            if (subscriber == null || subscriber == client || !subscriber.connected()) {
                return;
            }
            events.addPendingEvent(subscriber, Reply.event(queueId, event));
            ClientState state = clients.get(subscriber.id());
            if (state != null && state.count > 0) {
                state.count--;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The client's service subscription ends with it ({@code updateServiceSubs} in {@code clientDisconnected}). */
    void clientDisconnected(ClientSession client) {
        lock.lock();
        try {
            clients.remove(client.id());
            serviceSubscribers.values().removeIf(c -> c == client);
        } finally {
            lock.unlock();
        }
    }

    /** Caller holds the lock. */
    private ClientState state(ClientSession client) {
        return clients.computeIfAbsent(client.id(), id -> new ClientState());
    }

    /** {@code upsertSubscribedClient} then {@code cancelServiceSubs}; caller holds the lock. */
    private void takeService(EntityId serviceId, ClientSession client) {
        endAnother(serviceSubscribers.put(serviceId, client), client, serviceId);
    }

    /** ENDS with the count the previous client held, which then holds none; caller holds the lock. */
    private void endAnother(ClientSession previous, ClientSession client, EntityId serviceId) {
        if (previous == null || previous == client || !previous.connected()) {
            return;
        }
        ClientState state = clients.get(previous.id());
        long count = state == null ? 0 : state.count;
        if (state != null) {
            state.count = 0;
        }
        events.addPendingEvent(previous, Reply.event(serviceId, new BrokerMessage.Ends(count)));
    }
}
