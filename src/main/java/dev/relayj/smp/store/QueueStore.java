package dev.relayj.smp.store;

import dev.relayj.protocol.EntityId;
import dev.relayj.protocol.BlockingInfo;
import dev.relayj.transport.ServiceRole;

import dev.relayj.crypto.AuthPublicKey;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import dev.relayj.store.EntityStatus;

/**
 * The queues and client services of an SMP server, indexed by recipient, sender, notifier and
 * link id (simplexmq's {@code QueueStore/STM.hs}). Each operation on a queue holds that queue's
 * lock, changes the record, and appends the change to the store log (when one is attached)
 * before it returns, so the caller answers only after the change reached the log.
 *
 * <p>Unlike the reference, a deleted queue leaves every index at once (the reference keeps it in
 * memory until the next restart); lookups of its ids fail the same way (AUTH).
 */
public final class QueueStore {
    /** Makes checking and claiming ids atomic across the indexes; taken after a queue lock, never before. */
    private final ReentrantLock indexLock = new ReentrantLock();
    private final QueueIndex queues = new QueueIndex(queue -> queue.recipientId().hashCode(),
            (queue, id) -> queue.record() != null && id.equals(queue.recipientId()), indexLock);
    private final QueueIndex senders = new QueueIndex(queue -> queue.record().senderIdHash(),
            QueueStore::hasSenderId, indexLock);
    private final ConcurrentHashMap<EntityId, StoreQueue> notifiers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<EntityId, StoreQueue> links = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<EntityId, Service> services = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<EntityId, EntityId> serviceCerts = new ConcurrentHashMap<>();
    private volatile StoreLogSink storeLog;

    /** A service and the queues associated with it. */
    private record Service(ServiceRecord record, Set<EntityId> rcvQueues, Set<EntityId> ntfQueues) {}

    /** The numbers the server reports in its stats ({@code EntityCounts}). */
    public record EntityCounts(int queueCount, int notifierCount, int rcvServiceCount, int ntfServiceCount,
            int rcvServiceQueuesCount, int ntfServiceQueuesCount) {}

    /** Starts (or, with null, stops) appending changes to a store log. */
    public void setStoreLog(StoreLogSink sink) {
        storeLog = sink;
    }

    private static boolean hasSenderId(StoreQueue queue, EntityId id) {
        QueueRecord record = queue.record();
        return record != null && record.hasSenderId(id);
    }

    // --- lookups

    public StoreQueue findByRecipient(EntityId recipientId) {
        return queues.get(recipientId);
    }

    public StoreQueue findBySender(EntityId senderId) {
        return senders.get(senderId);
    }

    public StoreQueue findByNotifier(EntityId notifierId) {
        return notifiers.get(notifierId);
    }

    public StoreQueue findByLink(EntityId linkId) {
        return links.get(linkId);
    }

    /** Visits every queue; queues added or deleted meanwhile may or may not be visited. */
    public void forEachQueue(Consumer<StoreQueue> action) {
        queues.forEach(action);
    }

    /** Visits every service. */
    public void forEachService(Consumer<ServiceRecord> action) {
        services.values().forEach(service -> action.accept(service.record));
    }

    /** Makes room in the indexes for this many queues in all (a store log about to be replayed). */
    public void reserve(int queueCount) {
        indexLock.lock();
        try {
            queues.reserve(queueCount);
            senders.reserve(queueCount);
        } finally {
            indexLock.unlock();
        }
    }

    public int queueCount() {
        return queues.size();
    }

    public EntityCounts entityCounts() {
        int rcvServices = 0;
        int ntfServices = 0;
        int rcvQueues = 0;
        int ntfQueues = 0;
        for (Service service : services.values()) {
            if (service.record.role() == ServiceRole.MESSAGING) {
                rcvServices++;
            } else if (service.record.role() == ServiceRole.NOTIFIER) {
                ntfServices++;
            }
            rcvQueues += service.rcvQueues.size();
            ntfQueues += service.ntfQueues.size();
        }
        return new EntityCounts(queues.size(), notifiers.size(), rcvServices, ntfServices, rcvQueues, ntfQueues);
    }

    // --- queue operations

