package dev.relayj.acme;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What [WEB] acme, acme_email and acme_directory ask for, and where the result goes.
 *
 * @param names the DNS names of the certificate (the relay's host names, without .onion and IPs)
 * @param certificateFile the web certificate chain, where the reference reads it ([WEB] cert)
 * @param keyFile its private key ([WEB] key)
 * @param accountKeyFile the ACME account key, created once with mode 0600
 * @param validationTimeout how long an order may wait for the CA to validate and issue
 * @param pollInterval the shortest wait between two polls of the CA
 * @param retryMin the first wait after a failure; each further failure doubles it up to {@code retryMax}
 */
public record AcmeSettings(URI directory, Optional<String> email, List<String> names, Path certificateFile,
        Path keyFile, Path accountKeyFile, Duration validationTimeout, Duration pollInterval, Duration retryMin,
        Duration retryMax) {
    public static final URI LETS_ENCRYPT = URI.create("https://acme-v02.api.letsencrypt.org/directory");
    public static final URI LETS_ENCRYPT_STAGING = URI.create("https://acme-staging-v02.api.letsencrypt.org/directory");

    public AcmeSettings {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no DNS names for the ACME certificate");
        }
    }

    /** Production timings: polls every 2 s for up to 5 min; retries after 1 min, doubling to 6 h. */
    public static AcmeSettings of(URI directory, Optional<String> email, List<String> names, Path certificateFile,
            Path keyFile, Path accountKeyFile) {
        return new AcmeSettings(directory, email, names, certificateFile, keyFile, accountKeyFile,
                Duration.ofMinutes(5), Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofHours(6));
    }
}
