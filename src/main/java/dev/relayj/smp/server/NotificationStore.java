package dev.relayj.smp.server;

import dev.relayj.protocol.EntityId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notifications waiting for the notifier's subscriber, by notifier id ({@code NtfStore} in
 * Server/NtfStore.hs). Each is already encrypted for the notification server.
 */
final class NotificationStore {
    /**
     * {@code MsgNtf}: the message id and time (epoch seconds), the nonce and the encrypted
     * {@code NMsgMeta}.
     */
    record MessageNotification(byte[] msgId, long timestamp, byte[] nonce, byte[] encryptedMeta) {}

    private final ConcurrentHashMap<EntityId, List<MessageNotification>> notifications = new ConcurrentHashMap<>();

    void store(EntityId notifierId, MessageNotification notification) {
        notifications.compute(notifierId, (id, list) -> {
            List<MessageNotification> updated = list == null ? new ArrayList<>() : list;
            updated.add(notification);
            return updated;
        });
    }

    /** Removes and returns the notifier's notifications, oldest first. */
    List<MessageNotification> take(EntityId notifierId) {
        List<MessageNotification> taken = notifications.remove(notifierId);
        return taken == null ? List.of() : taken;
    }

    /** Puts notifications back in front of any stored since they were taken. */
    void putBack(EntityId notifierId, List<MessageNotification> taken) {
        if (taken.isEmpty()) {
            return;
        }
        notifications.compute(notifierId, (id, list) -> {
            List<MessageNotification> updated = new ArrayList<>(taken);
            if (list != null) {
                updated.addAll(list);
            }
            return updated;
        });
    }

    /** Deletes the notifier's notifications ({@code deleteNtfs}); returns how many. */
    int delete(EntityId notifierId) {
        List<MessageNotification> removed = notifications.remove(notifierId);
        return removed == null ? 0 : removed.size();
    }

    /** Deletes notifications older than {@code oldBefore} epoch seconds ({@code deleteExpiredNtfs}); returns how many. */
    int deleteExpired(long oldBefore) {
        int[] expired = new int[1];
        for (EntityId notifierId : notifications.keySet()) {
            notifications.computeIfPresent(notifierId, (id, list) -> {
                int before = list.size();
                list.removeIf(n -> n.timestamp() < oldBefore);
                expired[0] += before - list.size();
                return list.isEmpty() ? null : list;
            });
        }
        return expired[0];
    }

    /** A copy of all notifications by notifier, each list oldest first. */
    Map<EntityId, List<MessageNotification>> snapshot() {
        Map<EntityId, List<MessageNotification>> copy = new LinkedHashMap<>();
        for (EntityId notifierId : notifications.keySet()) {
            notifications.computeIfPresent(notifierId, (id, list) -> {
                copy.put(id, List.copyOf(list));
                return list;
            });
        }
        return copy;
    }

    /** The notifier ids that have notifications. */
    List<EntityId> notifierIds() {
        return List.copyOf(notifications.keySet());
    }
}
