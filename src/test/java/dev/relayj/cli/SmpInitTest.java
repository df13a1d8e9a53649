package dev.relayj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** smp-server init: the INI and the output are those of the reference (Server/Main/Init.hs, Server/Main.hs). */
class SmpInitTest {
    @TempDir
    Path tmp;

    private Path cfg() {
        return tmp.resolve("etc");
    }

    private Path log() {
        return tmp.resolve("var");
    }

    /** The reference's template for these options, written out by hand from iniFileContent. */
    private String expectedIni(String information, String enable, String logStats, String createPassword,
            String controlPasswords, String host, String controlPort, String ownDomains, String socks, String web) {
        return information
                + "[STORE_LOG]\n"
                + "# The server uses memory or PostgreSQL database for persisting queue records.\n"
                + "# Use `enable = on` to use append-only log to preserve and restore queue records on restart.\n"
                + "# Log is compacted on start (deleted objects are removed).\n"
                + "enable = " + enable + "\n\n"
                + "# Queue storage mode: `memory` or `database` (to store queue records in PostgreSQL database).\n"
                + "# `memory` - in-memory persistence, with optional append-only log (`enable = on`).\n"
                + "# `database`- PostgreSQL databass (requires `store_messages = journal`).\n"
                + "store_queues = memory\n\n"
                + "# Database connection settings for PostgreSQL database (`store_queues = database`).\n"
                + "# db_connection = postgresql://smp@/smp_server_store\n"
                + "# db_schema = smp_server\n"
                + "# db_pool_size = 10\n\n"
                + "# Write database changes to store log file\n"
                + "# db_store_log = off\n\n"
                + "# Time to retain deleted queues in the database, days.\n"
                + "# db_deleted_ttl = 21\n\n"
                + "# Message storage mode: `memory` or `journal`.\n"
                + "store_messages = memory\n\n"
                + "# When store_messages is `memory`, undelivered messages are optionally saved and restored\n"
                + "# when the server restarts, they are preserved in the .bak file until the next restart.\n"
                + "restore_messages = " + enable + "\n\n"
                + "# Messages and notifications expiration periods.\n"
                + "expire_messages_days = 21\n"
                + "expire_messages_on_start = on\n"
                + "expire_messages_on_send = off\n"
                + "expire_ntfs_hours = 24\n\n"
                + "# Log daily server statistics to CSV file\n"
                + "log_stats = " + logStats + "\n\n"
                + "# Log interval for real-time Prometheus metrics\n"
                + "# prometheus_interval = 60\n\n"
                + "[AUTH]\n"
                + "# Set new_queues option to off to completely prohibit creating new messaging queues.\n"
                + "# This can be useful when you want to decommission the server, but not all connections are switched yet.\n"
                + "new_queues = on\n\n"
                + "# Use create_password option to enable basic auth to create new messaging queues.\n"
                + "# The password should be used as part of server address in client configuration:\n"
                + "# smp://fingerprint:password@host1,host2\n"
                + "# The password will not be shared with the connecting contacts, you must share it only\n"
                + "# with the users who you want to allow creating messaging queues on your server.\n"
                + createPassword + "\n\n"
                + controlPasswords + "\n"
                + "# The limit for queues that can be blocked via control port per day, resets at 0:00 UTC.\n"
                + "# Set to 0 to disable limit, to -1 to prohibit blocking. Default is 20.\n"
                + "# daily_block_queue_quota = 20\n\n"
                + "[TRANSPORT]\n"
                + "# Host is only used to print server address on start.\n"
                + "# You can specify multiple server ports.\n"
                + "host = " + host + "\n"
                + "port = 5223,443\n"
                + "log_tls_errors = off\n\n"
                + "# Use `websockets = 443` to run websockets server in addition to plain TLS.\n"
                + "# This option is deprecated and should be used for testing only.\n"
                + "# , port 443 should be specified in port above\n"
                + "websockets = off\n"
                + controlPort + "\n\n"
                + "[PROXY]\n"
                + "# Network configuration for SMP proxy client.\n"
                + "# `host_mode` can be 'public' (default) or 'onion'.\n"
                + "# It defines prefferred hostname for destination servers with multiple hostnames.\n"
                + "# host_mode = public\n"
                + "# required_host_mode = off\n\n"
                + "# The domain suffixes of the relays you operate (space-separated) to count as separate proxy statistics.\n"
                + ownDomains + "\n\n"
                + "# SOCKS proxy port for forwarding messages to destination servers.\n"
                + "# You may need a separate instance of SOCKS proxy for incoming single-hop requests.\n"
                + socks + "\n\n"
                + "# `socks_mode` can be 'onion' for SOCKS proxy to be used for .onion destination hosts only (default)\n"
                + "# or 'always' to be used for all destination hosts (can be used if it is an .onion server).\n"
                + "# socks_mode = onion\n\n"
                + "# Limit number of threads a client can spawn to process proxy commands in parrallel.\n"
                + "# client_concurrency = 32\n\n"
                + "[INACTIVE_CLIENTS]\n"
                + "# TTL and interval to check inactive clients\n"
                + "disconnect = on\n"
                + "ttl = 21600\n"
                + "check_interval = 3600\n\n"
                + "[WEB]\n"
                + "# Set path to generate static mini-site for server information and qr codes/links\n"
                + "static_path = " + log().resolve("www") + "\n\n"
                + "# Run an embedded server on this port\n"
                + "# Onion sites can use any port and register it in the hidden service config.\n"
                + "# Running on a port 80 may require setting process capabilities.\n"
                + "# http = 8000\n\n"
                + "# You can run an embedded TLS web server too if you provide port and cert and key files.\n"
                + "# Not required for running relay on onion address.\n"
                + web + "https = 443\n"
                + web + "cert = " + cfg().resolve("web.crt") + "\n"
                + web + "key = " + cfg().resolve("web.key") + "\n";
    }

