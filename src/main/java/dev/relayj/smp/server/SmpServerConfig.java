package dev.relayj.smp.server;

import dev.relayj.runtime.CredentialFiles;
import dev.relayj.runtime.DbOptions;
import dev.relayj.runtime.ExpirationConfig;
import dev.relayj.runtime.ServerPublicInfo;
import dev.relayj.runtime.WebConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything the SMP relay is configured with: the settings of smp-server.ini with the defaults of
 * the reference ({@code ServerConfig} in Server/Env/STM.hs, filled in by {@code serverConfig} in
 * Server/Main.hs).
 */
public record SmpServerConfig(
        Transport transport,
        CredentialFiles credentials,
        Store store,
        Auth auth,
        Expiry expiry,
        Stats stats,
        Proxy proxy,
        Optional<ServerPublicInfo> information,
        WebConfig web) {

    /** The ALPN names of SMP ({@code alpnSupportedSMPHandshakes}) followed by HTTP ({@code httpALPN}) for the shared web port. */
    public static final List<String> ALPN = List.of("smp/1", "h2", "http/1.1");
    public static final int DEFAULT_PORT = 5223;
    public static final int DEFAULT_CONTROL_PORT = 5224;
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(120);
    public static final int MSG_QUEUE_QUOTA = 128;
    public static final int MAX_JOURNAL_MSG_COUNT = 256;
    public static final int MAX_JOURNAL_STATE_LINES = 16;
    public static final int QUEUE_ID_BYTES = 24;
    /** At least 24: message ids double as XSalsa20 nonces. */
    public static final int MSG_ID_BYTES = 24;
    public static final Duration IDLE_QUEUE_INTERVAL = Duration.ofHours(4);
    public static final Duration PENDING_END_INTERVAL = Duration.ofSeconds(15);
    public static final Duration NTF_DELIVERY_INTERVAL = Duration.ofMillis(1500);
    public static final long DEFAULT_MSG_EXPIRATION_DAYS = 21;
    public static final long DEFAULT_NTF_EXPIRATION_HOURS = 24;
    public static final ExpirationConfig DEFAULT_MESSAGE_EXPIRATION =
            new ExpirationConfig(Duration.ofDays(DEFAULT_MSG_EXPIRATION_DAYS), Duration.ofHours(2));
    public static final ExpirationConfig DEFAULT_NTF_EXPIRATION =
            new ExpirationConfig(Duration.ofHours(DEFAULT_NTF_EXPIRATION_HOURS), Duration.ofHours(1));
    public static final int DEFAULT_DAILY_BLOCK_QUEUE_QUOTA = 20;
    public static final int DEFAULT_PROXY_CLIENT_CONCURRENCY = 32;
    public static final long DEFAULT_DELETED_TTL_DAYS = 21;

    /** How a listening port speaks: plain TLS or WebSockets over TLS. */
    public enum TransportKind {
        TLS("TLS"), WEBSOCKETS("WebSockets");

        private final String displayName;

        TransportKind(String displayName) {
            this.displayName = displayName;
        }

        /** As the startup banner names it ({@code transportName}). */
        public String displayName() {
            return displayName;
        }
    }

    /** One listening port; {@code attachHttp} when the web site shares it (ALPN h2/http/1.1). */
    public record ServerPort(int port, TransportKind kind, boolean attachHttp) {}

    /** [TRANSPORT]: {@code host} is only printed in the server address. */
    public record Transport(
            List<ServerPort> ports,
            Optional<String> host,
            boolean logTlsErrors,
            boolean acceptServiceCredentials,
            OptionalInt controlPort) {}

    public enum QueueStoreType { MEMORY, DATABASE }

    public enum MessageStoreType { MEMORY, JOURNAL, DATABASE }

    /** The defaults of the PostgreSQL options of [STORE_LOG]. */
    public static final DbOptions DEFAULT_DB = new DbOptions("postgresql://smp@/smp_server_store", "smp_server", 10);

    /**
     * [STORE_LOG] persistence: the queue store log (absent when disabled), the message file saved on
     * stop and restored on start (memory mode), the journal directory, and the notifications file.
     */
    public record Store(
            QueueStoreType queues,
            MessageStoreType messages,
            Optional<Path> storeLogFile,
            Optional<Path> storeMsgsFile,
            Path storeMsgsJournalDir,
            Optional<Path> storeNtfsFile,
            DbOptions db,
            boolean dbStoreLog,
            Duration deletedTtl) {}

    /** [AUTH]: passwords are basic-auth strings (printable ASCII without whitespace, '@', ':' and '/'). */
    public record Auth(
            boolean allowNewQueues,
            Optional<String> createPassword,
            Optional<String> controlPortAdminPassword,
            Optional<String> controlPortUserPassword,
            int dailyBlockQueueQuota) {}

    /** Message, notification and inactive client expiry ([STORE_LOG], [INACTIVE_CLIENTS]). */
    public record Expiry(
            ExpirationConfig messageExpiration,
            boolean expireMessagesOnStart,
            boolean expireMessagesOnSend,
            ExpirationConfig notificationExpiration,
            Optional<ExpirationConfig> inactiveClientExpiration) {}

    /** Daily CSV statistics ({@code log_stats}) and the Prometheus metrics file ({@code prometheus_interval}). */
    public record Stats(
            boolean logStats,
            Path dailyLogFile,
            Path backupFile,
            Optional<Duration> prometheusInterval,
            Path prometheusMetricsFile) {}

    public enum SocksMode { ALWAYS, ONION }

    public enum HostMode { PUBLIC, ONION }

    public record SocksProxy(String host, int port) {
        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** [PROXY]: the client this relay uses to forward messages to other relays. */
    public record Proxy(
            Optional<SocksProxy> socksProxy,
            SocksMode socksMode,
            HostMode hostMode,
            boolean requiredHostMode,
            List<String> ownServerDomains,
            int clientConcurrency) {}
}
