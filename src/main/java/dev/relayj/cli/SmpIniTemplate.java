package dev.relayj.cli;

import dev.relayj.runtime.DbOptions;
import dev.relayj.runtime.ExpirationConfig;
import dev.relayj.smp.server.SmpServerConfig;
import java.nio.file.Path;
import java.util.Optional;

/** The smp-server.ini written by {@code init}, text for text as {@code iniFileContent} in Server/Main/Init.hs. */
final class SmpIniTemplate {
    private SmpIniTemplate() {}

    /**
     * @param host the {@code host} of [TRANSPORT]
     * @param password the password to create queues, if any
     * @param controlPortPasswords admin and user passwords of the control port, if it is enabled
     */
    static String content(Path cfgPath, Path logPath, SmpInitOptions opts, String host, Optional<String> password,
            Optional<String[]> controlPortPasswords) {
        StringBuilder sb = new StringBuilder();
        sb.append(information(opts));
        sb.append("[STORE_LOG]\n"
                + "# The server uses memory or PostgreSQL database for persisting queue records.\n"
                + "# Use `enable = on` to use append-only log to preserve and restore queue records on restart.\n"
                + "# Log is compacted on start (deleted objects are removed).\n");
        sb.append("enable = ").append(onOff(opts.enableStoreLog())).append("\n\n");
        sb.append("# Queue storage mode: `memory` or `database` (to store queue records in PostgreSQL database).\n"
                + "# `memory` - in-memory persistence, with optional append-only log (`enable = on`).\n"
                + "# `database`- PostgreSQL databass (requires `store_messages = journal`).\n"
                + "store_queues = memory\n\n"
                + "# Database connection settings for PostgreSQL database (`store_queues = database`).\n");
        sb.append(dbOptions(opts.db(), SmpServerConfig.DEFAULT_DB));
        sb.append("# Write database changes to store log file\n"
                + "# db_store_log = off\n\n"
                + "# Time to retain deleted queues in the database, days.\n");
        sb.append("# db_deleted_ttl = ").append(SmpServerConfig.DEFAULT_DELETED_TTL_DAYS).append("\n\n");
        sb.append("# Message storage mode: `memory` or `journal`.\n"
                + "store_messages = memory\n\n"
                + "# When store_messages is `memory`, undelivered messages are optionally saved and restored\n"
                + "# when the server restarts, they are preserved in the .bak file until the next restart.\n");
        sb.append("restore_messages = ").append(onOff(opts.enableStoreLog())).append("\n\n");
        sb.append("# Messages and notifications expiration periods.\n");
        sb.append("expire_messages_days = ").append(SmpServerConfig.DEFAULT_MSG_EXPIRATION_DAYS).append('\n');
        sb.append("expire_messages_on_start = on\n"
                + "expire_messages_on_send = off\n");
        sb.append("expire_ntfs_hours = ").append(SmpServerConfig.DEFAULT_NTF_EXPIRATION_HOURS).append("\n\n");
        sb.append("# Log daily server statistics to CSV file\n");
        sb.append("log_stats = ").append(onOff(opts.logStats())).append("\n\n");
        sb.append("# Log interval for real-time Prometheus metrics\n"
                + "# prometheus_interval = 60\n\n"
                + "[AUTH]\n"
                + "# Set new_queues option to off to completely prohibit creating new messaging queues.\n"
                + "# This can be useful when you want to decommission the server, but not all connections are switched yet.\n"
                + "new_queues = on\n\n"
                + "# Use create_password option to enable basic auth to create new messaging queues.\n"
                + "# The password should be used as part of server address in client configuration:\n"
                + "# smp://fingerprint:password@host1,host2\n"
                + "# The password will not be shared with the connecting contacts, you must share it only\n"
                + "# with the users who you want to allow creating messaging queues on your server.\n");
        sb.append(disabled(password)).append("create_password = ").append(password.orElse(
                "password to create new queues and forward messages (any printable ASCII characters without whitespace, '@', ':' and '/')"));
        sb.append("\n\n");
        sb.append(disabled(controlPortPasswords)).append("control_port_admin_password = ")
                .append(controlPortPasswords.map(p -> p[0]).orElse("")).append('\n');
        sb.append(disabled(controlPortPasswords)).append("control_port_user_password = ")
                .append(controlPortPasswords.map(p -> p[1]).orElse("")).append("\n\n");
        sb.append("# The limit for queues that can be blocked via control port per day, resets at 0:00 UTC.\n"
                + "# Set to 0 to disable limit, to -1 to prohibit blocking. Default is 20.\n"
                + "# daily_block_queue_quota = 20\n"
                + "\n"
                + "[TRANSPORT]\n"
                + "# Host is only used to print server address on start.\n"
                + "# You can specify multiple server ports.\n");
        sb.append("host = ").append(host).append('\n');
        sb.append("port = 5223,443\n");
        sb.append("log_tls_errors = off\n\n"
                + "# Use `websockets = 443` to run websockets server in addition to plain TLS.\n"
                + "# This option is deprecated and should be used for testing only.\n"
                + "# , port 443 should be specified in port above\n"
                + "websockets = off\n");
        sb.append(opts.controlPort().isEmpty() ? "# " : "").append("control_port = ")
                .append(opts.controlPort().orElse(SmpServerConfig.DEFAULT_CONTROL_PORT));
        sb.append("\n\n"
                + "[PROXY]\n"
                + "# Network configuration for SMP proxy client.\n"
                + "# `host_mode` can be 'public' (default) or 'onion'.\n"
                + "# It defines prefferred hostname for destination servers with multiple hostnames.\n"
                + "# host_mode = public\n"
                + "# required_host_mode = off\n\n"
                + "# The domain suffixes of the relays you operate (space-separated) to count as separate proxy statistics.\n");
        sb.append(opts.ownDomains().isEmpty() ? "# " : "").append("own_server_domains = ")
                .append(String.join(",", opts.ownDomains()));
        sb.append("\n\n"
                + "# SOCKS proxy port for forwarding messages to destination servers.\n"
                + "# You may need a separate instance of SOCKS proxy for incoming single-hop requests.\n");
        sb.append(disabled(opts.socksProxy())).append("socks_proxy = ")
                .append(opts.socksProxy().map(Object::toString).orElse("localhost:9050"));
        sb.append("\n\n"
                + "# `socks_mode` can be 'onion' for SOCKS proxy to be used for .onion destination hosts only (default)\n"
                + "# or 'always' to be used for all destination hosts (can be used if it is an .onion server).\n"
                + "# socks_mode = onion\n\n"
                + "# Limit number of threads a client can spawn to process proxy commands in parrallel.\n");
        sb.append("# client_concurrency = ").append(SmpServerConfig.DEFAULT_PROXY_CLIENT_CONCURRENCY);
        sb.append("\n\n"
                + "[INACTIVE_CLIENTS]\n"
                + "# TTL and interval to check inactive clients\n"
                + "disconnect = on\n");
        sb.append("ttl = ").append(ExpirationConfig.INACTIVE_CLIENTS_DEFAULT.ttl().toSeconds()).append('\n');
        sb.append("check_interval = ")
                .append(ExpirationConfig.INACTIVE_CLIENTS_DEFAULT.checkInterval().toSeconds());
        sb.append("\n\n"
                + "[WEB]\n"
                + "# Set path to generate static mini-site for server information and qr codes/links\n");
        sb.append("static_path = ").append(opts.webStaticPath().orElse(logPath.resolve("www").toString())).append("\n\n");
        sb.append("# Run an embedded server on this port\n"
                + "# Onion sites can use any port and register it in the hidden service config.\n"
                + "# Running on a port 80 may require setting process capabilities.\n"
                + "# http = 8000\n\n"
                + "# You can run an embedded TLS web server too if you provide port and cert and key files.\n"
                + "# Not required for running relay on onion address.\n");
        String webDisabled = opts.disableWeb() ? "# " : "";
        sb.append(webDisabled).append("https = 443\n");
        sb.append(webDisabled).append("cert = ").append(cfgPath.resolve("web.crt")).append('\n');
        sb.append(webDisabled).append("key = ").append(cfgPath.resolve("web.key")).append('\n');
        return sb.toString();
    }

