package dev.relayj.cli;

import dev.relayj.acme.AcmeException;
import dev.relayj.acme.AcmeRenewer;
import dev.relayj.acme.AcmeSettings;
import dev.relayj.acme.RelayChallenges;
import dev.relayj.tls.AcmeTlsChallenges;
import dev.relayj.tls.ServerCredentials;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Starts the ACME renewal of the web certificate when [WEB] acme is on, and wires its challenges. */
final class AcmeStart {
    private static final System.Logger LOG = System.getLogger(AcmeStart.class.getName());

    private AcmeStart() {}

    /**
     * The web certificate in the files, when there is a usable one; with ACME on a missing or
     * unusable one is no reason to refuse the start, the renewal obtains a new one.
     */
    static Optional<ServerCredentials> currentWebCredentials(Path certificate, Path key) {
        if (!Files.exists(certificate) || !Files.exists(key)) {
            LOG.log(Level.INFO, "ACME: no web certificate in " + certificate + " yet; requesting one");
            return Optional.empty();
        }
        try {
            return Optional.of(HttpsCredentials.loadWeb(certificate, key));
        } catch (CliFailure e) {
            LOG.log(Level.WARNING, "ACME: the web certificate in " + certificate + " is not usable ("
                    + e.getMessage().replace("----------", "").replace('\n', ' ').trim() + "); requesting a new one");
            return Optional.empty();
        }
    }

    /**
     * The running renewal, or empty when ACME is off.
     *
     * @param tlsPort installs TLS-ALPN-01 answers on the relay port browsers share, when there is one
     */
    static Optional<AcmeRenewer> start(Optional<AcmeSettings> acme, HttpClient http,
            Optional<Consumer<AcmeTlsChallenges>> tlsPort, WebSite site, Supplier<String> reload) throws CliFailure {
        if (acme.isEmpty()) {
            return Optional.empty();
        }
        AcmeTlsChallenges tls = tlsPort.isPresent() ? new AcmeTlsChallenges() : null;
        boolean http01 = site.httpPort().isPresent() && site.files().isPresent();
        if (tls == null && !http01) {
            throw new CliFailure("Error: [WEB] acme: on needs [WEB] https on a relay port (TLS-ALPN-01) "
                    + "or [WEB] http with static_path (HTTP-01)");
        }
        RelayChallenges challenges = new RelayChallenges(tls, http01);
        if (tls != null) {
            tlsPort.get().accept(tls);
        }
        if (http01) {
            site.files().get().answerAcmeHttpChallenges(challenges::httpAnswer);
        }
        try {
            AcmeRenewer renewer = new AcmeRenewer(acme.get(), http, challenges, reload::get);
            renewer.start();
            LOG.log(Level.INFO, "ACME: web certificate for " + String.join(", ", acme.get().names()) + " from "
                    + acme.get().directory() + " (" + String.join(", ", challenges.types()) + ")");
            return Optional.of(renewer);
        } catch (AcmeException e) {
            throw new CliFailure("Error: " + e.getMessage());
        }
    }
}
