package dev.relayj.cli;

import static dev.relayj.cli.CliOption.flag;
import static dev.relayj.cli.CliOption.requiredArg;
import static dev.relayj.cli.CliOption.withArg;

import dev.relayj.acme.AcmeRenewer;
import dev.relayj.acme.AcmeSettings;
import dev.relayj.ini.IniException;
import dev.relayj.ini.IniFile;
import dev.relayj.runtime.CredentialFiles;
import dev.relayj.runtime.ServerPublicInfo;
import dev.relayj.tls.ServerCredentials;
import dev.relayj.tls.SignAlgorithm;
import dev.relayj.xftp.server.XftpServer;
import dev.relayj.xftp.server.XftpServerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code xftp-server}: init, start, delete and cert as {@code xftpServerCLI_} in FileTransfer/Server/Main.hs. */
final class XftpServerCli extends ServerCli {
    static final String CFG_PATH_VAR = "XFTP_SERVER_CFG_PATH";
    static final String LOG_PATH_VAR = "XFTP_SERVER_LOG_PATH";
    static final String PROGRAM = "xftp-server";
    /** The reference names itself so in its hints ({@code executableName}). */
    static final String EXECUTABLE_NAME = "file-server";
    static final String VERSION = "SimpleX XFTP server v" + Banner.SIMPLEXMQ_VERSION + " / relayj "
            + RelayjBuild.CURRENT.version();

    XftpServerCli(Console console, ServerDirs dirs, ServerRunner runner) {
        super(console, dirs, XftpIniConfig.INI_FILE, runner, EXECUTABLE_NAME);
    }

    static ServerDirs dirs(Map<String, String> env) {
        return ServerDirs.fromEnv(env, CFG_PATH_VAR, "/etc/opt/simplex-xftp", LOG_PATH_VAR, "/var/opt/simplex-xftp");
    }

    static List<CliCommand> commands(Path cfgPath, Path logPath, Path iniFile) {
        List<CliOption> init = List.of(
                flag("Disable store log for persistence (enabled by default)", "disable-store-log"),
                flag("Enable store log for persistence (DEPRECATED, enabled by default)", "l", "store-log"),
                withArg("ALG", "Signature algorithm used for TLS certificates: ED25519, ED448 (default: ED448)",
                        "a", "sign-algorithm"),
                withArg("IP", "Server IP address, used as Common Name for TLS online certificate if FQDN is not "
                        + "supplied (default: \"127.0.0.1\")", "ip"),
                withArg("FQDN", "Server FQDN used as Common Name for TLS online certificate", "n", "fqdn"),
                requiredArg("PATH", "Path to the directory to store files", "p", "path"),
                requiredArg("QUOTA", "File storage quota (e.g. 100gb)", "q", "quota"),
                withArg("PATH", "Directory to store generated static site with server information", "web-path"));
        List<CliOption> start = List.of(withArg("CONFIRM_MIGRATIONS",
                "Confirm PostgreSQL database migration: up, down (default is manual confirmation)", "confirm-migrations"));
        return List.of(
                new CliCommand("init", "Initialize server - creates " + cfgPath + " and " + logPath
                        + " directories and configuration files", init),
                new CliCommand("cert", "Generate new online TLS server credentials (configuration: " + iniFile + ")",
                        SmpCommands.certOptions()),
                new CliCommand("start", "Start server (configuration: " + iniFile + ")", start),
                // the reference's PostgreSQL command: relayj's answer, not "Invalid argument"
                new CliCommand("database", "Import/export file store to/from PostgreSQL database", List.of(),
                        List.of("import", "export")),
                new CliCommand("delete", "Delete configuration and log files", List.of()));
    }

    @Override
    NoPostgres noPostgres() {
        return NoPostgres.XFTP;
    }

    @Override
    CommandLine commandLine() {
        return new CommandLine(PROGRAM, VERSION, commands(dirs.cfgPath(), dirs.logPath(), iniFile));
    }

    @Override
    void init(CommandLine.Options o) throws CliFailure {
        requireNotInitialized();
        SignAlgorithm alg = signAlgorithmOption(o).orElse(SignAlgorithm.ED448);
        String quotaText = o.value("quota").orElseThrow();
        OptionalLong quota = FileSizes.parse(quotaText);
        if (quota.isEmpty()) {
            throw badValue("quota", "cannot parse value `" + quotaText + "'");
        }
        XftpInitOptions opts = new XftpInitOptions(!o.has("disable-store-log"), alg, o.value("ip").orElse("127.0.0.1"),
                o.value("fqdn"), o.value("path").orElseThrow(), quota.getAsLong(), o.value("web-path"));
        ServerDirs.prepareDir(dirs.cfgPath());
        ServerDirs.prepareDir(dirs.logPath());
        String fingerprint = ServerIdentity.createCaAndServer(dirs.cfgPath(), opts.signAlgorithm(),
                opts.fqdn().orElse(opts.ip()));
        String host = opts.fqdn().orElse(opts.ip().equals("127.0.0.1") ? "<hostnames>" : opts.ip());
        writeFile(iniFile, XftpIniTemplate.content(dirs.cfgPath(), dirs.logPath(), opts, host));
        console.println("Server initialized, you can modify configuration in " + iniFile + ".\nRun `"
                + EXECUTABLE_NAME + " start` to start server.");
        ServerIdentity.warnCAPrivateKeyFile(console, dirs.cfgPath());
        Banner.printServiceInfo(console, VERSION, fingerprint, Banner.address("xftp", fingerprint, Optional.empty(), host, ""));
    }

