package dev.relayj.smp.server;

import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.store.ServiceParty;
import dev.relayj.smp.store.StoreException;
import dev.relayj.smp.store.StoreQueue;
import dev.relayj.stats.ServiceStats;

/**
 * NSUB and NSUBS of a notification server connected as a service ({@code subscribeNotifications}
 * and {@code subscribeServiceNotifications} in Server.hs): NSUB signed by the service associates
 * the queue's notifier with the service (QUEUE_SERVICE in the store log) and counts it in the
 * client's service subscription; NSUBS subscribes all the service's notifiers at once.
 */
final class NotifierServiceCommands {
    private final RelayEnv env;
    private final ClientSession client;
    private final EntityId serviceId;
    private final ServiceStats stats;

    NotifierServiceCommands(RelayEnv env, ClientSession client, EntityId serviceId) {
        this.env = env;
        this.client = client;
        this.serviceId = serviceId;
        this.stats = env.stats.ntfServices;
    }

    /** NSUB in a service session; {@code ntfServiceId} is the service the notifier has now, if any. */
    BrokerMessage subscribeQueue(EntityId notifierId, StoreQueue queue, EntityId ntfServiceId) {
        boolean hasServiceSub = env.ntfServices.hasQueues(client);
        if (serviceId.equals(ntfServiceId)) {
            // a repeated association: only after a lost response, so the client may not hold it yet
            if (!hasServiceSub) {
                subscribe(notifierId, ntfServiceId);
                stats.subCount.increment();
                stats.subQueues.increment();
            }
            stats.assocDuplicate.increment();
            return new BrokerMessage.Sok(serviceId);
        }
        try {
            env.queueStore.setQueueService(queue, ServiceParty.NOTIFIER, serviceId);
        } catch (StoreException e) {
            return BrokerMessage.err(storeError(e));
        }
        subscribe(notifierId, ntfServiceId);
        if (!hasServiceSub) {
            stats.subCount.increment();
        }
        stats.subQueues.increment();
        (ntfServiceId == null ? stats.assocNew : stats.assocUpdated).increment();
        return new BrokerMessage.Sok(serviceId);
    }

    /** {@code newServiceQueueSub} and {@code CSClient qId prevServiceId (Just serviceId)}. */
    private void subscribe(EntityId notifierId, EntityId previousServiceId) {
        if (previousServiceId != null && !previousServiceId.equals(serviceId)) {
            env.ntfServices.queueLeft(previousServiceId, notifierId, client, BrokerMessage.END);
        }
        env.ntfSubscribers.unsubscribed(notifierId, client);
        env.ntfServices.subscribeQueue(serviceId, notifierId, client);
    }

    /** NSUBS: SOKS with the number of notifiers the client holds through the service. */
    BrokerMessage subscribeService() {
        long count;
        try {
            count = env.queueStore.serviceQueueCount(ServiceParty.NOTIFIER, serviceId);
        } catch (StoreException e) {
            return BrokerMessage.err(storeError(e));
        }
        return new BrokerMessage.Soks(env.ntfServices.subscribeService(serviceId, client, count));
    }

    private static ErrorType storeError(StoreException e) {
        return switch (e.error()) {
            case AUTH -> ErrorType.Simple.AUTH;
            case DUPLICATE -> ErrorType.Simple.DUPLICATE_;
            case SERVICE -> ErrorType.Simple.SERVICE;
            case QUOTA -> ErrorType.Simple.QUOTA;
            case STORE -> new ErrorType.Store(e.getMessage());
        };
    }
}
