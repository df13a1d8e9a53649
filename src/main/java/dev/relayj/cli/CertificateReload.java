package dev.relayj.cli;

import dev.relayj.tls.ServerCredentials;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Loads a relay's certificates from their files again, with the checks of the start, and gives
 * them to its listeners: on SIGHUP, on the control port's {@code reload-certs} and after an ACME
 * renewal. New connections get them; open connections are not touched.
 */
final class CertificateReload {
    private static final System.Logger LOG = System.getLogger(CertificateReload.class.getName());

    /** Reads credentials as the start does; failures are the start's messages. */
    @FunctionalInterface
    interface Loader<T> {
        T load() throws CliFailure;
    }

    /** The relay's listeners, which refuse a different CA. */
    @FunctionalInterface
    interface Relay {
        void reloadCredentials(ServerCredentials credentials, Optional<ServerCredentials> web) throws IOException;
    }

    private final Loader<ServerCredentials> server;
    private final Loader<Optional<ServerCredentials>> web;
    private final Relay relay;
    private final WebSite site;
    private final ReentrantLock lock = new ReentrantLock();

    CertificateReload(Loader<ServerCredentials> server, Loader<Optional<ServerCredentials>> web, Relay relay, WebSite site) {
        this.server = server;
        this.web = web;
        this.relay = relay;
        this.site = site;
    }

    /** One line: what was loaded, or why the certificates in use stay. */
    String reload() {
        lock.lock();
        try {
            ServerCredentials credentials = server.load();
            Optional<ServerCredentials> webCredentials = web.load();
            relay.reloadCredentials(credentials, webCredentials);
            site.replaceWebCredentials(webCredentials);
            String line = "certificates reloaded: server " + subject(credentials)
                    + webCredentials.map(w -> ", web " + subject(w) + " valid until "
                            + w.chain().get(0).getNotAfter().toInstant()).orElse("");
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
