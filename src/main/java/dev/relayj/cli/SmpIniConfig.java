package dev.relayj.cli;

import dev.relayj.ini.IniEntry;
import dev.relayj.ini.IniException;
import dev.relayj.ini.IniFile;
import dev.relayj.runtime.ExpirationConfig;
import dev.relayj.smp.server.SmpServerConfig;
import dev.relayj.smp.server.SmpServerConfig.Auth;
import dev.relayj.runtime.DbOptions;
import dev.relayj.smp.server.SmpServerConfig.Expiry;
import dev.relayj.smp.server.SmpServerConfig.HostMode;
import dev.relayj.smp.server.SmpServerConfig.MessageStoreType;
import dev.relayj.smp.server.SmpServerConfig.Proxy;
import dev.relayj.smp.server.SmpServerConfig.QueueStoreType;
import dev.relayj.smp.server.SmpServerConfig.ServerPort;
import dev.relayj.smp.server.SmpServerConfig.SocksMode;
import dev.relayj.smp.server.SmpServerConfig.SocksProxy;
import dev.relayj.smp.server.SmpServerConfig.Stats;
import dev.relayj.smp.server.SmpServerConfig.Store;
import dev.relayj.smp.server.SmpServerConfig.TransportKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Builds the SMP relay's configuration from smp-server.ini as {@code serverConfig} in Server/Main.hs does. */
final class SmpIniConfig {
    static final String INI_FILE = "smp-server.ini";
    static final String STORE_LOG_FILE = "smp-server-store.log";
    static final String STORE_MSGS_FILE = "smp-server-messages.log";
    static final String STORE_NTFS_FILE = "smp-server-ntfs.log";

    private SmpIniConfig() {}

    static SmpServerConfig read(IniFile ini, Path cfgPath, Path logPath) throws IniException {
        return new SmpServerConfig(transport(ini), IniSettings.serverCredentials(cfgPath), store(ini, logPath),
                auth(ini), expiry(ini), stats(ini, logPath), proxy(ini), IniSettings.information(ini),
                IniSettings.web(ini));
    }

    /**
     * {@code iniTransports}: every {@code port} serves TLS; {@code websockets} is {@code off}, {@code on}
     * (port 80) or its own port list; a port equal to [WEB] {@code https} also serves the web site.
     */
    static List<ServerPort> ports(IniFile ini) throws IniException {
        IniEntry portEntry = ini.requiredEntry("TRANSPORT", "port");
        IniEntry wsEntry = ini.requiredEntry("TRANSPORT", "websockets");
        List<String> smpPorts = splitPorts(portEntry.value());
        List<String> wsPorts = switch (wsEntry.value()) {
            case "off" -> List.of();
            case "on" -> List.of("80");
            default -> {
                List<String> ws = new ArrayList<>(splitPorts(wsEntry.value()));
                ws.removeAll(smpPorts);
                yield ws;
            }
        };
        Optional<String> webPort = ini.value("WEB", "https");
        List<ServerPort> ports = new ArrayList<>();
        for (String p : smpPorts) {
            ports.add(new ServerPort(IniSettings.port(ini, portEntry, p), TransportKind.TLS, webPort.equals(Optional.of(p))));
        }
        for (String p : wsPorts) {
            ports.add(new ServerPort(IniSettings.port(ini, wsEntry, p), TransportKind.WEBSOCKETS,
                    webPort.equals(Optional.of(p))));
        }
        return List.copyOf(ports);
    }

    private static List<String> splitPorts(String value) {
        return Arrays.stream(value.split(",", -1)).map(String::strip).toList();
    }

    private static SmpServerConfig.Transport transport(IniFile ini) throws IniException {
        return new SmpServerConfig.Transport(ports(ini), ini.value("TRANSPORT", "host"),
                ini.onOff("TRANSPORT", "log_tls_errors", false),
                ini.onOff("TRANSPORT", "accept_service_credentials", true),
                IniSettings.optionalPort(ini, "TRANSPORT", "control_port"));
    }

