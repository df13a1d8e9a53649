package dev.relayj.smp.store;

import dev.relayj.protocol.EntityId;
import dev.relayj.crypto.X25519Secret;

import dev.relayj.crypto.AuthPublicKey;

/**
 * What a queue keeps for its notifier ({@code NtfCreds} in simplexmq's {@code QueueStore.hs}):
 * the notifier id, the key that authorizes NSUB, the DH secret for notification metadata and
 * optionally the notification service the queue is associated with (null when none).
 */
public record NotifierCredentials(EntityId notifierId, AuthPublicKey notifierKey, X25519Secret rcvNtfDhSecret,
        EntityId ntfServiceId) {
    public NotifierCredentials {
        if (notifierId == null || notifierKey == null || rcvNtfDhSecret == null) {
            throw new IllegalArgumentException("notifier id, key and DH secret are required");
        }
    }

    public NotifierCredentials withService(EntityId serviceId) {
        return new NotifierCredentials(notifierId, notifierKey, rcvNtfDhSecret, serviceId);
    }
}
