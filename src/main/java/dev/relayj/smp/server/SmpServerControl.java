package dev.relayj.smp.server;

import static dev.relayj.stats.SmpCounter.*;

import dev.relayj.control.ControlEntityId;
import dev.relayj.control.SmpControlTarget;
import dev.relayj.control.SmpServerInfo;
import dev.relayj.protocol.BlockingInfo;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.store.EntityStatus;
import dev.relayj.smp.store.MessageStore;
import dev.relayj.smp.store.QueueRecord;
import dev.relayj.smp.store.StoreError;
import dev.relayj.smp.store.StoreException;
import dev.relayj.smp.store.StoreQueue;
import dev.relayj.stats.EntityCounts;
import dev.relayj.stats.SmpServerStats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The SMP server's side of its control port ({@code runCPClient} in Server.hs): answers with the
 * server's own data and changes queues as the reference's control commands do.
 */
final class SmpServerControl implements SmpControlTarget {
    private final RelayEnv env;
    private final SocketCounters sockets;
    private final SaveAction saveAction;

    /** {@code saveServer True}: persists the state while the server keeps running. */
    @FunctionalInterface
    interface SaveAction {
        void save() throws IOException;
    }

    private java.util.function.Supplier<String> reloadAction = () -> "reloading certificates is not set up";

    void onReloadCertificates(java.util.function.Supplier<String> action) {
        reloadAction = action;
    }

    SmpServerControl(RelayEnv env, SocketCounters sockets, SaveAction saveAction) {
        this.env = env;
        this.sockets = sockets;
        this.saveAction = saveAction;
    }

    @Override
    public SmpServerStats stats() {
        return env.stats;
    }

    @Override
    public EntityCounts entityCounts() {
        var c = env.queueStore.entityCounts();
        return new EntityCounts(c.queueCount(), c.notifierCount(), c.rcvServiceCount(), c.ntfServiceCount(),
                c.rcvServiceQueuesCount(), c.ntfServiceQueuesCount());
    }

    @Override
    public long storedNotificationCount() {
        return env.stats.counter(NTF_COUNT).get();
    }

    @Override
    public List<ClientInfo> clients() {
        return env.clients().stream().map(ClientSession::snapshot)
                .map(s -> new ClientInfo(s.id(), s.sessionId(), s.connected(), s.createdAtSeconds(),
                        s.rcvActiveAtSeconds(), s.sndActiveAtSeconds(), s.subscriptions()))
                .sorted(Comparator.comparingLong(ClientInfo::clientId)).toList();
    }

    @Override
    public List<PortSockets> sockets() {
        return sockets.sockets().stream()
                .map(p -> new PortSockets(p.port(), p.accepted(), p.closed(), p.active(), p.leaked())).toList();
    }

    @Override
    public List<SocketThread> socketThreads() {
        return sockets.socketThreads().stream()
                .map(t -> new SocketThread(t.port(), t.socketId(), t.thread())).toList();
    }

    @Override
    public SmpServerInfo serverInfo(boolean withAdminDetails) {
        List<ClientSession> clients = new ArrayList<>(env.clients());
        Optional<SmpServerInfo.AdminDetails> admin = Optional.empty();
        if (withAdminDetails) {
            SmpServerInfo.QueueLengths all = SmpServerInfo.QueueLengths.ZERO;
            SmpServerInfo.QueueLengths smpQueues = SmpServerInfo.QueueLengths.ZERO;
            SmpServerInfo.QueueLengths ntfQueues = SmpServerInfo.QueueLengths.ZERO;
            long smpSubs = 0, ntfSubs = 0, smpClients = 0, ntfClients = 0;
            long noSub = 0, pending = 0, thread = 0, prohibited = 0;
            for (ClientSession client : clients) {
                ClientSession.Snapshot snapshot = client.snapshot();
                SmpServerInfo.QueueLengths lengths =
                        new SmpServerInfo.QueueLengths(0, snapshot.sendQueueLength(), snapshot.messageQueueLength());
                all = plus(all, lengths);
                int subs = client.subscriptions().size();
                if (subs > 0) {
                    smpClients++;
                    smpQueues = plus(smpQueues, lengths);
                }
                smpSubs += subs;
                for (Subscription sub : client.subscriptions().values()) {
                    switch (sub.state()) {
                        case NO_SUB -> noSub++;
                        case SUB_PENDING -> pending++;
                        case SUB_THREAD -> thread++;
                        case GET_ONLY -> prohibited++;
                    }
                }
                int ntf = client.ntfSubscriptions().size();
                if (ntf > 0) {
                    ntfClients++;
                    ntfQueues = plus(ntfQueues, lengths);
                }
                ntfSubs += ntf;
            }
            admin = Optional.of(new SmpServerInfo.AdminDetails(all, smpSubs,
                    new SmpServerInfo.SubscriptionStates(noSub, pending, thread, prohibited), smpClients, smpQueues,
                    ntfSubs, ntfClients, ntfQueues));
        }
        return new SmpServerInfo(clients.size(), admin, subscribers(env.subscribers), subscribers(env.ntfSubscribers));
    }

    private static SmpServerInfo.QueueLengths plus(SmpServerInfo.QueueLengths a, SmpServerInfo.QueueLengths b) {
        return new SmpServerInfo.QueueLengths(a.rcvQ() + b.rcvQ(), a.sndQ() + b.sndQ(), a.msgQ() + b.msgQ());
    }

