package dev.relayj.cli;

import dev.relayj.ini.IniException;
import dev.relayj.ini.IniFile;
import dev.relayj.runtime.ExpirationConfig;
import dev.relayj.tls.SignAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The init / cert / start / delete command line that {@code smp-server} and {@code xftp-server}
 * share ({@code smpServerCLI_}, {@code xftpServerCLI_}): dispatching the parsed command, the
 * initialized-or-not checks, reading the INI file, deleting the directories and keeping a started
 * relay running. The server-specific commands are the subclasses'.
 */
abstract sealed class ServerCli permits SmpServerCli, XftpServerCli {
    protected final Console console;
    protected final ServerDirs dirs;
    protected final Path iniFile;
    private final ServerRunner runner;
    /** How the reference names itself in its hints ({@code executableName}). */
    private final String executableName;

    ServerCli(Console console, ServerDirs dirs, String iniFileName, ServerRunner runner, String executableName) {
        this.console = console;
        this.dirs = dirs;
        this.iniFile = dirs.cfgPath().resolve(iniFileName);
        this.runner = runner;
        this.executableName = executableName;
    }

    abstract CommandLine commandLine();

    abstract void init(CommandLine.Options o) throws CliFailure;

    abstract void cert(CommandLine.Options o) throws CliFailure;

    abstract void start(CommandLine.Options o) throws CliFailure;

    /** {@code journal import|export|delete}: only smp-server has this command. */
    /** Which relay's answer to the reference's PostgreSQL command lines. */
    abstract NoPostgres noPostgres();

    void journal(CommandLine.Options o) throws CliFailure {
        throw new CliFailure("Invalid argument `journal'");
    }

    final int run(String[] commandLineArgs) {
        GhcRuntimeOptions.Stripped stripped = GhcRuntimeOptions.strip(commandLineArgs);
        if (stripped.found()) {
            console.printErr(GhcRuntimeOptions.NOTE + "\n");
        }
        String[] args = stripped.args();
        try {
            switch (commandLine().parse(args)) {
                case CommandLine.Show show -> {
                    if (show.toStdout()) {
                        console.print(show.text());
                    } else {
                        console.printErr(show.text());
                    }
                    return show.exitCode();
                }
                case CommandLine.Run r -> {
                    switch (r.command().name()) {
                        case "init" -> init(r.options());
                        case "cert" -> cert(r.options());
                        case "start" -> start(r.options());
                        case "journal" -> journal(r.options());
                        case "database" -> throw noPostgres().failure();
                        default -> delete();
                    }
                    return 0;
                }
            }
        } catch (CliFailure e) {
            console.printErr(e.getMessage() + "\n");
            return e.exitCode();
        }
    }

    static CliFailure badValue(String option, String message) {
        return new CliFailure("option --" + option + ": " + message);
    }

    static void writeFile(Path file, String content) throws CliFailure {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliFailure("Error: cannot write " + file + ": " + e.getMessage());
        }
    }

    /** The {@code --sign-algorithm} option, when given. */
    static Optional<SignAlgorithm> signAlgorithmOption(CommandLine.Options o) throws CliFailure {
        Optional<String> value = o.value("sign-algorithm");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String a = value.get();
        return Optional.of(ServerIdentity.parseAlgorithm(a)
                .orElseThrow(() -> badValue("sign-algorithm", "cannot parse value `" + a + "'")));
    }

    static void checkMigrationsOption(CommandLine.Options o) throws CliFailure {
        Optional<String> migrations = o.value("confirm-migrations");
        if (migrations.isPresent() && !List.of("up", "down").contains(migrations.get())) {
            throw badValue("confirm-migrations", "invalid migration confirmation, pass 'up' or 'down'");
        }
    }

    static String inactiveClientsLine(Optional<ExpirationConfig> expiration) {
        return expiration
                .map(e -> "expiring clients inactive for " + e.ttl().toSeconds() + " seconds every "
                        + e.checkInterval().toSeconds() + " seconds")
                .orElse("not expiring inactive clients");
    }

    final void requireNotInitialized() throws CliFailure {
        if (Files.exists(iniFile)) {
            throw new CliFailure("Error: server is already initialized (" + iniFile + " exists).\nRun `"
                    + executableName + " start`.");
        }
    }

    final void requireInitialized() throws CliFailure {
        if (!Files.exists(iniFile)) {
            throw new CliFailure("Error: server is not initialized (" + iniFile + " does not exist).\nRun `"
                    + executableName + " init`.");
        }
    }

    final IniFile readIni() throws CliFailure {
        requireInitialized();
        try {
            return IniFile.read(iniFile);
        } catch (IniException e) {
            throw new CliFailure("Error: " + e.getMessage());
        } catch (IOException e) {
            throw new CliFailure("Error: cannot read " + iniFile + ": " + e.getMessage());
        }
    }

    private void delete() throws CliFailure {
        console.confirmOrExit("WARNING: deleting the server will make all queues inaccessible, because the server "
                + "identity (certificate fingerprint) will change.\nTHIS CANNOT BE UNDONE!", "Server NOT deleted");
        for (Path dir : List.of(dirs.cfgPath(), dirs.logPath())) {
            ServerDirs.deleteDir(dir).ifPresent(kept -> console.println(
                    "Kept the emptied directory " + kept + ": its parent is not writable by this user"));
        }
        console.println("Deleted configuration and log files");
    }

    /** Keeps the started relay running until it is stopped; closes it when that fails. */
    final void runUntilStopped(AutoCloseable server) throws CliFailure {
        try {
            runner.runUntilStopped(server);
        } catch (Exception e) {
            try {
                server.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw new CliFailure("Error: " + e.getMessage());
        }
    }
}
