package dev.relayj.smp.server;

import dev.relayj.smp.client.ProxyCommandSlots;
import dev.relayj.smp.client.RelayClient;
import dev.relayj.smp.client.SmpClientError;
import dev.relayj.smp.client.SmpClientException;
import dev.relayj.smp.protocol.BrokerErrorType;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.Command;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.protocol.ProxyError;
import dev.relayj.smp.protocol.SmpServerAddress;
import dev.relayj.stats.Counter;
import dev.relayj.stats.ProxyStats;
import dev.relayj.transport.SmpVersions;
import dev.relayj.transport.TransportError;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * PRXY and PFWD of one client of this relay as a proxy ({@code processProxiedCmd} in Server.hs).
 * What is known at once is answered at once; connecting to a destination relay and forwarding run on
 * threads of their own (at most [PROXY] client_concurrency per client), whose answers go to the
 * client later with the command's correlation id, so no client waits for another's destination.
 */
final class ProxyCommands {
    private static final System.Logger LOG = System.getLogger(ProxyCommands.class.getName());

    private final RelayEnv env;
    private final ClientSession client;
    private final ProxyCommandSlots slots;

    ProxyCommands(RelayEnv env, ClientSession client) {
        this.env = env;
        this.client = client;
        this.slots = new ProxyCommandSlots(env.proxy.clientConcurrency);
    }

    /** PRXY: the answer, or null when it will be sent later. */
    BrokerMessage proxyRelay(CorrId corrId, EntityId entityId, Command.Prxy prxy) {
        if (!allowProxy(prxy)) {
            return BrokerMessage.err(new ErrorType.Proxy(ProxyError.Simple.BASIC_AUTH));
        }
        SmpServerAddress server = prxy.server();
        Optional<RelayClient> connected;
        try {
            connected = env.proxy.pool.connectedClient(server);
        } catch (SmpClientException e) {
            return relayFailed(server, e.error());
        }
        if (connected.isPresent()) {
            return relayKey(connected.get());
        }
        return forked(corrId, entityId, () -> {
            try {
                return relayKey(env.proxy.pool.getClient(server));
            } catch (SmpClientException e) {
                return relayFailed(server, e.error());
            }
        });
    }

    /** {@code allowSMPProxy}, and the basic auth of new queues when the relay has one. */
    private boolean allowProxy(Command.Prxy prxy) {
        if (!env.tuning.allowSmpProxy()) {
            return false;
        }
        return env.config.auth().createPassword()
                .map(password -> prxy.basicAuth() != null && prxy.basicAuth().text().equals(password))
                .orElse(true);
    }

    private BrokerMessage relayKey(RelayClient relay) {
        count(env.stats.pRelays, env.stats.pRelaysOwn, relay.ownServer(), s -> s.requests);
        BrokerMessage key = relay.client().proxiedRelayKey();
        count(env.stats.pRelays, env.stats.pRelaysOwn, relay.ownServer(),
                key instanceof BrokerMessage.Pkey ? s -> s.successes : s -> s.errorsCompat);
        return key;
    }

    private BrokerMessage relayFailed(SmpServerAddress server, SmpClientError error) {
        boolean own = env.proxy.pool.isOwnServer(server);
        count(env.stats.pRelays, env.stats.pRelaysOwn, own, s -> s.requests);
        count(env.stats.pRelays, env.stats.pRelaysOwn, own, error.temporary() ? s -> s.errorsConnect : s -> s.errorsOther);
        LOG.log(Level.WARNING, "Error connecting: " + server.hosts().get(0).text() + " " + error.describe());
        return BrokerMessage.err(error.toProxyError());
    }

    /** PFWD: the entity id is the session id of the proxy's connection to the destination relay. */
    BrokerMessage forward(CorrId corrId, EntityId entityId, Command.Pfwd pfwd) {
        Optional<RelayClient> found = env.proxy.pool.clientBySession(entityId.bytes());
        if (found.isEmpty()) {
            count(env.stats.pMsgFwds, env.stats.pMsgFwdsOwn, false, s -> s.requests);
            count(env.stats.pMsgFwds, env.stats.pMsgFwdsOwn, false, s -> s.errorsConnect);
            return BrokerMessage.err(new ErrorType.Proxy(ProxyError.Simple.NO_SESSION));
        }
        RelayClient relay = found.get();
        boolean own = relay.ownServer();
        count(env.stats.pMsgFwds, env.stats.pMsgFwdsOwn, own, s -> s.requests);
        if (relay.client().version() < SmpVersions.SENDING_PROXY_SMP_VERSION) {
            count(env.stats.pMsgFwds, env.stats.pMsgFwdsOwn, own, s -> s.errorsCompat);
            return BrokerMessage.err(new ErrorType.Proxy(new ProxyError.Broker(
                    new BrokerErrorType.Transport(TransportError.Simple.VERSION))));
        }
        return forked(corrId, entityId, () -> {
            try {
                byte[] response = relay.client().forwardTransmission(corrId, pfwd.relayVersion(), pfwd.clientKey(),
                        pfwd.encryptedTransmission());
                count(env.stats.pMsgFwds, env.stats.pMsgFwdsOwn, own, s -> s.successes);
                return new BrokerMessage.Pres(response);
            } catch (SmpClientException e) {
                // an error of the destination relay is the forwarding's success (Server.hs counts it so)
                count(env.stats.pMsgFwds, env.stats.pMsgFwdsOwn, own,
                        e.error() instanceof SmpClientError.Protocol ? s -> s.successes : s -> s.errorsOther);
                return BrokerMessage.err(e.error().toProxyError());
            }
        });
    }

    /**
     * {@code forkProxiedCmd}: runs the command on a thread of its own and sends its answer with the
     * command's correlation and entity ids; the answer waits for room in the client's queue on a
     * thread the client's disconnection ends.
     */
    private BrokerMessage forked(CorrId corrId, EntityId entityId, Supplier<BrokerMessage> command) {
        try {
            slots.fork("smp-client-" + client.id() + "-proxy", () -> {
                Outgoing answer = Outgoing.of(List.of(Reply.of(corrId, entityId, command.get())));
                if (client.connected() && !client.offer(answer)) {
                    client.forkSend(answer, () -> { });
                }
            });
            return null;
        } catch (InterruptedException e) {
            // only when the client disconnects: its answer is never read
            Thread.currentThread().interrupt();
            return BrokerMessage.err(ErrorType.Simple.INTERNAL);
        }
    }

    /** {@code mkIncProxyStats}: own relays are counted in both. */
    private static void count(ProxyStats all, ProxyStats own, boolean ownServer,
            Function<ProxyStats, Counter> counter) {
        counter.apply(all).increment();
        if (ownServer) {
            counter.apply(own).increment();
        }
    }
}