    @Override
    void cert(CommandLine.Options o) throws CliFailure {
        requireInitialized();
        ServerIdentity.renewOnline(console, dirs.cfgPath(), signAlgorithmOption(o), o.value("cn"));
    }

    @Override
    void start(CommandLine.Options o) throws CliFailure {
        checkMigrationsOption(o);
        IniFile ini = readIni();
        String fingerprint = ServerIdentity.checkSavedFingerprint(dirs.cfgPath());
        XftpServerConfig config;
        String portSetting;
        Optional<AcmeSettings> acme;
        try {
            config = XftpIniConfig.read(ini, dirs.cfgPath(), dirs.logPath());
            portSetting = ini.required("TRANSPORT", "port");
            acme = AcmeIni.read(ini, dirs.cfgPath(), config.host());
        } catch (IniException e) {
            throw new CliFailure("Error: " + e.getMessage());
        }
        String host = config.host().orElse("<hostnames>");
        Banner.printServiceInfo(console, VERSION, fingerprint, Banner.address("xftp", fingerprint, Optional.empty(), host,
                portSetting.equals("443") ? "" : portSetting));
        Banner.printSourceCode(console, config.information().map(ServerPublicInfo::sourceCode));
        ReferenceInstall.shadowingWarnings(Path.of("/"), "xftp-server").forEach(console::println);
        if (config.store().type() == XftpServerConfig.FileStoreType.DATABASE) {
            throw NoPostgres.XFTP.failure();
        }
        console.println(config.store().storeLogFile().map(f -> "Store log: " + f).orElse("Store log disabled."));
        console.println("expiring files after " + Banner.showTtl(config.fileExpiration().ttl().toSeconds()));
        console.println(inactiveClientsLine(config.inactiveClientExpiration()));
        console.println("Uploading new files " + (config.auth().allowNewFiles()
                ? config.auth().createPassword().map(p -> "requires password.").orElse("allowed.") : "NOT allowed."));
        console.println("Listening on port " + portSetting + "...");
        CredentialFiles files = config.credentials();
        ServerCredentials credentials = HttpsCredentials.loadServer("XFTP", files.caCertificate().orElseThrow(),
                files.certificate(), files.privateKey());
        Optional<CredentialFiles> webFiles = acme.isPresent()
                ? Optional.of(new CredentialFiles(Optional.empty(), acme.get().certificateFile(), acme.get().keyFile()))
                : config.webCredentials();
        Optional<ServerCredentials> webCredentials = acme.isPresent()
                ? AcmeStart.currentWebCredentials(acme.get().certificateFile(), acme.get().keyFile())
                : webFiles.isPresent() ? Optional.of(loadWebCredentials(webFiles.get())) : Optional.empty();
        StopSignals.starting();
        XftpServer server;
        WebSite site;
        try {
            site = WebSite.startXftp(config, fingerprint, webCredentials, null);
        } catch (IOException e) {
            throw new CliFailure("Error: cannot start the web server: " + e.getMessage());
        }
        try {
            server = XftpServer.start(config, credentials, webCredentials,
                    XftpServer.Options.DEFAULT.withVersion(Banner.SIMPLEXMQ_VERSION));
        } catch (IOException e) {
            site.close();
            throw new CliFailure("Error: cannot start server: " + e.getMessage());
        }
        CertificateReload reload = new CertificateReload(
                () -> HttpsCredentials.loadServer("XFTP", files.caCertificate().orElseThrow(), files.certificate(),
                        files.privateKey()),
                () -> webFiles.isPresent() ? Optional.of(loadWebCredentials(webFiles.get())) : Optional.empty(),
                server::reloadCredentials, site);
        server.onCertificateReload(reload::reload);
        SighupReload.install(reload::reload);
        Optional<AcmeRenewer> renewer;
        try {
            renewer = AcmeStart.start(acme, SmpServerCli.acmeHttpClient(), Optional.of(server::answerAcmeChallenges), site,
                    reload::reload);
        } catch (CliFailure e) {
            server.close();
            site.close();
            throw e;
        }
        try (site) {
            runUntilStopped(server);
        } finally {
            renewer.ifPresent(AcmeRenewer::close);
        }
    }

    /** XFTP's web certificate is only checked to load, not for RSA ({@code httpCredentials_} of FileTransfer/Server/Main.hs). */
    private static ServerCredentials loadWebCredentials(CredentialFiles files) throws CliFailure {
        try {
            return ServerCredentials.loadWeb(files.certificate(), files.privateKey());
        } catch (IOException e) {
            throw new CliFailure("Error: cannot load web credentials: " + e.getMessage());
        }
    }
}
