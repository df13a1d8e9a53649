package dev.relayj.xftp.server;

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
import java.util.OptionalLong;

/**
 * Everything the XFTP relay is configured with: the settings of file-server.ini with the defaults
 * of the reference ({@code XFTPServerConfig} in FileTransfer/Server/Env.hs, filled in by
 * {@code serverConfig} in FileTransfer/Server/Main.hs).
 *
 * @param port the one port XFTP listens on ([TRANSPORT] {@code port})
 * @param webCredentials [WEB] {@code cert} and {@code key}: a browser certificate served on the same
 *     port to clients that offer only {@code h2}
 */
public record XftpServerConfig(
        int port,
        Optional<String> host,
        boolean logTlsErrors,
        OptionalInt controlPort,
        CredentialFiles credentials,
        Optional<CredentialFiles> webCredentials,
        Store store,
        FileStorage files,
        Auth auth,
        ExpirationConfig fileExpiration,
        Optional<ExpirationConfig> inactiveClientExpiration,
        Stats stats,
        Optional<ServerPublicInfo> information,
        WebConfig web) {

    /** {@code alpnSupportedXFTPhandshakes} followed by {@code httpALPN} (FileTransfer/Server/Main.hs). */
    public static final List<String> ALPN = List.of("xftp/1", "h2", "http/1.1");
    public static final int DEFAULT_PORT = 443;
    public static final int DEFAULT_CONTROL_PORT = 5226;
    /** As SMP's {@code smpHandshakeTimeout}: the reference's XFTP relies on its inactive-client sweep alone. */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(120);
    public static final int FILE_ID_SIZE = 16;
    /** Time allowed to send one 4 MB chunk. */
    public static final Duration FILE_TIMEOUT = Duration.ofMinutes(5);
    public static final long DEFAULT_FILE_EXPIRATION_HOURS = 48;
    public static final ExpirationConfig DEFAULT_FILE_EXPIRATION =
            new ExpirationConfig(Duration.ofHours(DEFAULT_FILE_EXPIRATION_HOURS), Duration.ofHours(2));

    public enum FileStoreType { MEMORY, DATABASE }

    public static final DbOptions DEFAULT_DB = new DbOptions("postgresql://xftp@/xftp_server_store", "xftp_server", 10);

    /** [STORE_LOG]: the file store log is absent when disabled. */
    public record Store(FileStoreType type, Optional<Path> storeLogFile, DbOptions db, boolean dbStoreLog) {}

    /** [FILES]: where chunks are kept and how many bytes they may take in total. */
    public record FileStorage(Path path, OptionalLong storageQuota) {}

    /** [AUTH]: passwords are basic-auth strings (printable ASCII without whitespace, '@', ':' and '/'). */
    public record Auth(
            boolean allowNewFiles,
            Optional<String> createPassword,
            Optional<String> controlPortAdminPassword,
            Optional<String> controlPortUserPassword) {}

    public record Stats(
            boolean logStats,
            Path dailyLogFile,
            Path backupFile,
            Optional<Duration> prometheusInterval,
            Path prometheusMetricsFile) {}
}
