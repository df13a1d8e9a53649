package dev.relayj.smp.server;

import static dev.relayj.stats.SmpCounter.*;

import dev.relayj.crypto.Hashes;
import dev.relayj.crypto.SignaturePrivateKey;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.runtime.ExpirationConfig;
import dev.relayj.runtime.PeriodicJob;
import dev.relayj.smp.store.QueueStore;
import dev.relayj.stats.DailyStatsLogger;
import dev.relayj.stats.EntityCounts;
import dev.relayj.stats.SmpServerStats;
import dev.relayj.tls.AcmeTlsChallenges;
import dev.relayj.tls.ConnectionHandler;
import dev.relayj.tls.ServerCredentials;
import dev.relayj.tls.TlsConnection;
import dev.relayj.tls.TlsListener;
import dev.relayj.tls.TlsSettings;
import dev.relayj.transport.CertificateChain;
import dev.relayj.transport.ServerHandshakeConfig;
import dev.relayj.transport.SmpServerHandle;
import dev.relayj.transport.SmpServerHandshaker;
import dev.relayj.transport.SmpVersions;
import dev.relayj.transport.TransportException;
import dev.relayj.transport.TransportLink;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The SMP relay ({@code smpServer} in Server.hs): TLS listeners, a session per client connection,
 * and the background jobs (END/DELD events, notification delivery, message and notification
 * expiry, inactive clients, journal sync, daily stats). {@link #close()} stops it in order: stop
 * accepting, close clients, then save messages and stats.
 */
public final class SmpServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SmpServer.class.getName());

    /** How long shutdown waits for commands being processed before it saves the stores. */
    private static final Duration COMMAND_DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final RelayEnv env;
    private final RelayStorage storage;
    private final List<TlsListener> listeners = new ArrayList<>();
    /** The listeners of ports shared with the web site ({@code attachHTTP}), which present the web certificate. */
    private final List<TlsListener> webListeners = new ArrayList<>();
    /** Replaced by {@link #reloadCredentials}; each new connection takes the current one. */
    private final AtomicReference<ServerHandshakeConfig> handshake = new AtomicReference<>();
    private volatile CertificateReload certificateReload = () -> "reloading certificates is not set up";
    private final List<AutoCloseable> tasks = new ArrayList<>();
    private final SocketCounters sockets = new SocketCounters();
    private SmpOperations operations;
    private final ReentrantLock closeLock = new ReentrantLock();
    private boolean closed;
    private DailyStatsLogger dailyStats;

    private SmpServer(RelayEnv env, RelayStorage storage) {
        this.env = env;
        this.storage = storage;
    }

    /**
     * Restores the stores and starts listening on every port of {@code config} (on all interfaces).
     *
     * @param webCredentials the browser certificate for ports shared with the web site, if any
     */
    public static SmpServer start(SmpServerConfig config, ServerCredentials credentials,
            Optional<ServerCredentials> webCredentials) throws IOException {
        return start(config, credentials, webCredentials, null, ServerTuning.DEFAULT);
    }

    /** As {@link #start(SmpServerConfig, ServerCredentials, Optional)}, bound to {@code bindHost} (null: all interfaces). */
    public static SmpServer start(SmpServerConfig config, ServerCredentials credentials,
            Optional<ServerCredentials> webCredentials, String bindHost, ServerTuning tuning) throws IOException {
        return start(config, credentials, webCredentials, bindHost, tuning, Optional.empty());
    }

    /**
     * As above; on ports shared with the web site ({@code attachHTTP}), connections where the client's
     * SNI chose the web certificate go to {@code webConnections} (the site's files) instead of SMP.
     */
    public static SmpServer start(SmpServerConfig config, ServerCredentials credentials,
            Optional<ServerCredentials> webCredentials, String bindHost, ServerTuning tuning,
            Optional<ConnectionHandler> webConnections) throws IOException {
        SignaturePrivateKey signKey = SigningKeyFile.read(config.credentials().privateKey());
        CertificateChain chain = certificateChain(credentials.chain());
        byte[] keyHash = Hashes.sha256(chain.certificate(chain.size() - 1));
        RelayStorage storage = RelayStorage.open(config, tuning);
        RelayEnv env = new RelayEnv(config, tuning, storage.queueStore, storage.messageStore, storage.stats,
                storage.notifications);
        ServerHandshakeConfig handshake = new ServerHandshakeConfig(chain, signKey, keyHash,
                SmpVersions.SUPPORTED_SERVER_SMP_RELAY_VRANGE, new StoreServiceRegistry(env));
        SmpServer server = new SmpServer(env, storage);
        server.handshake.set(handshake);
        try {
            server.startTasks();
            for (SmpServerConfig.ServerPort port : config.transport().ports()) {
                TlsSettings settings = new TlsSettings(credentials, port.attachHttp() ? webCredentials.orElse(null) : null,
                        SmpServerConfig.ALPN, TlsSettings.DEFAULT_HANDSHAKE_TIMEOUT, config.transport().logTlsErrors())
                        .withClientCertificates(config.transport().acceptServiceCredentials())
                        .withProtocolHandshakeTimeout(tuning.handshakeTimeout());
                ConnectionHandler smp = connection -> server.serve(connection, server.handshake.get());
                ConnectionHandler handler = port.attachHttp() && webConnections.isPresent()
                        ? connection -> {
                            if (connection.webCredentialsUsed()) {
                                connection.endSetup();
                                webConnections.get().handle(connection);
                            } else {
                                smp.handle(connection);
                            }
                        }
                        : smp;
                TlsListener listener = TlsListener.open(bindHost, port.port(), settings,
                        server.sockets.counting(port.port(), handler));
                server.listeners.add(listener);
                if (port.attachHttp()) {
                    server.webListeners.add(listener);
                }
            }
            server.startOperations();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static CertificateChain certificateChain(List<X509Certificate> certificates) throws IOException {
        List<byte[]> der = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            try {
                der.add(certificate.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IOException("cannot encode server certificate: " + e.getMessage(), e);
            }
        }
        return CertificateChain.of(der);
    }

    private void startTasks() {
        SmpServerConfig config = env.config;
        ServerTuning tuning = env.tuning;
        tasks.add(PeriodicJob.every("smp-pending-events", tuning.pendingEndInterval(), () -> {
            env.subscribers.flushPendingEvents(env.stats);
            env.ntfSubscribers.flushPendingEvents(env.stats);
        }));
        NotificationDelivery delivery = new NotificationDelivery(env);
        tasks.add(PeriodicJob.every("smp-deliver-ntfs", tuning.ntfDeliveryInterval(), delivery::deliver));
        tasks.add(PeriodicJob.every("smp-journal-sync", tuning.journalSyncInterval(), env.messageStore::syncJournal));
        ExpirationConfig msgExpiration = config.expiry().messageExpiration();
        tasks.add(PeriodicJob.every("smp-expire-messages", msgExpiration.checkInterval(), () -> {
            var expired = env.messageStore.expireOldMessages(msgExpiration.ttl());
            env.stats.counter(MSG_COUNT).set(expired.storedCount());
            env.stats.add(MSG_EXPIRED, expired.expiredCount());
            LOG.log(Level.INFO, "STORE: messages stored: " + expired.storedCount() + ", expired: "
                    + expired.expiredCount() + ", queues: " + expired.queueCount());
        }));
        ExpirationConfig ntfExpiration = config.expiry().notificationExpiration();
        tasks.add(PeriodicJob.every("smp-expire-ntfs", ntfExpiration.checkInterval(), () -> {
            int expired = env.notifications.deleteExpired(env.nowSeconds() - ntfExpiration.ttl().toSeconds());
            if (expired > 0) {
                env.stats.add(MSG_NTF_EXPIRED, expired);
                env.stats.add(NTF_COUNT, -expired);
            }
        }));
        config.expiry().inactiveClientExpiration().ifPresent(expiration ->
                tasks.add(PeriodicJob.every("smp-inactive-clients", expiration.checkInterval(), () -> {
                    long oldBefore = env.nowSeconds() - expiration.ttl().toSeconds();
                    for (ClientSession client : env.clients()) {
                        boolean subscribed = env.subscribers.hasSubscriptions(client)
                                || env.ntfSubscribers.hasSubscriptions(client);
                        if (!subscribed && client.lastActiveAt() < oldBefore) {
                            client.close();
                        }
                    }
                })));
        if (config.stats().logStats()) {
            DailyStatsLogger logger = new DailyStatsLogger(config.stats().dailyLogFile(), tuning.clock(),
                    DailyStatsLogger.DEFAULT_START_SECOND_OF_DAY, DailyStatsLogger.DEFAULT_INTERVAL_SECONDS,
                    now -> env.stats.csvRow(now, entityCounts(env.queueStore)));
            logger.start();
            tasks.add(logger);
            dailyStats = logger;
            // serverStatsThread_ in Server.hs says so on standard output (putStrLn), not in the log
            System.out.println("server stats log enabled: " + config.stats().dailyLogFile());
        }
    }

    /** The control port and the Prometheus metrics, when configured. */
    private void startOperations() throws IOException {
        SmpServerControl control = new SmpServerControl(env, sockets, storage::saveRunning);
        control.onReloadCertificates(this::reloadCertificates);
        operations = SmpOperations.start(env.config, env, control, sockets, env.tuning.clock());
        tasks.add(operations);
    }

    private static EntityCounts entityCounts(QueueStore store) {
        QueueStore.EntityCounts c = store.entityCounts();
        return new EntityCounts(c.queueCount(), c.notifierCount(), c.rcvServiceCount(), c.ntfServiceCount(),
                c.rcvServiceQueuesCount(), c.ntfServiceQueuesCount());
    }

    /** Runs the SMP handshake, then the client session, on the connection's own thread. */
    private void serve(TlsConnection connection, ServerHandshakeConfig handshake) {
        if (!env.active.get()) {
            return;
        }
        SmpServerHandle handle;
        try {
            TransportLink link = new TransportLink(connection.input(), connection.output(), connection.sessionId(),
                    connection.alpn(), peerCertificates(connection));
            handle = SmpServerHandshaker.handshake(link, handshake, X25519PrivateKey.generate(env.random));
            connection.endSetup();
        } catch (IOException | TransportException e) {
            LOG.log(Level.DEBUG, "SMP handshake with " + connection.remoteAddress() + " failed: " + e.getMessage());
            return;
        }
        new ClientSession(env, connection, handle).run();
    }

    private static List<byte[]> peerCertificates(TlsConnection connection) throws IOException {
        List<byte[]> der = new ArrayList<>();
        for (X509Certificate certificate : connection.peerCertificates()) {
            try {
                der.add(certificate.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IOException("bad client certificate", e);
            }
        }
        return der;
    }

    /** Writes the daily CSV row now, as at the daily time (tests; false when log_stats is off). */
    boolean writeDailyStats() throws IOException {
        if (dailyStats == null) {
            return false;
        }
        dailyStats.writeNow();
        return true;
    }

    /** The shared state, for tests in this package that look inside the running relay. */
    RelayEnv env() {
        return env;
    }

    /** What the control port's {@code reload-certs} and SIGHUP run; returns the line to show. */
    @FunctionalInterface
    public interface CertificateReload {
        String reload();
    }

    public void onCertificateReload(CertificateReload reload) {
        certificateReload = reload;
    }

    String reloadCertificates() {
        return certificateReload.reload();
    }

    /**
     * New connections get these credentials (the online certificate from {@code smp-server cert}
     * and the web certificate); open connections keep theirs. The CA, and with it the fingerprint
     * in the server address, must be the one the server started with.
     */
    public void reloadCredentials(ServerCredentials credentials, Optional<ServerCredentials> webCredentials)
            throws IOException {
        ServerHandshakeConfig current = handshake.get();
        CertificateChain chain = certificateChain(credentials.chain());
        byte[] keyHash = Hashes.sha256(chain.certificate(chain.size() - 1));
        if (!java.util.Arrays.equals(keyHash, current.keyHash())) {
            throw new IOException("the CA certificate differs from the one the server started with; restart to change it");
        }
        SignaturePrivateKey signKey = SigningKeyFile.read(env.config.credentials().privateKey());
        handshake.set(new ServerHandshakeConfig(chain, signKey, keyHash, current.versionRange(), current.services()));
        for (TlsListener listener : listeners) {
            listener.replaceCredentials(credentials, webListeners.contains(listener) ? webCredentials.orElse(null) : null);
        }
    }

    /** The ports shared with the web site answer TLS-ALPN-01 challenges (RFC 8737) from these certificates. */
    public void answerAcmeChallenges(AcmeTlsChallenges challenges) {
        webListeners.forEach(listener -> listener.answerAcmeChallenges(challenges));
    }

    /** Whether a port is shared with the web site, where TLS-ALPN-01 can be answered. */
    public boolean hasWebPort() {
        return !webListeners.isEmpty();
    }

    /** The bound ports, in the order of the configuration (useful when it asks for port 0). */
    public List<Integer> ports() {
        return listeners.stream().map(TlsListener::port).toList();
    }

    /** The live counters (what the daily CSV and the control port report). */
    SmpServerStats stats() {
        return env.stats;
    }

    /** The bound control port, when {@code control_port} is set. */
    public java.util.OptionalInt controlPort() {
        return operations == null ? java.util.OptionalInt.empty() : operations.controlPort();
    }

    /** Stops accepting, disconnects clients, stops background jobs, then saves messages and stats; idempotent. */
    @Override
    public void close() {
        closeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            LOG.log(Level.INFO, "Saving server state...");
            listeners.forEach(TlsListener::close);
            try {
                if (!env.commands.closeAndDrain(COMMAND_DRAIN_TIMEOUT)) {
                    LOG.log(Level.WARNING, "commands still running after " + COMMAND_DRAIN_TIMEOUT.toSeconds() + "s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            env.clients().forEach(ClientSession::close);
            env.proxy.close();
            for (AutoCloseable task : tasks) {
                try {
                    task.close();
                } catch (Exception e) {
                    LOG.log(Level.ERROR, "stopping background job: " + e.getMessage());
                }
            }
            env.savingLock.lock();
            try {
                storage.close();
            } finally {
                env.savingLock.unlock();
            }
            LOG.log(Level.INFO, "Server stopped");
        } finally {
            closeLock.unlock();
        }
    }
}
