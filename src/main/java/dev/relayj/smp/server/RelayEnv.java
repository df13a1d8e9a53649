package dev.relayj.smp.server;

import dev.relayj.runtime.CommandGate;
import dev.relayj.smp.protocol.MessageLimits;
import dev.relayj.smp.store.MessageStore;
import dev.relayj.smp.store.QueueStore;
import dev.relayj.stats.SmpServerStats;
import dev.relayj.transport.BlockBuffers;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/** What all client sessions share ({@code Env} and {@code Server} in Server/Env/STM.hs). */
final class RelayEnv {
    final SmpServerConfig config;
    final ServerTuning tuning;
    final QueueStore queueStore;
    final MessageStore messageStore;
    final SmpServerStats stats;
    final Subscribers subscribers = new Subscribers(Subscribers.Kind.MESSAGES);
    final Subscribers ntfSubscribers = new Subscribers(Subscribers.Kind.NOTIFICATIONS);
    final ServiceSubscribers ntfServices = new ServiceSubscribers(ntfSubscribers);
    final ServiceSubscribers rcvServices = new ServiceSubscribers(subscribers);
    final NotificationStore notifications;
    final SecureRandom random = new SecureRandom();
    final AtomicBoolean active = new AtomicBoolean(true);
    final CommandGate commands = new CommandGate(active);
    final ProxyRelay proxy;
    /** Outgoing block buffers: as many as writers may fill at once on a busy server, about 1 MB. */
    final BlockBuffers blockBuffers = new BlockBuffers(MessageLimits.BLOCK_SIZE, 64);
    /** Held while the state is saved ({@code savingLock}): by the control port's save and on stop. */
    final ReentrantLock savingLock = new ReentrantLock();
    private final AtomicLong clientSeq = new AtomicLong();
    private final ConcurrentHashMap<Long, ClientSession> clients = new ConcurrentHashMap<>();

    RelayEnv(SmpServerConfig config, ServerTuning tuning, QueueStore queueStore, MessageStore messageStore,
            SmpServerStats stats, NotificationStore notifications) {
        this.config = config;
        this.notifications = notifications;
        this.tuning = tuning;
        this.queueStore = queueStore;
        this.messageStore = messageStore;
        this.stats = stats;
        this.proxy = ProxyRelay.create(config.proxy(), tuning.clock());
    }

    Clock clock() {
        return tuning.clock();
    }

    long nowSeconds() {
        return tuning.clock().instant().getEpochSecond();
    }

    byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    long nextClientId() {
        return clientSeq.getAndIncrement();
    }

    void addClient(ClientSession client) {
        clients.put(client.id(), client);
    }

    void removeClient(ClientSession client) {
        clients.remove(client.id(), client);
    }

    ClientSession client(long id) {
        return clients.get(id);
    }

    Collection<ClientSession> clients() {
        return clients.values();
    }
}
