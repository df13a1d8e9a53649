package dev.relayj.cli;

import static dev.relayj.cli.CliOption.flag;
import static dev.relayj.cli.CliOption.optionalArg;
import static dev.relayj.cli.CliOption.withArg;

import java.nio.file.Path;
import java.util.List;

/** The commands and options of {@code smp-server} ({@code cliCommandP} in Server/Main.hs, {@code startOptionsP} and {@code certOptionsP} in Server/CLI.hs). */
final class SmpCommands {
    static final String PROGRAM = "smp-server";

    private SmpCommands() {}

    static List<CliCommand> all(Path cfgPath, Path logPath, Path iniFile) {
        return List.of(
                new CliCommand("init", "Initialize server - creates " + cfgPath + " and " + logPath
                        + " directories and configuration files", initOptions()),
                new CliCommand("cert", "Generate new online TLS server credentials (configuration: " + iniFile + ")",
                        certOptions()),
                new CliCommand("start", "Start server (configuration: " + iniFile + ")", startOptions()),
                new CliCommand("delete", "Delete configuration and log files", List.of()),
                // journalCmdP / storeCmdP in Server/Main.hs
                new CliCommand("journal", "Import/export messages to/from journal storage", List.of(),
                        List.of("import", "export", "delete")),
                // the reference's PostgreSQL command: parsed as the reference parses it, so that its
                // command lines get relayj's answer and not "Invalid argument"
                new CliCommand("database", "Import/export queues to/from PostgreSQL database storage", databaseOptions(),
                        List.of("import", "export", "delete")));
    }

    static List<CliOption> databaseOptions() {
        return List.of(
                withArg("TABLE", "Database tables: queues/messages", "table"),
                withArg("DB_CONN", "Database connection string (default: \"postgresql://smp@/smp_server_store\")",
                        "d", "database"),
                withArg("DB_SCHEMA", "Database schema (default: \"smp_server\")", "schema"),
                withArg("POOL_SIZE", "Database pool size (default: 10)", "pool-size"));
    }

    static List<CliOption> initOptions() {
        return List.of(
                flag("Disable store log for persistence (enabled by default)", "disable-store-log"),
                flag("Enable store log for persistence (DEPRECATED, enabled by default)", "l", "store-log"),
                withArg("DB_CONN", "Database connection string (default: \"postgresql://smp@/smp_server_store\")",
                        "d", "database"),
                withArg("DB_SCHEMA", "Database schema (default: \"smp_server\")", "schema"),
                withArg("POOL_SIZE", "Database pool size (default: 10)", "pool-size"),
                flag("Enable logging daily server statistics", "s", "daily-stats"),
                withArg("ALG", "Signature algorithm used for TLS certificates: ED25519, ED448 (default: ED25519)",
                        "a", "sign-algorithm"),
                withArg("IP", "Server IP address, used as Common Name for TLS online certificate if FQDN is not "
                        + "supplied (default: \"127.0.0.1\")", "ip"),
                withArg("FQDN", "Server FQDN used as Common Name for TLS online certificate", "n", "fqdn"),
                flag("Allow creating new queues without password", "no-password"),
                withArg("PASSWORD", "Set password to create new messaging queues", "password"),
                optionalArg("PORT", "Enable control port (on 5224 without PORT)", "control-port"),
                optionalArg("PROXY", "Outgoing SOCKS proxy to forward messages to onion-only servers (on port 9050 "
                        + "without PROXY)", "socks-proxy"),
                withArg("DOMAINS", "Own server domain names (comma-separated)", "own-domains"),
                optionalArg("URI", "Server source code (default: "
                        + RelayjBuild.CURRENT.sourceUrl().orElse("none in this build") + ")", "source-code"),
                withArg("OPERATOR_NAME", "Server operator name", "operator"),
                withArg("OPERATOR_COUNTRY", "Server operator country", "operator-country"),
                withArg("HOSTING_NAME", "Hosting provider name", "hosting"),
                withArg("HOSTING_COUNTRY", "Hosting provider country", "hosting-country"),
                withArg("HOSTING_TYPE", "Hosting type: virtual, dedicated, colocation, owned", "hosting-type"),
                withArg("SERVER_COUNTRY", "Server datacenter country", "server-country"),
                withArg("WEBSITE", "Operator public website", "operator-website"),
                withArg("PATH", "Directory to store generated static site with server information", "web-path"),
                flag("Disable starting static web server with server information", "disable-web"),
                flag("Non-interactive initialization using command-line options", "y", "yes"));
    }

    static List<CliOption> certOptions() {
        return List.of(
                withArg("ALG", "Set new signature algorithm used for TLS certificates: ED25519, ED448",
                        "a", "sign-algorithm"),
                withArg("FQDN", "Set new Common Name for TLS online certificate", "cn"));
    }

    static List<CliOption> startOptions() {
        return List.of(
                flag("Do not start the server, only perform start and stop tasks", "m", "maintenance"),
                flag("Compact store log (always enabled with `memory` storage for queues)", "compact-log"),
                withArg("LOG_LEVEL", "Logging level", "log-level"),
                flag("Start the server with non-critical start warnings", "skip-warnings"),
                withArg("CONFIRM_MIGRATIONS",
                        "Confirm PostgreSQL database migration: up, down (default is manual confirmation)",
                        "confirm-migrations"));
    }
}