    /** Adds a queue; DUPLICATE when its recipient, sender, notifier or link id is taken. */
    public StoreQueue addQueue(EntityId recipientId, QueueRecord record) throws StoreException {
        StoreQueue queue = new StoreQueue(recipientId, record);
        queue.lock();
        try {
            indexLock.lock();
            try {
                boolean taken = queues.containsKey(recipientId) || senders.containsKey(record.senderId())
                        || (record.notifier() != null && notifiers.containsKey(record.notifier().notifierId()))
                        || (record.link() != null && links.containsKey(record.link().linkId()));
                if (taken) {
                    throw new StoreException(StoreError.DUPLICATE, "queue id already in use");
                }
                queues.put(recipientId, queue);
                senders.put(record.senderId(), queue);
                if (record.notifier() != null) {
                    notifiers.put(record.notifier().notifierId(), queue);
                    addServiceQueue(record.notifier().ntfServiceId(), ServiceParty.NOTIFIER,
                            record.notifier().notifierId());
                }
                if (record.link() != null) {
                    links.put(record.link().linkId(), queue);
                }
                addServiceQueue(record.rcvServiceId(), ServiceParty.RECIPIENT, recipientId);
            } finally {
                indexLock.unlock();
            }
            log("addQueue", new StoreLogRecord.CreateQueue(recipientId, record));
            return queue;
        } finally {
            queue.unlock();
        }
    }

    /**
     * {@link #addQueue} of a queue read from the store log, before the store serves anyone: a
     * queue with neither notifier nor link nor service, made with its ids' hashes by the thread
     * that parsed it, so that the replaying thread needs only the index tables (at millions of
     * queues, fetching each new queue's ids into the replaying core was most of a restart). Ids
     * are read only when a queue already indexed has the same hash byte. DUPLICATE as
     * {@link #addQueue}.
     */
    void addReplayedQueue(StoreQueue queue, int recipientIdHash, int senderIdHash) throws StoreException {
        indexLock.lock();
        try {
            boolean taken = (queues.mayContain(recipientIdHash)
                    && queues.get(queue.recipientId(), recipientIdHash) != null)
                    || (senders.mayContain(senderIdHash)
                    && senders.get(queue.record().senderId(), senderIdHash) != null);
            if (taken) {
                throw new StoreException(StoreError.DUPLICATE, "queue id already in use");
            }
            queues.put(recipientIdHash, queue);
            senders.put(senderIdHash, queue);
        } finally {
            indexLock.unlock();
        }
    }

    /** The link data when the queue has this link id, else AUTH. */
    public QueueLink getLink(StoreQueue queue, EntityId linkId) throws StoreException {
        QueueLink link = queue.requireRecord().link();
        if (link == null || !link.linkId().equals(linkId)) {
            throw new StoreException(StoreError.AUTH, "no such link");
        }
        return link;
    }

    /**
     * Sets the queue's link; a queue that has a link may only replace its user data (same link id
     * and fixed data), else AUTH.
     */
    public void addLink(StoreQueue queue, QueueLink link) throws StoreException {
        withQueueLock(queue, () -> {
            QueueRecord record = queue.requireRecord();
            if (record.link() != null && !record.link().sameFixedPart(link)) {
                throw new StoreException(StoreError.AUTH, "queue has another link");
            }
            indexLock.lock();
            try {
                StoreQueue owner = links.get(link.linkId());
                if (owner != null && owner != queue) {
                    throw new StoreException(StoreError.DUPLICATE, "link id already in use");
                }
                links.put(link.linkId(), queue);
            } finally {
                indexLock.unlock();
            }
            queue.setRecord(record.withLink(link));
            log("addQueueLinkData", new StoreLogRecord.CreateLink(queue.recipientId(), link));
        });
    }

    public void deleteLink(StoreQueue queue) throws StoreException {
        withQueueLock(queue, () -> {
            QueueRecord record = queue.requireRecord();
            if (record.link() != null) {
                links.remove(record.link().linkId(), queue);
                queue.setRecord(record.withLink(null));
            }
            log("deleteQueueLinkData", new StoreLogRecord.DeleteLink(queue.recipientId()));
        });
    }

    /** Sets the sender key once; securing again with the same key succeeds, with another key is AUTH. */
    public void secureQueue(StoreQueue queue, AuthPublicKey senderKey) throws StoreException {
        withQueueLock(queue, () -> {
            QueueRecord record = queue.requireRecord();
            if (record.senderKey() == null) {
                queue.setRecord(record.withSenderKey(senderKey));
            } else if (!record.senderKey().equals(senderKey)) {
                throw new StoreException(StoreError.AUTH, "queue is secured with another key");
            }
            log("secureQueue", new StoreLogRecord.SecureQueue(queue.recipientId(), senderKey));
        });
    }

    public void updateKeys(StoreQueue queue, List<AuthPublicKey> recipientKeys) throws StoreException {
        withQueueLock(queue, () -> {
            queue.setRecord(queue.requireRecord().withRecipientKeys(recipientKeys));
            log("updateKeys", new StoreLogRecord.UpdateKeys(queue.recipientId(), recipientKeys));
        });
    }

