package dev.relayj.cli;

import dev.relayj.acme.AcmeRenewer;
import dev.relayj.acme.AcmeSettings;
import dev.relayj.encoding.Base64Url;
import dev.relayj.ini.IniException;
import dev.relayj.ini.IniFile;
import dev.relayj.runtime.ExpirationConfig;
import dev.relayj.runtime.ServerPublicInfo;
import dev.relayj.runtime.ServerPublicInfo.HostingType;
import dev.relayj.smp.server.ServerTuning;
import dev.relayj.smp.server.SmpServer;
import dev.relayj.smp.server.SmpServerConfig;
import dev.relayj.runtime.DbOptions;
import dev.relayj.smp.server.SmpServerConfig.MessageStoreType;
import dev.relayj.smp.server.SmpServerConfig.QueueStoreType;
import dev.relayj.smp.server.SmpServerConfig.ServerPort;
import dev.relayj.smp.server.SmpServerConfig.SocksProxy;
import dev.relayj.smp.store.JournalMigration;
import dev.relayj.smp.store.MessageLogFile;
import dev.relayj.smp.store.ReferenceJournalStore;
import dev.relayj.smp.store.StoreFileException;
import dev.relayj.runtime.WebConfig;
import dev.relayj.tls.ServerCredentials;
import dev.relayj.tls.SignAlgorithm;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code smp-server}: init, start, delete and cert as {@code smpServerCLI_} in Server/Main.hs. */
final class SmpServerCli extends ServerCli {
    static final String CFG_PATH_VAR = "SMP_SERVER_CFG_PATH";
    static final String LOG_PATH_VAR = "SMP_SERVER_LOG_PATH";
    static final String VERSION = "SMP server v" + Banner.SIMPLEXMQ_VERSION + " / relayj " + RelayjBuild.CURRENT.version();

    private final SecureRandom random = new SecureRandom();
    /** The client the ACME CA is reached with when set: a test trusts its own CA there, and nowhere else. */
    static volatile HttpClient acmeHttpClientForTests;

    static HttpClient acmeHttpClient() {
        HttpClient forTests = acmeHttpClientForTests;
        return forTests != null ? forTests : AcmeRenewer.defaultHttpClient();
    }

    SmpServerCli(Console console, ServerDirs dirs, ServerRunner runner) {
        super(console, dirs, SmpIniConfig.INI_FILE, runner, SmpCommands.PROGRAM);
    }

    static ServerDirs dirs(java.util.Map<String, String> env) {
        return ServerDirs.fromEnv(env, CFG_PATH_VAR, "/etc/opt/simplex", LOG_PATH_VAR, "/var/opt/simplex");
    }

    @Override
    CommandLine commandLine() {
        return new CommandLine(SmpCommands.PROGRAM, VERSION, SmpCommands.all(dirs.cfgPath(), dirs.logPath(), iniFile));
    }

    @Override
    NoPostgres noPostgres() {
        return NoPostgres.SMP;
    }

    @Override
    void init(CommandLine.Options o) throws CliFailure {
        requireNotInitialized();
        SmpInitOptions opts = initOptions(o);
        if (opts.scripted()) {
            initialize(opts);
        } else {
            initialize(askInitQuestions(opts));
        }
    }