    /** {@code readStoreType}: {@code store_queues} and {@code store_messages}, both {@code memory} by default. */
    static QueueStoreType queueStoreType(IniFile ini) throws IniException {
        Optional<IniEntry> e = ini.entry("STORE_LOG", "store_queues");
        if (e.isEmpty()) {
            return QueueStoreType.MEMORY;
        }
        return switch (e.get().value()) {
            case "memory" -> QueueStoreType.MEMORY;
            case "database" -> QueueStoreType.DATABASE;
            default -> throw ini.invalid(e.get(), "use memory or database");
        };
    }

    static MessageStoreType messageStoreType(IniFile ini) throws IniException {
        Optional<IniEntry> e = ini.entry("STORE_LOG", "store_messages");
        if (e.isEmpty()) {
            return MessageStoreType.MEMORY;
        }
        return switch (e.get().value()) {
            case "memory" -> MessageStoreType.MEMORY;
            case "journal" -> MessageStoreType.JOURNAL;
            case "database" -> MessageStoreType.DATABASE;
            default -> throw ini.invalid(e.get(), "use memory, journal or database");
        };
    }

    private static Store store(IniFile ini, Path logPath) throws IniException {
        QueueStoreType queues = queueStoreType(ini);
        MessageStoreType messages = messageStoreType(ini);
        if ((queues == QueueStoreType.MEMORY && messages == MessageStoreType.DATABASE)
                || (queues == QueueStoreType.DATABASE && messages == MessageStoreType.MEMORY)) {
            throw new IniException(ini.fileName() + ": Database and memory storage are not compatible.");
        }
        boolean enable = ini.isOn("STORE_LOG", "enable");
        boolean dbStoreLog = ini.isOn("STORE_LOG", "db_store_log");
        Path storeLog = logPath.resolve(STORE_LOG_FILE);
        // restore_messages defaults to the store log setting
        boolean restore = ini.onOff("STORE_LOG", "restore_messages").orElse(enable);
        Optional<Path> storeLogFile = switch (queues) {
            case MEMORY -> messages == MessageStoreType.JOURNAL || enable ? Optional.of(storeLog) : Optional.empty();
            case DATABASE -> dbStoreLog ? Optional.of(storeLog) : Optional.empty();
        };
        Optional<Path> storeMsgsFile = queues == QueueStoreType.MEMORY && messages == MessageStoreType.MEMORY
                && enable && restore ? Optional.of(logPath.resolve(STORE_MSGS_FILE)) : Optional.empty();
        Optional<Path> storeNtfsFile = restore ? Optional.of(logPath.resolve(STORE_NTFS_FILE)) : Optional.empty();
        DbOptions dflt = SmpServerConfig.DEFAULT_DB;
        DbOptions db = new DbOptions(ini.value("STORE_LOG", "db_connection").orElse(dflt.connection()),
                ini.value("STORE_LOG", "db_schema").orElse(dflt.schema()),
                ini.intValue("STORE_LOG", "db_pool_size", dflt.poolSize()));
        Duration deletedTtl = Duration.ofSeconds(ini.longValue("STORE_LOG", "db_deleted_ttl",
                86400 * SmpServerConfig.DEFAULT_DELETED_TTL_DAYS));
        return new Store(queues, messages, storeLogFile, storeMsgsFile, logPath.resolve("messages"), storeNtfsFile, db,
                dbStoreLog, deletedTtl);
    }

    private static Auth auth(IniFile ini) throws IniException {
        return new Auth(ini.onOff("AUTH", "new_queues", true),
                IniSettings.password(ini, "AUTH", "create_password"),
                IniSettings.password(ini, "AUTH", "control_port_admin_password"),
                IniSettings.password(ini, "AUTH", "control_port_user_password"),
                ini.intValue("AUTH", "daily_block_queue_quota", SmpServerConfig.DEFAULT_DAILY_BLOCK_QUEUE_QUOTA));
    }

