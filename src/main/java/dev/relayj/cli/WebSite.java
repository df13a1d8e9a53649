package dev.relayj.cli;

import dev.relayj.encoding.VersionRange;
import dev.relayj.runtime.ServerPublicInfo;
import dev.relayj.smp.server.SmpServerConfig;
import dev.relayj.runtime.WebConfig;
import dev.relayj.tls.ServerCredentials;
import dev.relayj.transport.SmpVersions;
import dev.relayj.tls.TlsListener;
import dev.relayj.tls.TlsSettings;
import dev.relayj.web.HttpListener;
import dev.relayj.web.SiteInfo;
import dev.relayj.web.StaticFileServer;
import dev.relayj.web.StaticSite;
import dev.relayj.xftp.protocol.XftpVersions;
import dev.relayj.xftp.server.XftpServerConfig;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The server information site: generated into {@code [WEB] static_path} at every start and served
 * on {@code [WEB] http} and, unless it shares the relay's port, on {@code [WEB] https}
 * ({@code runWebServer} in Server/Main.hs and FileTransfer/Server/Main.hs, {@code serveStaticFiles}
 * in Server/Web.hs). Owns its listeners; {@link #close()} stops them.
 */
final class WebSite implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WebSite.class.getName());
    private static final List<String> HTTP_ALPN = List.of("h2", "http/1.1");

    private final Optional<StaticFileServer> files;
    private final List<AutoCloseable> listeners = new ArrayList<>();
    /** The site's own HTTPS port when it does not share a relay port, once it has a certificate. */
    private Optional<Integer> ownHttpsPort = Optional.empty();
    private String bindHost;
    private TlsListener httpsListener;

    private WebSite(Optional<StaticFileServer> files) {
        this.files = files;
    }

    /**
     * New HTTPS connections of the site's own port get this certificate; the port opens now if it
     * waited for its first one (ACME at the first start).
     */
    void replaceWebCredentials(Optional<ServerCredentials> credentials) throws IOException {
        if (credentials.isEmpty() || ownHttpsPort.isEmpty() || files.isEmpty()) {
            return;
        }
        if (httpsListener != null) {
            httpsListener.replaceCredentials(credentials.get(), credentials.get());
            return;
        }
        openHttps(credentials.get());
    }

    private void openHttps(ServerCredentials credentials) throws IOException {
        TlsSettings tls = new TlsSettings(credentials, credentials, HTTP_ALPN, TlsSettings.DEFAULT_HANDSHAKE_TIMEOUT, false);
        httpsListener = TlsListener.open(bindHost, ownHttpsPort.get(), tls, files.get()::serve);
        listeners.add(httpsListener);
        LOG.log(Level.INFO, "Serving static site on port " + httpsListener.port() + " (TLS)");
    }

    /** The files of the site, for a relay port it shares (ALPN h2/http/1.1 with SNI). */
    Optional<StaticFileServer> files() {
        return files;
    }

    /** HTTP port bound, when {@code [WEB] http} is set (for tests asking for port 0). */
    Optional<Integer> httpPort() {
        return listeners.stream().filter(HttpListener.class::isInstance).map(l -> ((HttpListener) l).port()).findFirst();
    }

    /**
     * Generates and serves the SMP site.
     *
     * @param fingerprint the CA fingerprint shown in the server address
     * @param webCredentials the [WEB] certificate, when configured
     */
    static WebSite startSmp(SmpServerConfig config, String fingerprint, Optional<ServerCredentials> webCredentials,
            String bindHost) throws IOException {
        Optional<Path> path = config.web().staticPath();
        if (path.isEmpty()) {
            LOG.log(Level.WARNING, "No server static path set");
            return new WebSite(Optional.empty());
        }
        SmpServerConfig.Store store = config.store();
        SiteInfo.Persistence persistence = store.storeLogFile().isEmpty() ? SiteInfo.Persistence.MEMORY_ONLY
                : store.storeMsgsFile().isEmpty() && store.messages() != SmpServerConfig.MessageStoreType.JOURNAL
                        ? SiteInfo.Persistence.QUEUES
                        : SiteInfo.Persistence.MESSAGES;
        SiteInfo.SmpSettings settings = new SiteInfo.SmpSettings(persistence,
                Optional.of(config.expiry().messageExpiration().ttl().toSeconds()), config.stats().logStats(),
                config.auth().allowNewQueues(), config.auth().createPassword().isPresent());
        String hosts = config.transport().host().orElse("<hostnames>");
        SiteInfo info = siteInfo(settings, softwareVersion("SMP", SmpVersions.SUPPORTED_SERVER_SMP_RELAY_VRANGE),
                config.information(), hosts, "smp://" + fingerprint + "@" + hosts);
        boolean shared = config.transport().ports().stream().anyMatch(SmpServerConfig.ServerPort::attachHttp);
        // with a shared port the reference passes no HTTPS parameters: that port serves the site
        return start(path.get(), info, config.web(), shared, webCredentials, bindHost);
    }

    /** Generates and serves the XFTP site. */
    static WebSite startXftp(XftpServerConfig config, String fingerprint, Optional<ServerCredentials> webCredentials,
            String bindHost) throws IOException {
        Optional<Path> path = config.web().staticPath();
        if (path.isEmpty()) {
            return new WebSite(Optional.empty());
        }
        SiteInfo.XftpSettings settings = new SiteInfo.XftpSettings(
                Optional.of(config.fileExpiration().ttl().toSeconds()), config.stats().logStats(),
                config.auth().allowNewFiles(), config.auth().createPassword().isPresent());
        String hosts = config.host().orElse("<hostnames>");
        SiteInfo info = siteInfo(settings, softwareVersion("XFTP", XftpVersions.SUPPORTED_FILE_SERVER_VRANGE),
                config.information(), hosts, "xftp://" + fingerprint + "@" + hosts);
        // the XFTP port serves the site itself to browsers: no second listener on it
        boolean shared = config.web().https().map(h -> h.port() == config.port()).orElse(false);
        return start(path.get(), info, config.web(), shared, webCredentials, bindHost);
    }

    private static WebSite start(Path path, SiteInfo info, WebConfig web, boolean shared,
            Optional<ServerCredentials> webCredentials, String bindHost) throws IOException {
        StaticSite.generate(path, info);
        StaticFileServer files = new StaticFileServer(path);
        WebSite site = new WebSite(Optional.of(files));
        site.bindHost = bindHost;
        if (!shared) {
            site.ownHttpsPort = web.https().map(WebConfig.HttpsConfig::port);
        }
        Optional<ServerCredentials> httpsCredentials = shared ? Optional.empty() : webCredentials;
        try {
            if (web.httpPort().isPresent()) {
                HttpListener http = HttpListener.open(bindHost, web.httpPort().getAsInt(), files);
                site.listeners.add(http);
                LOG.log(Level.INFO, "Serving static site on port " + http.port());
            }
            if (web.https().isPresent() && httpsCredentials.isPresent()) {
                site.openHttps(httpsCredentials.get());
            }
        } catch (IOException | RuntimeException e) {
            site.close();
            throw e;
        }
        return site;
    }

    /**
     * What the page shows as "Server version": this software and the protocol versions it serves, so
     * that nobody takes the relay for the reference it is compatible with.
     */
    static String softwareVersion(String protocol, VersionRange served) {
        return "relayj " + RelayjBuild.CURRENT.version() + ", " + protocol + " protocol versions " + served.min()
                + "–" + served.max() + " (compatible with simplexmq " + Banner.SIMPLEXMQ_VERSION + ")";
    }

    /** {@code ServerInformation} as the page generator takes it. */
    static SiteInfo siteInfo(SiteInfo.ServerSettings settings, String version, Optional<ServerPublicInfo> information,
            String hosts, String address) {
        Optional<String> onionHost = Arrays.stream(hosts.split(",")).map(String::trim)
                .filter(h -> h.endsWith(".onion")).findFirst();
        Optional<ServerPublicInfo> i = information;
        return new SiteInfo(settings, version,
                i.map(ServerPublicInfo::sourceCode).filter(s -> !s.isBlank()),
                List.of(address),
                i.flatMap(ServerPublicInfo::website),
                i.flatMap(ServerPublicInfo::usageConditions).map(c -> new SiteInfo.Conditions(c.conditions(), c.amendments())),
                i.flatMap(ServerPublicInfo::operator).map(WebSite::entity),
                i.flatMap(ServerPublicInfo::adminContacts).map(WebSite::contacts),
                i.flatMap(ServerPublicInfo::complaintsContacts).map(WebSite::contacts),
                i.flatMap(ServerPublicInfo::hosting).map(WebSite::entity),
                i.flatMap(ServerPublicInfo::hostingType).map(ServerPublicInfo.HostingType::text),
                i.flatMap(ServerPublicInfo::serverCountry),
                onionHost);
    }

    private static SiteInfo.Entity entity(ServerPublicInfo.Entity e) {
        return new SiteInfo.Entity(e.name(), e.country());
    }

    private static SiteInfo.Contacts contacts(ServerPublicInfo.ContactAddress c) {
        return new SiteInfo.Contacts(c.simplex(), c.email(), c.pgp().map(p -> new SiteInfo.PgpKey(p.uri(), p.fingerprint())));
    }

    @Override
    public void close() {
        for (AutoCloseable listener : listeners) {
            try {
                listener.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "stopping the web server: " + e.getMessage());
            }
        }
    }
}