    private static String information(String sourceCode, String serverCountry, String operator, String website,
            String hosting, String hostingType) {
        return "[INFORMATION]\n"
                + "# AGPLv3 license requires that you make any source code modifications\n"
                + "# available to the end users of the server.\n"
                + "# LICENSE: https://github.com/simplex-chat/simplexmq/blob/stable/LICENSE\n"
                + "# Include correct source code URI in case the server source code is modified in any way.\n"
                + "# If any other information fields are present, source code property also MUST be present.\n\n"
                + sourceCode + "\n\n"
                + "# Declaring all below information is optional, any of these fields can be omitted.\n\n"
                + "# Server usage conditions and amendments.\n"
                + "# It is recommended to use standard conditions with any amendments in a separate document.\n"
                + "# usage_conditions = https://github.com/simplex-chat/simplex-chat/blob/stable/PRIVACY.md\n"
                + "# condition_amendments = link\n\n"
                + "# Server location and operator.\n"
                + serverCountry + "\n"
                + operator
                + website + "\n\n"
                + "# Administrative contacts.\n"
                + "# admin_simplex = SimpleX address\n"
                + "# admin_email =\n"
                + "# admin_pgp =\n"
                + "# admin_pgp_fingerprint =\n\n"
                + "# Contacts for complaints and feedback.\n"
                + "# complaints_simplex = SimpleX address\n"
                + "# complaints_email =\n"
                + "# complaints_pgp =\n"
                + "# complaints_pgp_fingerprint =\n\n"
                + "# Hosting provider.\n"
                + hosting
                + "\n# Hosting type can be `virtual`, `dedicated`, `colocation`, `owned`\n"
                + "hosting_type = " + hostingType + "\n\n";
    }

    private static final String NO_OPERATOR = "# operator = entity (organization or person name)\n"
            + "# operator_country = ISO-3166 2-letter code\n";
    private static final String NO_HOSTING = "# hosting = entity (organization or person name)\n"
            + "# hosting_country = ISO-3166 2-letter code\n";

    private String fingerprint() throws Exception {
        return Files.readAllLines(cfg().resolve("fingerprint")).get(0);
    }

    @Test
    void scriptedInitWithDefaults() throws Exception {
        CliRun r = CliRun.smp(cfg(), log(), "init", "-y", "--password", "pwd123");
        assertEquals(0, r.exitCode(), r.err());
        Path ini = cfg().resolve("smp-server.ini");
        String info = information("# source_code = URI", "# server_country = ISO-3166 2-letter code", NO_OPERATOR,
                "# website = ", NO_HOSTING, "virtual");
        assertEquals(expectedIni(info, "on", "off", "create_password = pwd123",
                        "# control_port_admin_password = \n# control_port_user_password = \n", "<hostnames>",
                        "# control_port = 5224", "# own_server_domains = ", "# socks_proxy = localhost:9050", ""),
                Files.readString(ini));
        String fp = fingerprint();
        assertEquals("Server initialized, please provide additional server information in " + ini + ".\n"
                + "Run `smp-server start` to start server.\n"
                + "----------\n"
                + "You should store CA private key securely and delete it from the server.\n"
                + "If server TLS credential is compromised this key can be used to sign a new one, keeping the same "
                + "server identity and established connections.\n"
                + "CA private key location:\n"
                + cfg().resolve("ca.key") + "\n"
                + "----------\n"
                + SmpServerCli.VERSION + "\n"
                + "Fingerprint: " + fp + "\n"
                + "Server address: smp://" + fp + ":pwd123@<hostnames>\n"
                + "Warning: server source code is not specified.\n"
                + "Add 'source_code' property to [INFORMATION] section of INI file.\n", r.out());
        assertTrue(Files.isDirectory(log()));
        assertTrue(Files.exists(cfg().resolve("ca.crt")));
    }