    private SmpInitOptions initOptions(CommandLine.Options o) throws CliFailure {
        DbOptions dflt = SmpServerConfig.DEFAULT_DB;
        DbOptions db = new DbOptions(o.value("database").orElse(dflt.connection()), o.value("schema").orElse(dflt.schema()),
                intOption(o, "pool-size").orElse(dflt.poolSize()));
        SignAlgorithm alg = signAlgorithmOption(o).orElse(SignAlgorithm.ED25519);
        Optional<SmpInitOptions.ServerPassword> password = Optional.of(new SmpInitOptions.ServerPassword.Random());
        if (o.has("no-password")) {
            password = Optional.empty();
        } else if (o.value("password").isPresent()) {
            String p = o.value("password").get();
            if (!IniSettings.validPassword(p)) {
                throw badValue("password", "invalid character in BasicAuth");
            }
            password = Optional.of(new SmpInitOptions.ServerPassword.Given(p));
        }
        OptionalInt controlPort = OptionalInt.empty();
        if (o.has("control-port")) {
            controlPort = o.value("control-port").isPresent() ? OptionalInt.of(portOption(o, "control-port"))
                    : OptionalInt.of(SmpServerConfig.DEFAULT_CONTROL_PORT);
        }
        Optional<SocksProxy> socks = Optional.empty();
        if (o.has("socks-proxy")) {
            String s = o.value("socks-proxy").orElse("");
            socks = Optional.of(SmpIniConfig.socksProxy(s)
                    .orElseThrow(() -> badValue("socks-proxy", "SOCKS5 host should be IPv4 or IPv6 address")));
        }
        List<String> ownDomains = o.value("own-domains").map(d -> Arrays.stream(d.split(",", -1)).toList()).orElse(List.of());
        if (ownDomains.stream().anyMatch(String::isEmpty)) {
            throw badValue("own-domains", "empty domain name");
        }
        Optional<String> sourceCode = Optional.empty();
        if (o.has("source-code")) {
            sourceCode = Optional.of(o.value("source-code").or(RelayjBuild.CURRENT::sourceUrl).orElseThrow(() ->
                    badValue("source-code", "this build of relayj has no source address, give it: --source-code URI")));
        }
        Optional<HostingType> hostingType = Optional.empty();
        if (o.value("hosting-type").isPresent()) {
            String t = o.value("hosting-type").get();
            hostingType = Optional.of(HostingType.fromText(t).orElseThrow(() -> badValue("hosting-type", "bad HostingType")));
        }
        return new SmpInitOptions(!o.has("disable-store-log"), db, o.has("daily-stats"), alg,
                o.value("ip").orElse("127.0.0.1"), o.value("fqdn"), password, controlPort, socks, ownDomains, sourceCode,
                o.value("operator"), country(o, "operator"), o.value("hosting"), country(o, "hosting"), hostingType,
                country(o, "server"), o.value("operator-website"), o.value("web-path"), o.has("disable-web"),
                o.has("yes"));
    }

    private static Optional<String> country(CommandLine.Options o, String prefix) throws CliFailure {
        String name = prefix + "-country";
        Optional<String> value = o.value(name);
        if (value.isEmpty()) {
            return value;
        }
        Optional<String> code = IniSettings.validCountry(value.get());
        if (code.isEmpty()) {
            throw badValue(name, "Use ISO3166 2-letter code for " + prefix);
        }
        return code;
    }