    private static SmpServerInfo.Subscribers subscribers(Subscribers subscribers) {
        var entries = subscribers.entries();
        long[] subscribed = entries.values().stream().mapToLong(ClientSession::id).toArray();
        Set<Long> subClients = subscribers.subscribedClientIds();
        return new SmpServerInfo.Subscribers(entries.size(), subscribed,
                subClients.stream().mapToLong(Long::longValue).toArray());
    }

    @Override
    public QueueDeleteResult deleteQueue(ControlEntityId queueId) {
        try {
            StoreQueue queue = senderQueue(queueId);
            MessageStore.DeletedQueue deleted = env.messageStore.deleteQueue(queue);
            QueueRecord record = deleted.record();
            // updateDeletedStats in Server.hs
            env.stats.increment(record.senderKey() == null ? Q_DELETED_NEW : Q_DELETED_SECURED);
            env.stats.increment(Q_DELETED_ALL);
            env.stats.add(Q_COUNT, -1);
            return new QueueDeleteResult.Deleted(deleted.messageCount());
        } catch (StoreException e) {
            return new QueueDeleteResult.Failed(show(e));
        }
    }

    @Override
    public QueueStatusResult queueStatus(ControlEntityId queueId) {
        try {
            QueueRecord record = record(senderQueue(queueId));
            return new QueueStatusResult.Found(status(record.status()),
                    record.updatedAt() == null ? OptionalLong.empty() : OptionalLong.of(record.updatedAt()),
                    Optional.ofNullable(record.queueMode()));
        } catch (StoreException e) {
            return new QueueStatusResult.Failed(show(e));
        }
    }

    @Override
    public QueueBlockResult blockQueue(ControlEntityId queueId, BlockingInfo info) {
        long quota = env.config.auth().dailyBlockQueueQuota();
        if (quota != 0 && env.stats.counter(Q_BLOCKED).get() >= quota) {
            return new QueueBlockResult.QuotaReached(quota);
        }
        try {
            StoreQueue queue = senderQueue(queueId);
            EntityStatus before = record(queue).status();
            EntityStatus.Blocked after = new EntityStatus.Blocked(info);
            if (!before.equals(after)) {
                env.queueStore.blockQueue(queue, info);
                EntityId recipientId = queue.recipientId();
                ClientSession subscriber = env.subscribers.subscriber(recipientId);
                if (subscriber != null) {
                    Outgoing event = Outgoing.of(List.of(Reply.event(recipientId,
                            BrokerMessage.err(new ErrorType.Blocked(info)))));
                    // the reference waits for room in the client's queue; the control port must not
                    if (!subscriber.offer(event)) {
                        subscriber.forkSend(event, () -> { });
                    }
                }
            }
            if (before instanceof EntityStatus.Active) {
                env.stats.increment(Q_BLOCKED);
                return new QueueBlockResult.Blocked(info);
            }
            return new QueueBlockResult.AlreadyInactive(info);
        } catch (StoreException e) {
            return new QueueBlockResult.Failed(show(e));
        }
    }

    @Override
    public QueueUnblockResult unblockQueue(ControlEntityId queueId) {
        try {
            StoreQueue queue = senderQueue(queueId);
            return switch (record(queue).status()) {
                case EntityStatus.Blocked blocked -> {
                    env.queueStore.unblockQueue(queue);
                    yield new QueueUnblockResult.Unblocked(blocked.info());
                }
                case EntityStatus.Active active -> new QueueUnblockResult.WasActive();
                case EntityStatus.Off off -> new QueueUnblockResult.Inactive();
            };
        } catch (StoreException e) {
            return new QueueUnblockResult.Failed(show(e));
        }
    }

    @Override
    public String reloadCertificates() {
        return reloadAction.get();
    }

    @Override
    public void save() throws IOException {
        env.savingLock.lock();
        try {
            saveAction.save();
        } finally {
            env.savingLock.unlock();
        }
    }

    /** {@code getSenderQueue}: by sender id, then by link id when that gives AUTH. */
    private StoreQueue senderQueue(ControlEntityId queueId) throws StoreException {
        if (!queueId.fitsStore()) {
            throw new StoreException(StoreError.AUTH, "no queue");
        }
        EntityId id = new EntityId(queueId.bytes());
        StoreQueue queue = env.queueStore.findBySender(id);
        if (queue == null) {
            queue = env.queueStore.findByLink(id);
        }
        if (queue == null || queue.record() == null) {
            throw new StoreException(StoreError.AUTH, "no queue");
        }
        return queue;
    }

    /** The queue's record; AUTH when it was deleted meanwhile. */
    private static QueueRecord record(StoreQueue queue) throws StoreException {
        QueueRecord record = queue.record();
        if (record == null) {
            throw new StoreException(StoreError.AUTH, "queue deleted");
        }
        return record;
    }

    private static QueueEntityStatus status(EntityStatus status) {
        return switch (status) {
            case EntityStatus.Active a -> new QueueEntityStatus.Active();
            case EntityStatus.Blocked b -> new QueueEntityStatus.Blocked(b.info());
            case EntityStatus.Off o -> new QueueEntityStatus.Off();
        };
    }

    /** The reference's {@code show} of the {@code ErrorType} a store error maps to. */
    private static String show(StoreException e) {
        return switch (e.error()) {
            case AUTH -> "AUTH";
            case DUPLICATE -> "DUPLICATE_";
            case SERVICE -> "SERVICE";
            case QUOTA -> "QUOTA";
            case STORE -> "STORE {storeErr = \"" + e.getMessage() + "\"}";
        };
    }
}