    private static Expiry expiry(IniFile ini) throws IniException {
        long days = ini.longValue("STORE_LOG", "expire_messages_days", SmpServerConfig.DEFAULT_MSG_EXPIRATION_DAYS);
        long hours = ini.longValue("STORE_LOG", "expire_ntfs_hours", SmpServerConfig.DEFAULT_NTF_EXPIRATION_HOURS);
        return new Expiry(
                new ExpirationConfig(Duration.ofDays(days), SmpServerConfig.DEFAULT_MESSAGE_EXPIRATION.checkInterval()),
                ini.onOff("STORE_LOG", "expire_messages_on_start", true),
                // the reference defaults this to on when absent, although its template writes off
                ini.onOff("STORE_LOG", "expire_messages_on_send", true),
                new ExpirationConfig(Duration.ofHours(hours), SmpServerConfig.DEFAULT_NTF_EXPIRATION.checkInterval()),
                IniSettings.inactiveClients(ini));
    }

    private static Stats stats(IniFile ini, Path logPath) throws IniException {
        return new Stats(ini.isOn("STORE_LOG", "log_stats"), logPath.resolve("smp-server-stats.daily.log"),
                logPath.resolve("smp-server-stats.log"), IniSettings.prometheusInterval(ini),
                logPath.resolve("smp-server-metrics.txt"));
    }

    private static Proxy proxy(IniFile ini) throws IniException {
        Optional<SocksProxy> socks = Optional.empty();
        Optional<IniEntry> socksEntry = ini.entry("PROXY", "socks_proxy");
        if (socksEntry.isPresent()) {
            socks = Optional.of(socksProxy(socksEntry.get().value())
                    .orElseThrow(() -> ini.invalid(socksEntry.get(), "SOCKS5 host should be IPv4 or IPv6 address")));
        }
        SocksMode socksMode = SocksMode.ONION;
        Optional<IniEntry> modeEntry = ini.entry("PROXY", "socks_mode");
        if (modeEntry.isPresent()) {
            socksMode = switch (modeEntry.get().value()) {
                case "always" -> SocksMode.ALWAYS;
                case "onion" -> SocksMode.ONION;
                default -> throw ini.invalid(modeEntry.get(), "use always or onion");
            };
        }
        HostMode hostMode = HostMode.PUBLIC;
        Optional<IniEntry> hostEntry = ini.entry("PROXY", "host_mode");
        if (hostEntry.isPresent()) {
            hostMode = switch (hostEntry.get().value()) {
                case "public" -> HostMode.PUBLIC;
                case "onion" -> HostMode.ONION;
                default -> throw ini.invalid(hostEntry.get(), "Invalid host_mode: " + hostEntry.get().value());
            };
        }
        // own_server_domains is space-separated when read (T.words), though init writes it comma-separated
        List<String> ownDomains = ini.value("PROXY", "own_server_domains")
                .map(v -> Arrays.stream(v.split("\\s+")).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
        return new Proxy(socks, socksMode, hostMode, ini.onOff("PROXY", "required_host_mode", false), ownDomains,
                ini.intValue("PROXY", "client_concurrency", SmpServerConfig.DEFAULT_PROXY_CLIENT_CONCURRENCY));
    }

    /**
     * A SOCKS proxy as {@code strP} of {@code SocksProxy} reads it: an optional IPv4 or bracketed IPv6
     * host (default 127.0.0.1) and an optional {@code :port} (default 9050).
     */
    static Optional<SocksProxy> socksProxy(String text) {
        String host = "127.0.0.1";
        String rest = text;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = rest.substring(1, close);
            rest = rest.substring(close + 1);
        } else if (!rest.isEmpty() && !rest.startsWith(":")) {
            int colon = rest.indexOf(':');
            host = colon < 0 ? rest : rest.substring(0, colon);
            rest = colon < 0 ? "" : rest.substring(colon);
            if (!isIpv4(host)) {
                return Optional.empty();
            }
        }
        int port = 9050;
        if (!rest.isEmpty()) {
            if (!rest.startsWith(":") || rest.length() == 1 || !rest.substring(1).chars().allMatch(Character::isDigit)
                    || rest.length() > 6) {
                return Optional.empty();
            }
            port = Integer.parseInt(rest.substring(1));
            if (port > 65535) {
                return Optional.empty();
            }
        }
        return Optional.of(new SocksProxy(host, port));
    }

    private static boolean isIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
