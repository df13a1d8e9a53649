package dev.relayj.smp.server;

import static dev.relayj.smp.server.Responses.err;
import static dev.relayj.smp.server.Responses.storeError;
import static dev.relayj.stats.SmpCounter.*;

import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.crypto.X25519Secret;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.Command;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.store.NotifierCredentials;
import dev.relayj.smp.store.QueueRecord;
import dev.relayj.smp.store.ServiceParty;
import dev.relayj.smp.store.StoreError;
import dev.relayj.smp.store.StoreException;
import dev.relayj.smp.store.StoreQueue;

/**
 * Notifier commands (NKEY, NDEL, NSUB, NSUBS of {@code processCommand} in Server.hs): notifier
 * credentials of a queue and the subscriptions of notification servers to them; service sessions
 * go through {@link NotifierServiceCommands}.
 */
final class NotifierCommands extends CommandFamily {
    NotifierCommands(SessionCommands session) {
        super(session);
    }

    BrokerMessage addNotifier(StoreQueue queue, Command.NKey nkey) {
        X25519PrivateKey dhKey = X25519PrivateKey.generate(env.random);
        X25519Secret secret = dhKey.dh(nkey.rcvNtfDhKey());
        for (int attempt = 0; attempt < SessionCommands.ID_RETRIES; attempt++) {
            EntityId notifierId = session.randomId();
            NotifierCredentials previous;
            try {
                previous = queues.addNotifier(queue, new NotifierCredentials(notifierId, nkey.notifierKey(), secret, null));
            } catch (StoreException e) {
                if (e.error() == StoreError.DUPLICATE) {
                    continue;
                }
                return err(storeError(e));
            }
            stats.increment(NTF_CREATED);
            if (previous != null) {
                env.ntfSubscribers.deleted(previous.notifierId(), client);
                env.ntfServices.queueLeft(previous.ntfServiceId(), previous.notifierId(), client, BrokerMessage.DELD);
            }
            return new BrokerMessage.Nid(notifierId, dhKey.publicKey());
        }
        return err(ErrorType.Simple.INTERNAL);
    }

    BrokerMessage deleteNotifier(StoreQueue queue) {
        NotifierCredentials previous;
        try {
            previous = queues.deleteNotifier(queue);
        } catch (StoreException e) {
            return err(storeError(e));
        }
        if (previous != null) {
            int deleted = env.notifications.delete(previous.notifierId());
            stats.add(NTF_COUNT, -deleted);
            env.ntfSubscribers.deleted(previous.notifierId(), client);
            env.ntfServices.queueLeft(previous.ntfServiceId(), previous.notifierId(), client, BrokerMessage.DELD);
            stats.increment(NTF_DELETED);
        }
        return BrokerMessage.OK;
    }

    BrokerMessage subscribeNotifications(EntityId notifierId, StoreQueue queue, QueueRecord record) {
        if (queue == null || record.notifier() == null) {
            return err(ErrorType.Simple.INTERNAL);
        }
        EntityId ntfServiceId = record.notifier().ntfServiceId();
        if (session.serviceId() != null) {
            return new NotifierServiceCommands(env, client, session.serviceId()).subscribeQueue(notifierId, queue, ntfServiceId);
        }
        if (ntfServiceId != null) {
            try {
                queues.setQueueService(queue, ServiceParty.NOTIFIER, null);
            } catch (StoreException e) {
                return err(storeError(e));
            }
            stats.ntfServices.assocRemoved.increment();
            env.ntfServices.queueLeft(ntfServiceId, notifierId, client, BrokerMessage.END);
        }
        boolean hasSub = client.ntfSubscriptions().contains(notifierId);
        if (!hasSub || ntfServiceId != null) {
            // the client's own set first: Subscribers relies on it to keep subClients right without a lock
            client.ntfSubscriptions().add(notifierId);
            env.ntfSubscribers.subscribe(notifierId, client);
        }
        stats.increment(hasSub ? NTF_SUB_DUPLICATE : NTF_SUB);
        return new BrokerMessage.Sok(null);
    }

    BrokerMessage subscribeServiceNotifications() {
        return session.serviceId() == null ? err(ErrorType.Simple.INTERNAL)
                : new NotifierServiceCommands(env, client, session.serviceId()).subscribeService();
    }
}
