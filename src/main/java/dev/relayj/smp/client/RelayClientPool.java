package dev.relayj.smp.client;

import dev.relayj.smp.protocol.NetworkError;
import dev.relayj.smp.protocol.SmpServerAddress;
import dev.relayj.socks.SocksCredentials;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The proxy's connections to destination relays ({@code SMPClientAgent} as the server's
 * {@code ProxyAgent} uses it, simplexmq {@code Client/Agent.hs}): one shared connection per relay
 * address, made by the first caller while later callers wait for it; found again by its session id
 * when a client forwards through it (PFWD names the session); dropped from the pool when it closes,
 * so the next caller reconnects. A failed connection is remembered for the {@link RetryPolicy} wait,
 * during which callers get the same error at once.
 */
public final class RelayClientPool implements AutoCloseable {

    /** Makes one connection; the pool gives the callback to run when it closes. */
    @FunctionalInterface
    public interface Connector {
        SmpClient connect(SmpServerAddress server, Consumer<SmpClient> onClose) throws SmpClientException;
    }

    /** A connection attempt's outcome, and when a failed one may be retried. */
    private static final class Entry {
        final CompletableFuture<RelayClient> result = new CompletableFuture<>();
        volatile Instant retryAfter = Instant.MAX;
    }

    private final Connector connector;
    private final List<String> ownServerDomains;
    private final RetryPolicy retry;
    private final Duration waitTimeout;
    private final Clock clock;
    private final Map<SmpServerAddress, Entry> entries = new ConcurrentHashMap<>();
    private final Map<SmpServerAddress, Integer> failures = new ConcurrentHashMap<>();
    private final Map<ByteBuffer, RelayClient> sessions = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param ownServerDomains [PROXY] own_server_domains
     * @param waitTimeout how long a caller waits for another caller's connection attempt
     */
    public RelayClientPool(Connector connector, List<String> ownServerDomains, RetryPolicy retry, Duration waitTimeout,
            Clock clock) {
        this.connector = connector;
        this.ownServerDomains = List.copyOf(ownServerDomains);
        this.retry = retry;
        this.waitTimeout = waitTimeout;
        this.clock = clock;
    }

    /**
     * The relay's pool of SMP client connections as a proxy: {@link SmpClientConfig#forProxy}, the
     * SOCKS credentials of this run ({@link SocksIsolation}), and events ignored (a proxy makes no
     * subscriptions).
     */
    public static RelayClientPool forProxy(SmpClientConfig config, List<String> ownServerDomains, RetryPolicy retry,
            Clock clock) {
        SocksCredentials credentials = config.network().socksProxyOrNull() == null
                ? null
                : SocksIsolation.credentials(config.network().socksProxyOrNull().auth(), clock.instant());
        Connector connector = (server, onClose) ->
                SmpClient.connect(server, config, credentials, ServerEventListener.IGNORE, onClose);
        return new RelayClientPool(connector, ownServerDomains, retry, config.network().connectTimeout(), clock);
    }

    /**
     * The connection to this relay, connecting if there is none ({@code getSMPServerClient''}).
     *
     * @throws SmpClientException the connection error, possibly remembered from an earlier attempt
     */
    public RelayClient getClient(SmpServerAddress server) throws SmpClientException {
        while (true) {
            if (closed.get()) {
                throw new SmpClientException(SmpClientError.network(NetworkError.Simple.FAILED, "relay client pool closed"));
            }
            Entry entry = entries.get(server);
            if (entry == null) {
                Entry fresh = new Entry();
                if (entries.putIfAbsent(server, fresh) == null) {
                    return connect(server, fresh);
                }
                continue;
            }
            RelayClient ready = await(server, entry);
            if (ready != null) {
                return ready;
            }
        }
    }

    /**
     * What is known of this relay without waiting ({@code getConnectedSMPServerClient}): an open
     * connection, or the remembered error while it is not yet time to retry. Empty when there is
     * neither, or an attempt is under way: then the caller connects with {@link #getClient} on a
     * thread of its own.
     */
    public Optional<RelayClient> connectedClient(SmpServerAddress server) throws SmpClientException {
        Entry entry = entries.get(server);
        if (entry == null || !entry.result.isDone()) {
            return Optional.empty();
        }
        try {
            RelayClient client = entry.result.getNow(null);
            return client != null && client.client().isOpen() ? Optional.of(client) : Optional.empty();
        } catch (java.util.concurrent.CompletionException e) {
            if (clock.instant().isBefore(entry.retryAfter) && e.getCause() instanceof SmpClientException failure) {
                throw new SmpClientException(failure.error());
            }
            return Optional.empty();
        }
    }

    /** The open connection with this session id ({@code lookupSMPServerClient}), as PFWD names it. */
    public Optional<RelayClient> clientBySession(byte[] sessionId) {
        RelayClient client = sessions.get(ByteBuffer.wrap(sessionId.clone()));
        return client != null && client.client().isOpen() ? Optional.of(client) : Optional.empty();
    }

    /**
     * Whether the relay's first host is one of [PROXY] own_server_domains or a subdomain of one
     * ({@code isOwnServer}).
     */
    public boolean isOwnServer(SmpServerAddress server) {
        String host = server.hosts().get(0).text();
        for (String domain : ownServerDomains) {
            if (host.equals(domain) || host.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    private RelayClient connect(SmpServerAddress server, Entry entry) throws SmpClientException {
        try {
            SmpClient client = connector.connect(server, closedClient -> forget(server, entry, closedClient));
            RelayClient relay = new RelayClient(isOwnServer(server), client);
            failures.remove(server);
            sessions.put(ByteBuffer.wrap(client.sessionId()), relay);
            entry.result.complete(relay);
            if (!client.isOpen()) {
                forget(server, entry, client);
            }
            if (closed.get()) {
                client.close();
            }
            return relay;
        } catch (SmpClientException e) {
            int count = failures.merge(server, 1, Integer::sum);
            entry.retryAfter = clock.instant().plus(retry.delayAfter(count));
            entry.result.completeExceptionally(e);
            throw e;
        } catch (RuntimeException e) {
            entries.remove(server, entry);
            entry.result.completeExceptionally(e);
            throw e;
        }
    }

    /** The entry's connection, null when the entry is stale and has been dropped (the caller looks again). */
    private RelayClient await(SmpServerAddress server, Entry entry) throws SmpClientException {
        RelayClient relay;
        try {
            relay = entry.result.get(waitTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new SmpClientException(new SmpClientError.ResponseTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmpClientException(SmpClientError.network(NetworkError.Simple.FAILED, "interrupted"));
        } catch (ExecutionException e) {
            if (!clock.instant().isBefore(entry.retryAfter)) {
                entries.remove(server, entry);
                return null;
            }
            if (e.getCause() instanceof SmpClientException failure) {
                throw new SmpClientException(failure.error());
            }
            entries.remove(server, entry);
            return null;
        }
        if (!relay.client().isOpen()) {
            forget(server, entry, relay.client());
            return null;
        }
        return relay;
    }

    private void forget(SmpServerAddress server, Entry entry, SmpClient client) {
        entries.remove(server, entry);
        sessions.remove(ByteBuffer.wrap(client.sessionId()));
    }

    /** Closes every connection; later calls fail. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Entry entry : entries.values()) {
            if (entry.result.isDone() && !entry.result.isCompletedExceptionally()) {
                entry.result.join().client().close();
            }
        }
        entries.clear();
        sessions.clear();
    }
}
