package dev.relayj.smp.server;

import static dev.relayj.stats.SmpCounter.*;

import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.store.QueueRecord;
import dev.relayj.smp.store.StoreQueue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends stored notifications to the clients subscribed to their notifiers ({@code deliverNtfsThread}
 * in Server.hs), each client's in one send-queue item. When a client's send queue is full its
 * notifications stay stored for the next round.
 *
 * <p>A round costs in proportion to the stored notifications, not to the subscriptions: like the
 * reference it starts from the notification store, and it finds each notifier's subscriber by id
 * where the reference filters every subscribed client's map.
 */
final class NotificationDelivery {
    /** NMSG per batch the reference counts for {@code msgNtfsB}. */
    private static final int NTFS_PER_BATCH = 80;

    private final RelayEnv env;

    NotificationDelivery(RelayEnv env) {
        this.env = env;
    }

    void deliver() {
        List<EntityId> pending = env.notifications.notifierIds();
        if (pending.isEmpty()) {
            return;
        }
        // notifiers associated with a service go to the service's subscriber (getQueueNtfServices),
        // the others to the client that subscribed to them with NSUB
        Map<EntityId, List<EntityId>> byService = new LinkedHashMap<>();
        Map<ClientSession, List<EntityId>> byClient = new IdentityHashMap<>();
        for (EntityId notifierId : pending) {
            StoreQueue queue = env.queueStore.findByNotifier(notifierId);
            QueueRecord record = queue == null ? null : queue.record();
            if (record == null || record.notifier() == null) {
                // the notifier is gone: its notifications go too, as getQueueNtfServices reports them deleted
                env.notifications.delete(notifierId);
                continue;
            }
            EntityId serviceId = record.notifier().ntfServiceId();
            if (serviceId != null) {
                byService.computeIfAbsent(serviceId, id -> new ArrayList<>()).add(notifierId);
                continue;
            }
            ClientSession client = env.ntfSubscribers.subscriber(notifierId);
            if (client != null && client.ntfSubscriptions().contains(notifierId)) {
                byClient.computeIfAbsent(client, c -> new ArrayList<>()).add(notifierId);
            }
        }
        byService.forEach((serviceId, notifierIds) -> {
            ClientSession client = env.ntfServices.subscriber(serviceId);
            if (client != null && client.connected()) {
                deliverTo(client, notifierIds);
            }
        });
        byClient.forEach((client, notifierIds) -> {
            if (client.connected() && env.ntfSubscribers.hasSubscriptions(client)) {
                deliverTo(client, notifierIds);
            }
        });
    }

    private void deliverTo(ClientSession client, Collection<EntityId> notifierIds) {
        Map<EntityId, List<NotificationStore.MessageNotification>> taken = new LinkedHashMap<>();
        List<Reply> nmsgs = new ArrayList<>();
        for (EntityId notifierId : notifierIds) {
            List<NotificationStore.MessageNotification> ntfs = env.notifications.take(notifierId);
            if (ntfs.isEmpty()) {
                continue;
            }
            taken.put(notifierId, ntfs);
            for (NotificationStore.MessageNotification ntf : ntfs) {
                nmsgs.add(Reply.event(notifierId, new BrokerMessage.Nmsg(ntf.nonce(), ntf.encryptedMeta())));
            }
        }
        if (nmsgs.isEmpty()) {
            return;
        }
        if (!client.connected() || !client.offer(Outgoing.of(nmsgs))) {
            taken.forEach(env.notifications::putBack);
            return;
        }
        int count = nmsgs.size();
        env.stats.add(NTF_COUNT, -count);
        env.stats.add(MSG_NTFS, count);
        env.stats.add(MSG_NTFS_B, count / NTFS_PER_BATCH + 1);
    }
}
