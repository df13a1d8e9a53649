package dev.relayj.smp.server;

import dev.relayj.protocol.EntityId;
import dev.relayj.smp.store.QueueStore;
import dev.relayj.smp.store.ServiceRecord;
import dev.relayj.smp.store.StoreException;
import dev.relayj.transport.CertificateChain;
import dev.relayj.transport.HandshakeError;
import dev.relayj.transport.ServiceRegistry;
import dev.relayj.transport.ServiceRole;
import dev.relayj.transport.TransportException;
import java.lang.System.Logger.Level;

/**
 * Service clients as the queue store knows them ({@code getClientService} in Server.hs): a service
 * certificate seen for the first time gets a new random id, recorded in the store log (NEW_SERVICE);
 * a known certificate gets its id back. A store failure, or a known certificate with another role,
 * refuses the handshake (BAD_SERVICE). Services are refused altogether unless
 * [TRANSPORT] accept_service_credentials is on.
 */
final class StoreServiceRegistry implements ServiceRegistry {
    private static final System.Logger LOG = System.getLogger(StoreServiceRegistry.class.getName());

    private final RelayEnv env;

    StoreServiceRegistry(RelayEnv env) {
        this.env = env;
    }

    @Override
    public byte[] serviceId(ServiceRole role, CertificateChain certificateChain, byte[] certHash)
            throws TransportException {
        if (!env.config.transport().acceptServiceCredentials()) {
            throw new TransportException(HandshakeError.BAD_SERVICE);
        }
        EntityId newId = new EntityId(env.randomBytes(SmpServerConfig.QUEUE_ID_BYTES));
        ServiceRecord record = new ServiceRecord(newId, role, certificateChain.certificates(), certHash,
                env.nowSeconds());
        try {
            return env.queueStore.getCreateService(record).bytes();
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "service not accepted: " + e.getMessage());
            throw new TransportException(HandshakeError.BAD_SERVICE);
        }
    }
}