    /**
     * Sets the queue's notifier, replacing any previous one, which is returned (or null);
     * DUPLICATE when the new notifier id is taken.
     */
    public NotifierCredentials addNotifier(StoreQueue queue, NotifierCredentials notifier) throws StoreException {
        return withQueueLock(queue, () -> {
            QueueRecord record = queue.requireRecord();
            NotifierCredentials previous = record.notifier();
            indexLock.lock();
            try {
                if (notifiers.containsKey(notifier.notifierId())) {
                    throw new StoreException(StoreError.DUPLICATE, "notifier id already in use");
                }
                if (previous != null) {
                    removeNotifier(previous);
                }
                notifiers.put(notifier.notifierId(), queue);
                addServiceQueue(notifier.ntfServiceId(), ServiceParty.NOTIFIER, notifier.notifierId());
            } finally {
                indexLock.unlock();
            }
            queue.setRecord(record.withNotifier(notifier));
            log("addQueueNotifier", new StoreLogRecord.AddNotifier(queue.recipientId(), notifier));
            return previous;
        });
    }

    /** Removes the notifier; returns it, or null when there was none. */
    public NotifierCredentials deleteNotifier(StoreQueue queue) throws StoreException {
        return withQueueLock(queue, () -> {
            QueueRecord record = queue.requireRecord();
            NotifierCredentials previous = record.notifier();
            if (previous != null) {
                indexLock.lock();
                try {
                    removeNotifier(previous);
                } finally {
                    indexLock.unlock();
                }
                queue.setRecord(record.withNotifier(null));
            }
            log("deleteQueueNotifier", new StoreLogRecord.DeleteNotifier(queue.recipientId()));
            return previous;
        });
    }

    /** OFF by the recipient. */
    public void suspendQueue(StoreQueue queue) throws StoreException {
        setStatus(queue, EntityStatus.OFF, "suspendQueue", new StoreLogRecord.SuspendQueue(queue.recipientId()));
    }

    public void blockQueue(StoreQueue queue, BlockingInfo info) throws StoreException {
        setStatus(queue, new EntityStatus.Blocked(info), "blockQueue",
                new StoreLogRecord.BlockQueue(queue.recipientId(), info));
    }

    public void unblockQueue(StoreQueue queue) throws StoreException {
        setStatus(queue, EntityStatus.ACTIVE, "unblockQueue", new StoreLogRecord.UnblockQueue(queue.recipientId()));
    }

    /** Sets the day of last use; logs only when it changes. Returns the current record. */
    public QueueRecord updateQueueTime(StoreQueue queue, long day) throws StoreException {
        return withQueueLock(queue, () -> {
            QueueRecord record = queue.requireRecord();
            if (record.updatedAt() != null && record.updatedAt() == day) {
                return record;
            }
            QueueRecord updated = record.withUpdatedAt(day);
            queue.setRecord(updated);
            log("updateQueueTime", new StoreLogRecord.UpdateTime(queue.recipientId(), day));
            return updated;
        });
    }

    /**
     * Deletes the queue record and its ids; returns the record it had. Messages are the message
     * store's: use {@link MessageStore#deleteQueue} to delete a queue with its messages.
     */
    public QueueRecord deleteQueue(StoreQueue queue) throws StoreException {
        return withQueueLock(queue, () -> {
            QueueRecord record = queue.requireRecord();
            queue.setRecord(null);
            indexLock.lock();
            try {
                queues.remove(queue.recipientId(), queue);
                senders.remove(record.senderId(), queue);
                if (record.link() != null) {
                    links.remove(record.link().linkId(), queue);
                }
                if (record.notifier() != null) {
                    removeNotifier(record.notifier());
                }
                removeServiceQueue(record.rcvServiceId(), ServiceParty.RECIPIENT, queue.recipientId());
            } finally {
                indexLock.unlock();
            }
            log("deleteStoreQueue", new StoreLogRecord.DeleteQueue(queue.recipientId()));
            return record;
        });
    }

    // --- services

    /**
     * The id of the service with this certificate hash, creating it from {@code service} when new;
     * SERVICE when it exists with another role, DUPLICATE when the new id is taken.
     */
    public EntityId getCreateService(ServiceRecord service) throws StoreException {
        EntityId certKey = new EntityId(service.certHash());
        indexLock.lock();
        try {
            EntityId existingId = serviceCerts.get(certKey);
            if (existingId != null) {
                Service existing = services.get(existingId);
                if (existing != null) {
                    if (existing.record.role() != service.role()) {
                        throw new StoreException(StoreError.SERVICE, "service exists with another role");
                    }
                    return existing.record.serviceId();
                }
            } else if (services.containsKey(service.serviceId())) {
                throw new StoreException(StoreError.DUPLICATE, "service id already in use");
            }
            services.put(service.serviceId(),
                    new Service(service, ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet()));
            serviceCerts.put(certKey, service.serviceId());
        } finally {
            indexLock.unlock();
        }
        log("getCreateService", new StoreLogRecord.NewService(service));
        return service.serviceId();
    }

