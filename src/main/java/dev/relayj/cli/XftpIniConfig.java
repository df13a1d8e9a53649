package dev.relayj.cli;

import dev.relayj.ini.IniEntry;
import dev.relayj.ini.IniException;
import dev.relayj.ini.IniFile;
import dev.relayj.runtime.CredentialFiles;
import dev.relayj.runtime.ExpirationConfig;
import dev.relayj.xftp.server.XftpServerConfig;
import dev.relayj.runtime.DbOptions;
import dev.relayj.xftp.server.XftpServerConfig.FileStoreType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/** Builds the XFTP relay's configuration from file-server.ini as {@code serverConfig} in FileTransfer/Server/Main.hs does. */
final class XftpIniConfig {
    static final String INI_FILE = "file-server.ini";
    static final String STORE_LOG_FILE = "file-server-store.log";

    private XftpIniConfig() {}

    static XftpServerConfig read(IniFile ini, Path cfgPath, Path logPath) throws IniException {
        IniEntry portEntry = ini.requiredEntry("TRANSPORT", "port");
        int port = IniSettings.port(ini, portEntry, portEntry.value());
        // the web certificate is served on the XFTP port to browsers (FileTransfer/Server/Main.hs httpCredentials_)
        Optional<CredentialFiles> webCredentials = ini.value("WEB", "cert").isPresent() && ini.value("WEB", "key").isPresent()
                ? Optional.of(new CredentialFiles(Optional.empty(), Path.of(ini.value("WEB", "cert").get()),
                        Path.of(ini.value("WEB", "key").get())))
                : Optional.empty();
        return new XftpServerConfig(port, ini.value("TRANSPORT", "host"), ini.onOff("TRANSPORT", "log_tls_errors", false),
                IniSettings.optionalPort(ini, "TRANSPORT", "control_port"), IniSettings.serverCredentials(cfgPath),
                webCredentials, store(ini, logPath), files(ini), auth(ini), fileExpiration(ini),
                IniSettings.inactiveClients(ini), stats(ini, logPath), IniSettings.information(ini), IniSettings.web(ini));
    }

    private static XftpServerConfig.Store store(IniFile ini, Path logPath) throws IniException {
        FileStoreType type = FileStoreType.MEMORY;
        Optional<IniEntry> e = ini.entry("STORE_LOG", "store_files");
        if (e.isPresent()) {
            type = switch (e.get().value()) {
                case "memory" -> FileStoreType.MEMORY;
                case "database" -> FileStoreType.DATABASE;
                default -> throw ini.invalid(e.get(), "Invalid store_files value: " + e.get().value());
            };
        }
        Optional<Path> storeLog = ini.isOn("STORE_LOG", "enable")
                ? Optional.of(logPath.resolve(STORE_LOG_FILE)) : Optional.empty();
        DbOptions dflt = XftpServerConfig.DEFAULT_DB;
        DbOptions db = new DbOptions(ini.value("STORE_LOG", "db_connection").orElse(dflt.connection()),
                ini.value("STORE_LOG", "db_schema").orElse(dflt.schema()),
                ini.intValue("STORE_LOG", "db_pool_size", dflt.poolSize()));
        return new XftpServerConfig.Store(type, storeLog, db, ini.isOn("STORE_LOG", "db_store_log"));
    }

    private static XftpServerConfig.FileStorage files(IniFile ini) throws IniException {
        Path path = Path.of(ini.required("FILES", "path"));
        OptionalLong quota = OptionalLong.empty();
        Optional<IniEntry> q = ini.entry("FILES", "storage_quota");
        if (q.isPresent()) {
            quota = FileSizes.parse(q.get().value());
            if (quota.isEmpty()) {
                throw ini.invalid(q.get(), "expected a size such as 10gb, 512mb, 64kb or bytes");
            }
        }
        return new XftpServerConfig.FileStorage(path, quota);
    }

    private static XftpServerConfig.Auth auth(IniFile ini) throws IniException {
        return new XftpServerConfig.Auth(ini.onOff("AUTH", "new_files", true),
                IniSettings.password(ini, "AUTH", "create_password"),
                IniSettings.password(ini, "AUTH", "control_port_admin_password"),
                IniSettings.password(ini, "AUTH", "control_port_user_password"));
    }

    private static ExpirationConfig fileExpiration(IniFile ini) throws IniException {
        long hours = ini.longValue("STORE_LOG", "expire_files_hours", XftpServerConfig.DEFAULT_FILE_EXPIRATION_HOURS);
        return new ExpirationConfig(Duration.ofHours(hours), XftpServerConfig.DEFAULT_FILE_EXPIRATION.checkInterval());
    }

    private static XftpServerConfig.Stats stats(IniFile ini, Path logPath) throws IniException {
        return new XftpServerConfig.Stats(ini.isOn("STORE_LOG", "log_stats"),
                logPath.resolve("file-server-stats.daily.log"), logPath.resolve("file-server-stats.log"),
                IniSettings.prometheusInterval(ini), logPath.resolve("xftp-server-metrics.txt"));
    }
}
