package dev.relayj.xftp.server;

import static dev.relayj.stats.XftpCounter.*;

import dev.relayj.control.ControlPortServer;
import dev.relayj.http2.Http2Connection;
import dev.relayj.http2.Http2ServerConfig;
import dev.relayj.protocol.BlockingInfo;
import dev.relayj.protocol.EntityId;
import dev.relayj.runtime.CommandGate;
import dev.relayj.runtime.ExpirationConfig;
import dev.relayj.runtime.PeriodicJob;
import dev.relayj.stats.DailyStatsLogger;
import dev.relayj.stats.MetricsFileWriter;
import dev.relayj.stats.StatsFormatException;
import dev.relayj.stats.StatsStateFile;
import dev.relayj.stats.XftpPrometheusMetrics;
import dev.relayj.stats.XftpServerStats;
import dev.relayj.stats.XftpServerStatsData;
import dev.relayj.tls.ServerCredentials;
import dev.relayj.tls.TlsConnection;
import dev.relayj.tls.TlsListener;
import dev.relayj.tls.TlsSettings;
import dev.relayj.web.StaticFileServer;
import dev.relayj.xftp.protocol.XftpError;
import dev.relayj.xftp.protocol.XftpException;
import dev.relayj.xftp.protocol.XftpVersions;
import dev.relayj.xftp.store.ChunkFiles;
import dev.relayj.xftp.store.FileStore;
import dev.relayj.xftp.store.FileStoreLog;
import dev.relayj.xftp.store.FileStoreLogLoader;
import dev.relayj.xftp.store.FsyncPolicy;
import dev.relayj.xftp.store.StorageQuota;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The XFTP relay ({@code runXFTPServer} of {@code FileTransfer/Server.hs}): on start it loads the
 * store log, reconciles the files directory, restores the quota and the stats and expires old
 * files; then it serves XFTP over HTTP/2 on one TLS port and runs file expiry, the daily stats
 * CSV, the metrics file and the inactive-client check on their schedules. It owns all of these
 * and stops them on {@link #close()}: stop accepting, GOAWAY to every client, close the
 * connections, flush and close the store log, save the stats.
 */
public final class XftpServer implements AutoCloseable {
    /** How long open requests may finish after GOAWAY when the server stops. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);
    /** How long stopping waits for requests still running once the connections are closed. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    /** The pause between files when expiry runs on schedule ({@code expireServerFiles (Just 100000)}). */
    private static final Duration EXPIRY_ITEM_DELAY = Duration.ofMillis(100);

    /**
     * How the server runs besides its configuration.
     *
     * @param clock      the time of file creation, expiry, stats and client activity
     * @param log        where operator notes go (the reference's {@code logNote}, {@code logWarn}, {@code logError})
     * @param bindHost   the address to listen on, or null for all interfaces
     * @param version    the server version shown in the metrics file
     * @param uploadTimeout time allowed to receive one chunk ({@code fileTimeout})
     * @param handshakeTimeout time from the end of TLS to the end of the XFTP handshake (or the first
     *     request of a connection without one) before the connection is closed
     */
    public record Options(Clock clock, System.Logger log, String bindHost, String version, Duration uploadTimeout,
            Duration handshakeTimeout) {
        public static final Options DEFAULT = new Options(Clock.systemUTC(), System.getLogger(XftpServer.class.getName()),
                null, "relayj", XftpServerConfig.FILE_TIMEOUT);

        public Options(Clock clock, System.Logger log, String bindHost, String version, Duration uploadTimeout) {
            this(clock, log, bindHost, version, uploadTimeout, XftpServerConfig.HANDSHAKE_TIMEOUT);
        }

        public Options withBindHost(String host) {
            return new Options(clock, log, host, version, uploadTimeout, handshakeTimeout);
        }

        public Options withVersion(String serverVersion) {
            return new Options(clock, log, bindHost, serverVersion, uploadTimeout, handshakeTimeout);
        }

        public Options withHandshakeTimeout(Duration timeout) {
            return new Options(clock, log, bindHost, version, uploadTimeout, timeout);
        }
    }

    private record Live(TlsConnection tls, Http2Connection http2, XftpConnection xftp) {}

    private final XftpServerConfig config;
    private final Options options;
    private final FileService files;
    private final Optional<FileStoreLog> storeLog;
    private final XftpServerStats stats;
    private final Set<Live> connections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Requests run only while the relay is active; stopping waits for those in flight before the store closes. */
    private final CommandGate requests = new CommandGate(new AtomicBoolean(true));
    private final List<PeriodicJob> schedules = new ArrayList<>();
    private final List<AutoCloseable> writers = new ArrayList<>();
    private TlsListener listener;
    /** Replaced by {@link #reloadCredentials}; each new connection takes the current one. */
    private final java.util.concurrent.atomic.AtomicReference<ServerIdentity> identity =
            new java.util.concurrent.atomic.AtomicReference<>();
    private volatile boolean webPort;
    private volatile java.util.function.Supplier<String> certificateReload = () -> "reloading certificates is not set up";
    private String caFingerprint;
    private ControlPortServer controlPort;

    private XftpServer(XftpServerConfig config, Options options, FileService files, Optional<FileStoreLog> storeLog,
            XftpServerStats stats) {
        this.config = config;
        this.options = options;
        this.files = files;
        this.storeLog = storeLog;
        this.stats = stats;
    }

    /**
     * Starts listening on the configured port (on all interfaces).
     *
     * @param webCredentials the browser certificate served on the same port, if configured
     */
    public static XftpServer start(XftpServerConfig config, ServerCredentials credentials,
            Optional<ServerCredentials> webCredentials) throws IOException {
        return start(config, credentials, webCredentials, Options.DEFAULT);
    }

    /** As {@link #start(XftpServerConfig, ServerCredentials, Optional)}, bound to {@code bindHost} (null: all interfaces). */
    public static XftpServer start(XftpServerConfig config, ServerCredentials credentials,
            Optional<ServerCredentials> webCredentials, String bindHost) throws IOException {
        return start(config, credentials, webCredentials, Options.DEFAULT.withBindHost(bindHost));
    }

    public static XftpServer start(XftpServerConfig config, ServerCredentials credentials,
            Optional<ServerCredentials> webCredentials, Options options) throws IOException {
        ServerIdentity identity = ServerIdentity.load(credentials, config.credentials().privateKey());
        System.Logger log = options.log();
        FileStore store = new FileStore();
        ChunkFiles chunks = new ChunkFiles(config.files().path());
        Optional<Path> logFile = config.store().storeLogFile();
        long used;
        Optional<FileStoreLog> storeLog = Optional.empty();
        if (logFile.isPresent()) {
            FileStoreLogLoader.replay(logFile.get(), store, note -> log.log(Level.INFO, note));
            used = chunks.reconcile(store, note -> log.log(Level.INFO, note));
            storeLog = Optional.of(FileStoreLogLoader.compact(logFile.get(), store, FsyncPolicy.OS_BUFFERED,
                    options.clock(), note -> log.log(Level.INFO, note)));
        } else {
            Files.createDirectories(config.files().path());
            used = store.usedStorage();
        }
        long quotaBytes = config.files().storageQuota().orElse(Long.MAX_VALUE);
        StorageQuota quota = new StorageQuota(quotaBytes, used);
        if (config.files().storageQuota().isPresent()) {
            // newXFTPServerEnv in FileTransfer/Server/Env.hs
            log.log(Level.INFO, "Total / available storage: " + quotaBytes + " / " + (quotaBytes - used));
            if (quotaBytes < used) {
                log.log(Level.WARNING, "WARNING: storage quota is less than used storage, no files can be uploaded!");
            }
        }
        XftpServerStats stats = new XftpServerStats(options.clock().instant());
        FileService files = new FileService(config, store, storeLog, chunks, quota, stats, options.clock(),
                new SecureRandom(), options.uploadTimeout(), log);
        XftpServer server = new XftpServer(config, options, files, storeLog, stats);
        try {
            server.expireFilesNow(Duration.ZERO);
            server.restoreStats(store);
            server.startSchedules();
            Optional<StaticFileServer> site = server.staticSite();
            TlsSettings settings = new TlsSettings(credentials, webCredentials.orElse(null), XftpServerConfig.ALPN,
                    TlsSettings.DEFAULT_HANDSHAKE_TIMEOUT, config.logTlsErrors())
                    .withProtocolHandshakeTimeout(options.handshakeTimeout());
            server.identity.set(identity);
            server.webPort = webCredentials.isPresent();
            server.caFingerprint = credentials.caFingerprint();
            SecureRandom random = new SecureRandom();
            server.listener = TlsListener.open(options.bindHost(), config.port(), settings,
                    tls -> server.serve(tls, server.identity.get(), site, random, server.webPort));
            server.controlPort = XftpOperations.startControlPort(config, new XftpServerControl(files, () -> server.certificateReload.get()), options.clock())
                    .orElse(null);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * New connections get these credentials (the online certificate from {@code xftp-server cert}
     * and the web certificate); open connections keep theirs. The CA, and with it the fingerprint
     * in the server address, must be the one the server started with.
     */
    public void reloadCredentials(ServerCredentials credentials, Optional<ServerCredentials> webCredentials)
            throws IOException {
        if (!credentials.caFingerprint().equals(caFingerprint)) {
            throw new IOException("the CA certificate differs from the one the server started with; restart to change it");
        }
        identity.set(ServerIdentity.load(credentials, config.credentials().privateKey()));
        listener.replaceCredentials(credentials, webCredentials.orElse(null));
        webPort = webCredentials.isPresent();
    }

    /** What the control port's {@code reload-certs} and SIGHUP run; returns the line to show. */
    public void onCertificateReload(java.util.function.Supplier<String> reload) {
        certificateReload = reload;
    }

    /** The XFTP port, which browsers share (SNI), answers TLS-ALPN-01 challenges (RFC 8737) from these certificates. */
    public void answerAcmeChallenges(dev.relayj.tls.AcmeTlsChallenges challenges) {
        listener.answerAcmeChallenges(challenges);
    }

    /** The bound port (useful when the configuration asks for port 0). */
    public int port() {
        return listener.port();
    }

    /** The bound control port, when {@code control_port} is set. */
    public OptionalInt controlPort() {
        return controlPort == null ? OptionalInt.empty() : OptionalInt.of(controlPort.port());
    }

    /** Bytes of uploaded chunks counted against the quota. */
    public long usedStorage() {
        return files.quota().used();
    }

    /**
     * Deletes a file (by sender or recipient id) with its recipients and body, as the control
     * port's {@code delete} does; the error when there is no such file or it cannot be removed.
     */
    public Optional<XftpError> deleteFile(EntityId id) throws IOException {
        try {
            return files.deleteFile(files.findFile(id));
        } catch (XftpException e) {
            return Optional.of(e.error());
        }
    }

    /** Blocks a file (by sender or recipient id) and removes its body, as the control port's {@code block}. */
    public Optional<XftpError> blockFile(EntityId id, BlockingInfo info) throws IOException {
        try {
            return files.blockFile(files.findFile(id), info);
        } catch (XftpException e) {
            return Optional.of(e.error());
        }
    }

    /** Runs one file expiry pass now, without pauses between files. */
    void expireFilesNow() throws IOException, InterruptedException {
        expireFilesNow(Duration.ZERO);
    }

    /** Closes every connection whose last request is older than the inactivity TTL; returns how many. */
    int expireInactiveClientsNow() {
        Optional<ExpirationConfig> expiration = config.inactiveClientExpiration();
        if (expiration.isEmpty()) {
            return 0;
        }
        long oldSeconds = Math.floorDiv(options.clock().millis(), 1000L) - expiration.get().ttl().toSeconds();
        int closedCount = 0;
        for (Live live : connections) {
            if (Math.floorDiv(live.xftp().lastActiveMillis(), 1000L) < oldSeconds) {
                live.tls().close();
                closedCount++;
            }
        }
        return closedCount;
    }

    /** The live counters, for tests. */
    XftpServerStats stats() {
        return stats;
    }

    private void expireFilesNow(Duration itemDelay) throws IOException {
        try {
            files.expireFiles(config.fileExpiration().ttl(), itemDelay, closed::get);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(TlsConnection tls, ServerIdentity identity, Optional<StaticFileServer> site, SecureRandom random,
            boolean webPort) throws IOException {
        if (closed.get()) {
            return;
        }
        boolean sniUsed = tls.webCredentialsUsed();
        XftpConnection xftp = new XftpConnection(files, identity, XftpVersions.SUPPORTED_FILE_SERVER_VRANGE, site,
                random, options.clock(), tls.sessionId(), tls.alpn(), sniUsed, sniUsed && webPort, tls::endSetup);
        Http2Connection http2 = new Http2Connection(tls.input(), tls.output(), Http2ServerConfig.DEFAULT,
                (request, response) -> {
                    if (!requests.enter()) {
                        throw new IOException("the server is stopping");
                    }
                    try {
                        xftp.handle(request, response);
                    } finally {
                        requests.exit();
                    }
                });
        Live live = new Live(tls, http2, xftp);
        connections.add(live);
        try {
            if (!closed.get()) {
                http2.run();
            }
        } finally {
            connections.remove(live);
        }
    }

    private Optional<StaticFileServer> staticSite() {
        Optional<Path> path = config.web().staticPath();
        if (path.isEmpty()) {
            return Optional.empty();
        }
        if (!Files.isDirectory(path.get())) {
            options.log().log(Level.INFO, "Static site " + path.get() + " is not available: no such directory");
            return Optional.empty();
        }
        return Optional.of(new StaticFileServer(path.get()));
    }

    /** {@code restoreServerStats}: counters from the saved file, file count and size from the store. */
    private void restoreStats(FileStore store) throws IOException {
        Path backup = config.stats().backupFile();
        StatsStateFile file = new StatsStateFile(backup);
        if (!Files.exists(backup)) {
            return;
        }
        System.Logger log = options.log();
        log.log(Level.INFO, "restoring server stats from file " + backup);
        Optional<XftpServerStatsData> data;
        try {
            data = stats.restoreFrom(file);
        } catch (StatsFormatException e) {
            throw new IOException("error restoring server stats from " + backup + ": " + e.getMessage(), e);
        }
        if (data.isEmpty()) {
            return;
        }
        long count = store.fileCount();
        long size = files.quota().used();
        stats.counter(FILES_COUNT).set(count);
        stats.counter(FILES_SIZE).set(size);
        log.log(Level.INFO, "server stats restored");
        if (data.get().get(FILES_COUNT) != count) {
            log.log(Level.WARNING, "Files count differs: stats: " + data.get().get(FILES_COUNT) + ", store: " + count);
        }
        if (data.get().get(FILES_SIZE) != size) {
            log.log(Level.WARNING, "Files size differs: stats: " + data.get().get(FILES_SIZE) + ", store: " + size);
        }
        log.log(Level.INFO, "Restored " + (size / 1048576) + " MBs in " + count + " files");
    }

    private void startSchedules() {
        System.Logger log = options.log();
        ExpirationConfig fileExpiration = config.fileExpiration();
        schedule("file-expiry", fileExpiration.checkInterval(), () -> expireFilesNow(EXPIRY_ITEM_DELAY));
        config.inactiveClientExpiration().ifPresent(expiration ->
                schedule("inactive-clients", expiration.checkInterval(), this::expireInactiveClientsNow));
        XftpServerConfig.Stats statsConfig = config.stats();
        if (statsConfig.logStats()) {
            System.out.println("server stats log enabled: " + statsConfig.dailyLogFile());
            DailyStatsLogger logger = new DailyStatsLogger(statsConfig.dailyLogFile(), options.clock(),
                    DailyStatsLogger.DEFAULT_START_SECOND_OF_DAY, DailyStatsLogger.DEFAULT_INTERVAL_SECONDS, stats::csvRow);
            writers.add(logger);
            logger.start();
        }
        statsConfig.prometheusInterval().ifPresent(interval -> {
            System.out.println("Prometheus metrics saved every " + interval.toSeconds() + " seconds to "
                    + statsConfig.prometheusMetricsFile());
            String rts = Optional.ofNullable(System.getenv(XftpPrometheusMetrics.RTS_OPTIONS_ENV))
                    .orElse("set " + XftpPrometheusMetrics.RTS_OPTIONS_ENV);
            MetricsFileWriter writer = new MetricsFileWriter(statsConfig.prometheusMetricsFile(), options.clock(),
                    interval.toSeconds(), at -> XftpPrometheusMetrics.render(stats.snapshot(), at, options.version(), rts));
            writers.add(writer);
            writer.start();
        });
    }

    /** Runs {@code task} every {@code interval}, first after one interval, until the server stops. */
    private void schedule(String name, Duration interval, PeriodicJob.Job task) {
        schedules.add(PeriodicJob.every(name, interval, () -> {
            try {
                task.run();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                options.log().log(Level.ERROR, name + " error: " + e.getMessage());
            }
        }));
    }

    /**
     * Orderly stop ({@code stopServer}): stop accepting and the schedules, GOAWAY to every client
     * and a short wait for requests in flight, close the connections, close the store log, save
     * the stats. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (PeriodicJob schedule : schedules) {
            schedule.close();
        }
        List<Thread> goingAway = new ArrayList<>();
        for (Live live : connections) {
            goingAway.add(Thread.ofVirtual().name("xftp-goaway").start(() -> {
                try {
                    live.http2().shutdown(SHUTDOWN_GRACE);
                } catch (IOException e) {
                    // the client is gone already
                }
            }));
        }
        for (Thread thread : goingAway) {
            try {
                thread.join(SHUTDOWN_GRACE.toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (listener != null) {
            listener.close();
        }
        if (controlPort != null) {
            controlPort.close();
        }
        try {
            // the connections are closed: requests still running fail at their next read or write
            if (!requests.closeAndDrain(DRAIN_TIMEOUT)) {
                options.log().log(Level.WARNING, "requests still running after " + DRAIN_TIMEOUT.toSeconds()
                        + " s; closing the store log");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (AutoCloseable writer : writers) {
            try {
                writer.close();
            } catch (Exception e) {
                options.log().log(Level.ERROR, "Error stopping stats writer: " + e.getMessage());
            }
        }
        if (storeLog.isPresent()) {
            try {
                storeLog.get().close();
            } catch (IOException e) {
                options.log().log(Level.ERROR, "Error closing store log: " + e.getMessage());
            }
        }
        saveStats();
        options.log().log(Level.INFO, "Server stopped");
    }

    private void saveStats() {
        Path backup = config.stats().backupFile();
        try {
            options.log().log(Level.INFO, "saving server stats to file " + backup);
            stats.saveTo(new StatsStateFile(backup));
            options.log().log(Level.INFO, "server stats saved");
        } catch (IOException e) {
            options.log().log(Level.ERROR, "Error saving server stats to " + backup + ": " + e.getMessage());
        }
    }
}