    @Test
    void scriptedInitWithAllInformation() throws Exception {
        CliRun r = CliRun.smp(cfg(), log(), "init", "-y", "--no-password", "-s", "--disable-store-log",
                "--ip", "1.2.3.4", "--control-port", "--socks-proxy", "--own-domains", "a.com,b.com", "--source-code",
                "https://example.org/relayj", "--operator", "Op Ltd", "--operator-country", "gb", "--hosting", "Host", "--hosting-type", "dedicated",
                "--server-country", "de", "--operator-website", "https://op.example", "--disable-web");
        assertEquals(0, r.exitCode(), r.err());
        String ini = Files.readString(cfg().resolve("smp-server.ini"));
        String masked = ini.replaceAll("(control_port_(admin|user)_password = )[A-Za-z0-9_=-]{24}\n", "$1X\n");
        String info = information("source_code = https://example.org/relayj", "server_country = DE",
                "operator = Op Ltd\noperator_country = GB\n", "website = https://op.example",
                "hosting = Host\n# hosting_country = ISO-3166 2-letter code\n", "dedicated");
        assertEquals(expectedIni(info, "off", "on",
                        "# create_password = password to create new queues and forward messages (any printable ASCII "
                                + "characters without whitespace, '@', ':' and '/')",
                        "control_port_admin_password = X\ncontrol_port_user_password = X\n", "1.2.3.4",
                        "control_port = 5224", "own_server_domains = a.com,b.com", "socks_proxy = 127.0.0.1:9050", "# "),
                masked);
        String fp = fingerprint();
        assertTrue(r.out().endsWith("Fingerprint: " + fp + "\nServer address: smp://" + fp + "@1.2.3.4\n"
                + "Server source code: https://example.org/relayj\n"), r.out());
    }

    @Test
    void sourceCodeWithoutValueProposesRelayjsOwnSource() throws Exception {
        CliRun r = CliRun.smp(cfg(), log(), "init", "-y", "--source-code", "--operator", "Op");
        if (RelayjBuild.CURRENT.sourceUrl().isPresent()) {
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(Files.readString(cfg().resolve("smp-server.ini"))
                    .contains("\nsource_code = " + RelayjBuild.CURRENT.sourceUrl().get() + "\n"));
        } else {
            assertEquals(1, r.exitCode());
            assertEquals("option --source-code: this build of relayj has no source address, give it: "
                    + "--source-code URI\n", r.err());
        }
    }

    @Test
    void randomPasswordIsBase64Of32Bytes() throws Exception {
        CliRun r = CliRun.smp(cfg(), log(), "init", "-y", "-n", "smp.example.com");
        assertEquals(0, r.exitCode(), r.err());
        String ini = Files.readString(cfg().resolve("smp-server.ini"));
        var m = java.util.regex.Pattern.compile("\ncreate_password = ([A-Za-z0-9_-]{43}=)\n").matcher(ini);
        assertTrue(m.find(), ini);
        assertTrue(ini.contains("\nhost = smp.example.com\n"));
        assertTrue(r.out().contains("Server address: smp://" + fingerprint() + ":" + m.group(1) + "@smp.example.com\n"));
    }

    @Test
    void interactiveInitReadsAnswersFromStdin() throws Exception {
        String answers = "\n" + "n\n" + "maybe\n" + "y\n" + "n\n" + "relay.example.org\n" + "ftp://x\n"
                + "https://example.org/src\n" + "/srv/www\n";
        CliRun r = CliRun.smp(cfg(), log(), answers, server -> server.close(), "init");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("Use `smp-server init -h` for available options.\n"
                + "SMP server will be initialized (press Enter)"
                + "Enable store log to restore queues and messages on server restart (Yn): "
                + "Enable logging daily statistics (yN): Invalid input, please enter 'y' or 'n'\n"
                + "Enable logging daily statistics (yN): "
                + "Require a password to create new messaging queues?\n"
                + "'r' for random (default), 'n' - no password (recommended for public servers), or enter password: "
                + "Enter server FQDN or IP address for certificate (127.0.0.1): "
                + "Enter server source code URI (" + RelayjBuild.CURRENT.sourceUrl().orElse("none") + "): "
                + "Invalid source code. URI should start from http:// or https://\n"
                + "Enter path to store generated server pages to show connection links (" + log().resolve("www") + "): "
                + "Server initialized"), r.out());
        String ini = Files.readString(cfg().resolve("smp-server.ini"));
        assertTrue(ini.contains("\nenable = off\n"));
        assertTrue(ini.contains("\nlog_stats = on\n"));
        assertTrue(ini.contains("\n# create_password = "));
        assertTrue(ini.contains("\nhost = relay.example.org\n"));
        assertTrue(ini.contains("\nsource_code = https://example.org/src\n"));
        assertTrue(ini.contains("\nstatic_path = /srv/www\n"));
    }

    @Test
    void interactiveInitAtEndOfInputTakesDefaults() throws Exception {
        CliRun r = CliRun.smp(cfg(), log(), "", server -> server.close(), "init");
        assertEquals(0, r.exitCode(), r.err());
        String ini = Files.readString(cfg().resolve("smp-server.ini"));
        assertTrue(ini.contains("\nenable = on\n"));
        // relayj's own source address, when the build has one; never the reference's
        assertTrue(ini.contains(RelayjBuild.CURRENT.sourceUrl().map(u -> "\nsource_code = " + u + "\n")
                .orElse("\n# source_code = URI\n")), ini);
        assertFalse(ini.contains("simplex-chat/simplexmq\n"), ini);
        assertFalse(ini.contains("# create_password"));
    }
}