    /** The [INFORMATION] section ({@code informationIniContent}). */
    private static String information(SmpInitOptions opts) {
        StringBuilder sb = new StringBuilder();
        sb.append("[INFORMATION]\n"
                + "# AGPLv3 license requires that you make any source code modifications\n"
                + "# available to the end users of the server.\n"
                + "# LICENSE: https://github.com/simplex-chat/simplexmq/blob/stable/LICENSE\n"
                + "# Include correct source code URI in case the server source code is modified in any way.\n"
                + "# If any other information fields are present, source code property also MUST be present.\n\n");
        sb.append(disabled(opts.sourceCode())).append("source_code = ").append(opts.sourceCode().orElse("URI"));
        sb.append("\n\n"
                + "# Declaring all below information is optional, any of these fields can be omitted.\n"
                + "\n"
                + "# Server usage conditions and amendments.\n"
                + "# It is recommended to use standard conditions with any amendments in a separate document.\n"
                + "# usage_conditions = https://github.com/simplex-chat/simplex-chat/blob/stable/PRIVACY.md\n"
                + "# condition_amendments = link\n"
                + "\n"
                + "# Server location and operator.\n");
        sb.append(country("server", opts.serverCountry()));
        sb.append(entity("operator", opts.operator(), opts.operatorCountry()));
        sb.append(disabled(opts.website())).append("website = ").append(opts.website().orElse(""));
        sb.append("\n\n"
                + "# Administrative contacts.\n"
                + "# admin_simplex = SimpleX address\n"
                + "# admin_email =\n"
                + "# admin_pgp =\n"
                + "# admin_pgp_fingerprint =\n"
                + "\n"
                + "# Contacts for complaints and feedback.\n"
                + "# complaints_simplex = SimpleX address\n"
                + "# complaints_email =\n"
                + "# complaints_pgp =\n"
                + "# complaints_pgp_fingerprint =\n"
                + "\n"
                + "# Hosting provider.\n");
        sb.append(entity("hosting", opts.hosting(), opts.hostingCountry()));
        sb.append("\n"
                + "# Hosting type can be `virtual`, `dedicated`, `colocation`, `owned`\n");
        sb.append("hosting_type = ").append(opts.hostingType().map(t -> t.text()).orElse("virtual")).append("\n\n");
        return sb.toString();
    }

    private static String country(String name, Optional<String> country) {
        return disabled(country) + name + "_country = " + country.orElse("ISO-3166 2-letter code") + "\n";
    }

    /** An entity's country is written only with the entity ({@code country =<< entity}). */
    private static String entity(String name, Optional<String> entity, Optional<String> country) {
        return disabled(entity) + name + " = " + entity.orElse("entity (organization or person name)") + "\n"
                + country(name, entity.isPresent() ? country : Optional.empty());
    }

    /** {@code iniDbOpts}: a setting equal to its default is written commented out. */
    private static String dbOptions(DbOptions opts, DbOptions dflt) {
        return (opts.connection().equals(dflt.connection()) ? "# " : "") + "db_connection = " + opts.connection() + "\n"
                + (opts.schema().equals(dflt.schema()) ? "# " : "") + "db_schema = " + opts.schema() + "\n"
                + (opts.poolSize() == dflt.poolSize() ? "# " : "") + "db_pool_size = " + opts.poolSize() + "\n\n";
    }

    static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    private static String disabled(Optional<?> value) {
        return value.isEmpty() ? "# " : "";
    }
}
