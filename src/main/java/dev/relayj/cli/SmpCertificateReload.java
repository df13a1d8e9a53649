package dev.relayj.cli;

import dev.relayj.smp.server.SmpServer;
import dev.relayj.tls.ServerCredentials;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Loads the SMP relay's certificates from their files again, with the checks of the start, and
 * gives them to the listeners: on SIGHUP, on the control port's {@code reload-certs} and after an
 * ACME renewal. New connections get them; open connections are not touched.
 */
final class SmpCertificateReload {
    private static final System.Logger LOG = System.getLogger(SmpCertificateReload.class.getName());

    private final Path cfgPath;
    private final Optional<Path> webCertificate;
    private final Optional<Path> webKey;
    private final SmpServer server;
    private final WebSite site;
    private final ReentrantLock lock = new ReentrantLock();

    SmpCertificateReload(Path cfgPath, Optional<Path> webCertificate, Optional<Path> webKey, SmpServer server, WebSite site) {
        this.cfgPath = cfgPath;
        this.webCertificate = webCertificate;
        this.webKey = webKey;
        this.server = server;
        this.site = site;
    }

    /** One line: what was loaded, or why the certificates in use stay. */
    String reload() {
        lock.lock();
        try {
            ServerCredentials credentials = HttpsCredentials.loadServer("SMP", cfgPath.resolve("ca.crt"),
                    cfgPath.resolve("server.crt"), cfgPath.resolve("server.key"));
            Optional<ServerCredentials> web = HttpsCredentials.loadWebIfSet(webCertificate, webKey);
            server.reloadCredentials(credentials, web);
            site.replaceWebCredentials(web);
            String line = "certificates reloaded: server " + subject(credentials)
                    + web.map(w -> ", web " + subject(w) + " valid until " + w.chain().get(0).getNotAfter().toInstant())
                            .orElse("");
            LOG.log(Level.INFO, line);
            return line;
        } catch (CliFailure | IOException e) {
            String line = "certificates not reloaded, the current ones stay: "
                    + e.getMessage().replace("----------", "").replace('\n', ' ').trim();
            LOG.log(Level.WARNING, line);
            return line;
        } finally {
            lock.unlock();
        }
    }

    private static String subject(ServerCredentials credentials) {
        return credentials.chain().get(0).getSubjectX500Principal().getName();
    }
}
