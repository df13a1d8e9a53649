package dev.relayj.acme;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;

/**
 * Keeps the web certificate issued and fresh: obtains one at start when the files are missing or
 * do not cover the names, renews at two thirds of its lifetime (or inside the CA's ARI window,
 * RFC 9773, when offered), writes {@code web.crt}/{@code web.key} and then tells the relay to
 * reload. A failure is one log line; the current certificate stays in service and the next
 * attempt follows after a doubling back-off. Owns one thread; {@link #close()} stops it.
 */
public final class AcmeRenewer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AcmeRenewer.class.getName());
    /** RSA 4096: the only web key the reference accepts (getCredentials in Server/Env/STM.hs). */
    private static final int RSA_BITS = 4096;
    /** How often ARI is asked again while a certificate is far from its renewal (RFC 9773 section 4.3: hours). */
    private static final Duration ARI_RECHECK = Duration.ofHours(6);

    private final AcmeSettings settings;
    private final AcmeClient client;
    private final ChallengeResponder responder;
    private final Runnable onRenewed;
    private final Clock clock;
    private final java.util.function.Consumer<String> warnings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean closed;
    private int failures;
    private Thread thread;

    /**
     * @param http the client the CA is reached with (a test trusts its CA here, and only here)
     * @param onRenewed called after new files are written, to load them into the listeners
     */
    public AcmeRenewer(AcmeSettings settings, HttpClient http, ChallengeResponder responder, Runnable onRenewed)
            throws AcmeException {
        this(settings, http, responder, onRenewed, line -> LOG.log(Level.WARNING, line));
    }

    /** As above, failures reported to {@code warnings} instead of the log (one line each). */
    AcmeRenewer(AcmeSettings settings, HttpClient http, ChallengeResponder responder, Runnable onRenewed,
            java.util.function.Consumer<String> warnings) throws AcmeException {
        this.warnings = warnings;
        this.settings = settings;
        this.clock = Clock.systemUTC();
        this.client = new AcmeClient(http, settings.directory(), AccountKey.loadOrCreate(settings.accountKeyFile()),
                settings.email(), settings.validationTimeout(), settings.pollInterval(), clock);
        this.responder = responder;
        this.onRenewed = onRenewed;
    }

    /** The JDK HTTP client with its default trust (the system's CAs). */
    public static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public void start() {
        thread = Thread.ofPlatform().daemon().name("acme-renewal").start(this::run);
    }

    private void run() {
        while (true) {
            Optional<Instant> renewAt = renewalTime();
            Instant now = clock.instant();
            Instant wake;
            if (failures > 0) {
                wake = now.plus(backoff());
            } else if (renewAt.isEmpty()) {
                wake = now;
            } else {
                // ARI windows can move: look again within hours even when the renewal is far
                Instant recheck = now.plus(ARI_RECHECK);
                wake = renewAt.get().isBefore(recheck) ? renewAt.get() : recheck;
            }
            if (!sleepUntil(wake)) {
                return;
            }
            if (renewAt.isEmpty() || !renewAt.get().isAfter(clock.instant())) {
                attempt();
            }
        }
    }

    /** retryMin doubled for each failure in a row, at most retryMax. */
    private Duration backoff() {
        Duration backoff = settings.retryMin().multipliedBy(1L << Math.min(failures - 1, 20));
        return backoff.compareTo(settings.retryMax()) > 0 ? settings.retryMax() : backoff;
    }

    private void attempt() {
        try {
            obtain();
            failures = 0;
        } catch (AcmeException | RuntimeException e) {
            failures++;
            warnings.accept("ACME: " + e.getMessage() + "; keeping the current web certificate, retrying in "
                    + backoff().toSeconds() + " s");
        }
    }

    /** The time the current certificate should be renewed; empty when it is missing, unusable or does not fit. */
    private Optional<Instant> renewalTime() {
        Optional<X509Certificate> current = currentCertificate();
        if (current.isEmpty()) {
            return Optional.empty();
        }
        X509Certificate certificate = current.get();
        try {
            Optional<AcmeClient.RenewalWindow> window = certificateId(certificate).isEmpty() ? Optional.empty()
                    : client.renewalInfo(certificateId(certificate).get());
            if (window.isPresent()) {
                long span = Duration.between(window.get().start(), window.get().end()).toMillis();
                long offset = span <= 0 ? 0 : ThreadLocalRandom.current().nextLong(span);
                return Optional.of(window.get().start().plusMillis(offset));
            }
        } catch (AcmeException e) {
            LOG.log(Level.DEBUG, "ACME: no renewal information, renewing at 2/3 of the lifetime: " + e.getMessage());
        }
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        return Optional.of(notBefore.plus(Duration.between(notBefore, notAfter).multipliedBy(2).dividedBy(3)));
    }

    /** The certificate in web.crt when it and web.key exist and it names every host; else empty. */
    private Optional<X509Certificate> currentCertificate() {
        if (!Files.exists(settings.certificateFile()) || !Files.exists(settings.keyFile())) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(settings.certificateFile())) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            for (String name : settings.names()) {
                boolean covered = alternatives != null && alternatives.stream()
                        .anyMatch(a -> a.size() == 2 && Integer.valueOf(2).equals(a.get(0)) && name.equalsIgnoreCase((String) a.get(1)));
                if (!covered) {
                    return Optional.empty();
                }
            }
            return Optional.of(certificate);
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** RFC 9773 section 4.1: base64url(authority key identifier) "." base64url(serial number DER content). */
    static Optional<String> certificateId(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        if (extension == null) {
            return Optional.empty();
        }
        try {
            AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets());
            if (aki.getKeyIdentifier() == null) {
                return Optional.empty();
            }
            return Optional.of(AccountKey.base64Url(aki.getKeyIdentifier()) + "."
                    + AccountKey.base64Url(certificate.getSerialNumber().toByteArray()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void obtain() throws AcmeException {
        Optional<X509Certificate> previous = currentCertificate();
        KeyPair key;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS);
            key = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AcmeException("cannot create the RSA key: " + e.getMessage(), e);
        }
        String replaces = previous.flatMap(AcmeRenewer::certificateId).orElse(null);
        String replacesIfAri = client.directory().renewalInfo().isPresent() ? replaces : null;
        AcmeClient.Issued issued = client.order(settings.names(), key, responder, replacesIfAri);
        try {
            Pem.writeAtomically(settings.keyFile(), Pem.encode("PRIVATE KEY", key.getPrivate().getEncoded()), true);
            Pem.writeAtomically(settings.certificateFile(), issued.chainPem(), false);
        } catch (IOException e) {
            throw new AcmeException("cannot write " + settings.certificateFile() + " / " + settings.keyFile() + ": "
                    + e.getMessage(), e);
        }
        X509Certificate written = currentCertificate().orElseThrow(() -> new AcmeException(
                "the issued certificate in " + settings.certificateFile() + " does not name " + settings.names()));
        LOG.log(Level.INFO, "ACME: web certificate for " + String.join(", ", settings.names()) + " issued, valid until "
                + written.getNotAfter().toInstant() + ", written to " + settings.certificateFile());
        onRenewed.run();
    }

    /** False when closed meanwhile. */
    private boolean sleepUntil(Instant due) {
        lock.lock();
        try {
            while (!closed) {
                long millis = Duration.between(clock.instant(), due).toMillis();
                if (millis <= 0) {
                    return true;
                }
                wake.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            return false;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