    private static OptionalInt intOption(CommandLine.Options o, String name) throws CliFailure {
        if (o.value(name).isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(o.value(name).get()));
        } catch (NumberFormatException e) {
            throw badValue(name, "cannot parse value `" + o.value(name).get() + "'");
        }
    }

    private static int portOption(CommandLine.Options o, String name) throws CliFailure {
        int port = intOption(o, name).orElseThrow();
        if (port < 0 || port > 65535) {
            throw badValue(name, "cannot parse value `" + port + "'");
        }
        return port;
    }

    /** {@code checkInitOptions}. */
    private static void checkInitOptions(SmpInitOptions opts) throws CliFailure {
        if (opts.sourceCode().isEmpty() && opts.hasServerInfo()) {
            throw new CliFailure("Error: passing any server information requires passing --source-code");
        }
        if (opts.operator().isEmpty() && opts.operatorCountry().isPresent()) {
            throw new CliFailure("Error: passing --operator-country requires passing --operator");
        }
        if (opts.hosting().isEmpty() && opts.hostingCountry().isPresent()) {
            throw new CliFailure("Error: passing --hosting-country requires passing --hosting");
        }
    }

    /** The questions of an interactive {@code init} ({@code initializeServer} without {@code --yes}). */
    private SmpInitOptions askInitQuestions(SmpInitOptions opts) throws CliFailure {
        console.println("Use `" + SmpCommands.PROGRAM + " init -h` for available options.");
        checkInitOptions(opts);
        console.answer("SMP server will be initialized (press Enter)");
        boolean storeLog = console.onOffPrompt("Enable store log to restore queues and messages on server restart", true);
        boolean stats = console.onOffPrompt("Enable logging daily statistics", false);
        console.println("Require a password to create new messaging queues?");
        Optional<SmpInitOptions.ServerPassword> password = askPassword();
        String host = opts.fqdn().orElse(opts.ip());
        String newHost = console.answer("Enter server FQDN or IP address for certificate (" + host + "): ");
        Optional<String> source = askSourceCode(opts.sourceCode().or(RelayjBuild.CURRENT::sourceUrl).orElse("none"));
        String staticPath = console.answer("Enter path to store generated server pages to show connection links ("
                + opts.webStaticPath().orElse(dirs.logPath().resolve("www").toString()) + "): ");
        return opts.withAnswers(storeLog, stats, password, newHost.isEmpty() ? opts.fqdn() : Optional.of(newHost),
                source.or(opts::sourceCode).or(RelayjBuild.CURRENT::sourceUrl),
                staticPath.isEmpty() ? opts.webStaticPath() : Optional.of(staticPath));
    }

    private Optional<SmpInitOptions.ServerPassword> askPassword() {
        String text = "'r' for random (default), 'n' - no password (recommended for public servers), or enter password: ";
        while (true) {
            String answer = console.answer(text);
            switch (answer) {
                case "", "r" -> { return Optional.of(new SmpInitOptions.ServerPassword.Random()); }
                case "n" -> { return Optional.empty(); }
                default -> {
                    if (IniSettings.validPassword(answer)) {
                        return Optional.of(new SmpInitOptions.ServerPassword.Given(answer));
                    }
                    console.println("Invalid password. Only latin letters, digits and symbols other than '@' and ':' are allowed");
                }
            }
        }
    }

    /** {@code getServerSourceCode}: empty keeps the default, otherwise an http(s) URI. */
    private Optional<String> askSourceCode(String dflt) {
        String text = "Enter server source code URI (" + dflt + "): ";
        while (true) {
            String answer = console.answer(text);
            if (answer.isEmpty()) {
                return Optional.empty();
            }
            if (answer.startsWith("https://") || answer.startsWith("http://")) {
                return Optional.of(answer);
            }
            console.println("Invalid source code. URI should start from http:// or https://");
            text = "";
        }
    }

    private void initialize(SmpInitOptions opts) throws CliFailure {
        checkInitOptions(opts);
        ServerDirs.prepareDir(dirs.cfgPath());
        ServerDirs.prepareDir(dirs.logPath());
        String fingerprint = ServerIdentity.createCaAndServer(dirs.cfgPath(), opts.signAlgorithm(),
                opts.fqdn().orElse(opts.ip()));
        Optional<String> password = opts.password().map(p -> switch (p) {
            case SmpInitOptions.ServerPassword.Given g -> g.password();
            case SmpInitOptions.ServerPassword.Random r -> randomBase64(32);
        });
        Optional<String[]> controlPortPasswords = opts.controlPort().isPresent()
                ? Optional.of(new String[] {randomBase64(18), randomBase64(18)}) : Optional.empty();
        String host = opts.fqdn().orElse(opts.ip().equals("127.0.0.1") ? "<hostnames>" : opts.ip());
        writeFile(iniFile, SmpIniTemplate.content(dirs.cfgPath(), dirs.logPath(), opts, host, password,
                controlPortPasswords));
        console.println("Server initialized, please provide additional server information in " + iniFile + ".");
        console.println("Run `" + SmpCommands.PROGRAM + " start` to start server.");
        ServerIdentity.warnCAPrivateKeyFile(console, dirs.cfgPath());
        Banner.printServiceInfo(console, VERSION, fingerprint, Banner.address("smp", fingerprint, password, host, ""));
        Banner.printSourceCode(console, opts.sourceCode());
    }

    /** {@code strEncode} of random bytes: base64url with padding. */
    private String randomBase64(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64Url.encode(b);
    }

    @Override
    void cert(CommandLine.Options o) throws CliFailure {
        readIni();
        ServerIdentity.renewOnline(console, dirs.cfgPath(), signAlgorithmOption(o), o.value("cn"));
    }

    @Override
    void start(CommandLine.Options o) throws CliFailure {
        checkStartOptions(o);
        IniFile ini = readIni();
        String fingerprint = ServerIdentity.checkSavedFingerprint(dirs.cfgPath());
        SmpServerConfig config;
        String portSetting;
        Optional<AcmeSettings> acme;
        try {
            config = SmpIniConfig.read(ini, dirs.cfgPath(), dirs.logPath());
            portSetting = ini.required("TRANSPORT", "port");
            acme = AcmeIni.read(ini, dirs.cfgPath(), config.transport().host());
        } catch (IniException e) {
            throw new CliFailure("Error: " + e.getMessage());
        }
        String host = config.transport().host().orElse("<hostnames>");
        Banner.printServiceInfo(console, VERSION, fingerprint, Banner.address("smp", fingerprint,
                config.auth().createPassword(), host, portSetting.equals("5223") ? "" : portSetting));
        Banner.printSourceCode(console, config.information().map(ServerPublicInfo::sourceCode));
        ReferenceInstall.shadowingWarnings(Path.of("/"), "smp-server").forEach(console::println);
        if (config.store().queues() == QueueStoreType.DATABASE || config.store().messages() == MessageStoreType.DATABASE) {
            throw NoPostgres.SMP.failure();
        }
        console.println(config.store().storeLogFile().map(f -> "Store log: " + f).orElse("Store log disabled."));
        printTransports(config.transport().ports());
        checkMsgStoreMode(config);
        ExpirationConfig msgExp = config.expiry().messageExpiration();
        console.println("expiring messages after " + Banner.showTtl(msgExp.ttl().toSeconds()));
        console.println(inactiveClientsLine(config.expiry().inactiveClientExpiration()));
        console.println("creating new queues " + (config.auth().allowNewQueues()
                ? config.auth().createPassword().map(p -> "requires password").orElse("allowed") : "NOT allowed"));
        ServerCredentials credentials = HttpsCredentials.loadServer("SMP", dirs.cfgPath().resolve("ca.crt"),
                dirs.cfgPath().resolve("server.crt"), dirs.cfgPath().resolve("server.key"));
        Optional<WebConfig.HttpsConfig> https = config.web().https();
        Optional<Path> webCertificate = acme.isPresent() ? acme.map(AcmeSettings::certificateFile)
                : https.map(WebConfig.HttpsConfig::certificate);
        Optional<Path> webKey = acme.isPresent() ? acme.map(AcmeSettings::keyFile) : https.map(WebConfig.HttpsConfig::privateKey);
        Optional<ServerCredentials> webCredentials = acme.isPresent()
                ? AcmeStart.currentWebCredentials(webCertificate.get(), webKey.get())
                : HttpsCredentials.loadWebIfSet(webCertificate, webKey);
        if (o.has("maintenance")) {
            return;
        }
        StopSignals.starting();
        SmpServer server;
        WebSite site;
        try {
            site = WebSite.startSmp(config, fingerprint, webCredentials, null);
        } catch (IOException e) {
            throw new CliFailure("Error: cannot start the web server: " + e.getMessage());
        }
        try {
            server = SmpServer.start(config, credentials, webCredentials, null, ServerTuning.DEFAULT,
                    site.files().map(files -> files::serve));
        } catch (IOException e) {
            site.close();
            throw new CliFailure("Error: cannot start server: " + e.getMessage());
        }
        CertificateReload reload = new CertificateReload(
                () -> HttpsCredentials.loadServer("SMP", dirs.cfgPath().resolve("ca.crt"),
                        dirs.cfgPath().resolve("server.crt"), dirs.cfgPath().resolve("server.key")),
                () -> HttpsCredentials.loadWebIfSet(webCertificate, webKey), server::reloadCredentials, site);
        server.onCertificateReload(reload::reload);
        SighupReload.install(reload::reload);
        Optional<AcmeRenewer> renewer;
        try {
            renewer = AcmeStart.start(acme, acmeHttpClient(),
                    server.hasWebPort() ? Optional.of(server::answerAcmeChallenges) : Optional.empty(), site, reload::reload);
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

    private static void checkStartOptions(CommandLine.Options o) throws CliFailure {
        Optional<String> level = o.value("log-level");
        if (level.isPresent() && !List.of("trace", "debug", "info", "note", "warn", "error").contains(level.get())) {
            throw badValue("log-level", "Invalid log level");
        }
        level.ifPresent(ConsoleLoggerFinder::setThreshold);
        checkMigrationsOption(o);
    }

    /** {@code printServerTransports}. */
    private void printTransports(List<ServerPort> ports) {
        for (ServerPort p : ports) {
            String descr = p.port() + " (" + p.kind().displayName() + ")...";
            console.println("Serving SMP protocol on port " + descr);
            if (p.attachHttp()) {
                console.println("Serving static site on port " + descr);
            }
        }
        if (ports.stream().noneMatch(p -> p.port() == 443)) {
            console.println("\nWARNING: the clients will use port 443 by default soon.\n"
                    + "Set `port` in smp-server.ini section [TRANSPORT] to `5223,443`\n");
        }
    }

    /** {@code journal import|export|delete} as {@code Journal cmd} in Server/Main.hs, same texts. */
    @Override
    void journal(CommandLine.Options o) throws CliFailure {
        IniFile ini = readIni();
        Path msgsFile = dirs.logPath().resolve(SmpIniConfig.STORE_MSGS_FILE);
        Path journalDir = dirs.logPath().resolve("messages");
        boolean dirExists = Files.isDirectory(journalDir);
        boolean fileExists = Files.exists(msgsFile);
        Path storeLog = requiredStoreLogFile(ini);
        MessageStoreType messages;
        QueueStoreType queues;
        try {
            messages = SmpIniConfig.messageStoreType(ini);
            queues = SmpIniConfig.queueStoreType(ini);
        } catch (IniException e) {
            throw new CliFailure("Error: " + e.getMessage());
        }
        java.util.function.Consumer<String> warnings = w -> console.printErr(w + "\n");
        int quota = SmpServerConfig.MSG_QUEUE_QUOTA;
        try {
            switch (o.action()) {
                case "import" -> {
                    if (fileExists && dirExists) {
                        throw configureMsgStorage(msgsFile, journalDir);
                    }
                    if (dirExists) {
                        throw new CliFailure(journalDir + " directory already exists.");
                    }
                    if (!fileExists) {
                        throw new CliFailure(msgsFile + " file does not exist.");
                    }
                    console.confirmOrExit("WARNING: message log file " + msgsFile
                            + " will be imported to journal directory " + journalDir, "Messages not imported");
                    MessageLogFile.ImportReport report = JournalMigration.importMessageLog(storeLog, msgsFile,
                            journalDir, quota, java.time.Clock.systemUTC(), warnings);
                    console.println("Import completed");
                    console.println("Messages stored: " + report.storedCount() + ", expired: " + report.expiredCount()
                            + ", queues: " + report.queueCount());
                    console.println(switch (messages) {
                        case MEMORY -> "store_messages set to `memory`, update it to `journal` in INI file";
                        case DATABASE -> "store_messages set to `database`, update it to `journal` in INI file";
                        case JOURNAL -> "store_messages set to `journal`";
                    });
                }
                case "export" -> {
                    if (fileExists && dirExists) {
                        throw configureMsgStorage(msgsFile, journalDir);
                    }
                    if (fileExists) {
                        throw new CliFailure(msgsFile + " file already exists.");
                    }
                    console.confirmOrExit("WARNING: journal directory " + journalDir
                            + " will be exported to message log file " + msgsFile, "Journal not exported");
                    if (queues == QueueStoreType.DATABASE) {
                        throw NoPostgres.SMP.failure();
                    }
                    int saved = JournalMigration.exportToMessageLog(storeLog, journalDir, msgsFile, quota,
                            java.time.Clock.systemUTC(), warnings);
                    console.println("messages saved: " + saved);
                    console.println("Export completed");
                    console.println(messages == MessageStoreType.JOURNAL
                            ? "store_messages set to `journal`, update it to `memory` in INI file"
                            : "store_messages set to `memory`, start the server.");
                }
                default -> {
                    if (!dirExists) {
                        throw new CliFailure(journalDir + " directory does not exists.");
                    }
                    console.confirmOrExit("WARNING: journal directory " + journalDir
                            + " will be permanently deleted.\nTHIS CANNOT BE UNDONE!", "Messages NOT deleted");
                    new ReferenceJournalStore(journalDir).deleteAll();
                    console.println("Deleted all messages in journal " + journalDir);
                }
            }
        } catch (IOException | StoreFileException e) {
            throw new CliFailure("Error: " + e.getMessage());
        }
    }

    /** {@code getRequiredStoreLogFile}. */
    private Path requiredStoreLogFile(IniFile ini) throws CliFailure {
        boolean enabled;
        try {
            enabled = ini.isOn("STORE_LOG", "enable");
        } catch (IniException e) {
            throw new CliFailure("Error: " + e.getMessage());
        }
        if (!enabled) {
            throw new CliFailure("Store log disabled, see `[STORE_LOG] enable`");
        }
        Path storeLog = dirs.logPath().resolve(SmpIniConfig.STORE_LOG_FILE);
        if (!Files.exists(storeLog)) {
            throw new CliFailure("Store log file " + storeLog + " not found");
        }
        return storeLog;
    }

    private static CliFailure configureMsgStorage(Path msgsFile, Path journalDir) {
        return new CliFailure("Error: both " + msgsFile + " file and " + journalDir + " directory are present.\n"
                + "Configure memory storage.");
    }

    /** {@code checkMsgStoreMode}: the message file and the journal directory must match {@code store_messages}. */
    private void checkMsgStoreMode(SmpServerConfig config) throws CliFailure {
        Path msgsFile = dirs.logPath().resolve(SmpIniConfig.STORE_MSGS_FILE);
        Path journalDir = config.store().storeMsgsJournalDir();
        Path storeLog = dirs.logPath().resolve(SmpIniConfig.STORE_LOG_FILE);
        boolean fileExists = Files.exists(msgsFile);
        boolean dirExists = Files.isDirectory(journalDir);
        if (fileExists && dirExists) {
            throw new CliFailure("Error: both " + msgsFile + " file and " + journalDir + " directory are present.\n"
                    + "Configure memory storage.");
        }
        if (config.store().messages() == MessageStoreType.JOURNAL) {
            if (fileExists) {
                throw new CliFailure("Error: store_messages is `journal` with " + msgsFile + " file present.\n"
                        + "Set store_messages to `memory` or use `smp-server journal export` to migrate.");
            }
            if (!dirExists) {
                console.println("store_messages is `journal`, " + journalDir + " directory will be created.");
            } else if (!Files.exists(storeLog)) {
                console.println("store_queues is `memory`, " + storeLog + " file will be created.");
            }
        } else if (dirExists) {
            throw new CliFailure("Error: store_messages is `memory` with " + journalDir + " directory present.\n"
                    + "Set store_messages to `journal` or use `smp-server journal import` to migrate.");
        }
    }
}