    /** Associates the queue's recipient or notifier with a service, or with null removes the association. */
    public void setQueueService(StoreQueue queue, ServiceParty party, EntityId serviceId) throws StoreException {
        withQueueLock(queue, () -> {
            QueueRecord record = queue.requireRecord();
            switch (party) {
                case RECIPIENT -> {
                    if (!Objects.equals(record.rcvServiceId(), serviceId)) {
                        indexLock.lock();
                        try {
                            removeServiceQueue(record.rcvServiceId(), party, queue.recipientId());
                            addServiceQueue(serviceId, party, queue.recipientId());
                        } finally {
                            indexLock.unlock();
                        }
                        queue.setRecord(record.withRcvServiceId(serviceId));
                    }
                }
                case NOTIFIER -> {
                    NotifierCredentials notifier = record.notifier();
                    if (notifier == null) {
                        throw new StoreException(StoreError.AUTH, "queue has no notifier");
                    }
                    if (!Objects.equals(notifier.ntfServiceId(), serviceId)) {
                        indexLock.lock();
                        try {
                            removeServiceQueue(notifier.ntfServiceId(), party, notifier.notifierId());
                            addServiceQueue(serviceId, party, notifier.notifierId());
                        } finally {
                            indexLock.unlock();
                        }
                        queue.setRecord(record.withNotifier(notifier.withService(serviceId)));
                    }
                }
            }
            log("setQueueService", new StoreLogRecord.QueueService(queue.recipientId(), party, serviceId));
        });
    }

    /** How many queues (by recipient id) or notifiers (by notifier id) the service has; AUTH for an unknown service. */
    public int serviceQueueCount(ServiceParty party, EntityId serviceId) throws StoreException {
        Service service = services.get(serviceId);
        if (service == null) {
            throw new StoreException(StoreError.AUTH, "no such service");
        }
        return (party == ServiceParty.RECIPIENT ? service.rcvQueues : service.ntfQueues).size();
    }

    // --- internals

    @FunctionalInterface
    private interface QueueAction<T> {
        T run() throws StoreException;
    }

    @FunctionalInterface
    private interface QueueUpdate {
        void run() throws StoreException;
    }

    private static <T> T withQueueLock(StoreQueue queue, QueueAction<T> action) throws StoreException {
        queue.lock();
        try {
            return action.run();
        } finally {
            queue.unlock();
        }
    }

    private static void withQueueLock(StoreQueue queue, QueueUpdate update) throws StoreException {
        withQueueLock(queue, () -> {
            update.run();
            return null;
        });
    }

    private void setStatus(StoreQueue queue, EntityStatus status, String operation, StoreLogRecord change)
            throws StoreException {
        withQueueLock(queue, () -> {
            queue.setRecord(queue.requireRecord().withStatus(status));
            log(operation, change);
        });
    }

    /** Caller holds indexLock. */
    private void removeNotifier(NotifierCredentials notifier) {
        notifiers.remove(notifier.notifierId());
        removeServiceQueue(notifier.ntfServiceId(), ServiceParty.NOTIFIER, notifier.notifierId());
    }

    private void addServiceQueue(EntityId serviceId, ServiceParty party, EntityId id) {
        Service service = serviceId == null ? null : services.get(serviceId);
        if (service != null) {
            (party == ServiceParty.RECIPIENT ? service.rcvQueues : service.ntfQueues).add(id);
        }
    }

    private void removeServiceQueue(EntityId serviceId, ServiceParty party, EntityId id) {
        Service service = serviceId == null ? null : services.get(serviceId);
        if (service != null) {
            (party == ServiceParty.RECIPIENT ? service.rcvQueues : service.ntfQueues).remove(id);
        }
    }

    /** The change is made in memory first, as in the reference; a failed write is reported as STORE. */
    private void log(String operation, StoreLogRecord change) throws StoreException {
        StoreLogSink sink = storeLog;
        if (sink == null) {
            return;
        }
        try {
            sink.append(change);
        } catch (IOException e) {
            throw new StoreException(StoreError.STORE, operation + ", withLog, " + e.getMessage(), e);
        }
    }
}
