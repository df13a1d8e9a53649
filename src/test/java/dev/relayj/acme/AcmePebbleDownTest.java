package dev.relayj.acme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.testing.Pebble;
import dev.relayj.web.HttpListener;
import dev.relayj.web.StaticFileServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The CA goes away after the first certificate: the renewal fails, says so, backs off, and the certificate stays. */
@Timeout(180)
class AcmePebbleDownTest {
    @TempDir
    Path dir;

    @Test
    void pebbleDownKeepsTheCertificateAndRetriesWithBackOff() throws Exception {
        Assumptions.assumeTrue(Pebble.installed(),
                "pebble is not installed (Debian package pebble; tools/test installs it): ACME tests skipped");
        int http = Pebble.freePort();
        Files.createDirectories(dir.resolve("www"));
        StaticFileServer files = new StaticFileServer(dir.resolve("www"));
        RelayChallenges challenges = new RelayChallenges(null, true);
        files.answerAcmeHttpChallenges(challenges::httpAnswer);
        AtomicInteger reloads = new AtomicInteger();
        BlockingQueue<String> warnings = new LinkedBlockingQueue<>();
        try (Pebble pebble = Pebble.start(dir.resolve("pebble"), http, 0, 30);
                HttpListener listener = HttpListener.open(null, http, files)) {
            AcmeSettings settings = new AcmeSettings(pebble.directory(), Optional.empty(), List.of("localhost"),
                    dir.resolve("web.crt"), dir.resolve("web.key"), dir.resolve("acme_account.key"),
                    Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(2));
            try (AcmeRenewer renewer = new AcmeRenewer(settings, pebble.httpClient(), challenges,
                    reloads::incrementAndGet, warnings::add)) {
                renewer.start();
                Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
                while (reloads.get() == 0 && Instant.now().isBefore(deadline)) {
                    Thread.sleep(200);
                }
                assertEquals(1, reloads.get(), "first certificate issued: " + warnings);
                byte[] certificate = Files.readAllBytes(dir.resolve("web.crt"));
                byte[] key = Files.readAllBytes(dir.resolve("web.key"));
                pebble.close();

                String first = warnings.poll(60, TimeUnit.SECONDS);
                assertNotNull(first, "no warning after the renewal time");
                assertTrue(first.contains("CA unreachable") && first.endsWith("keeping the current web certificate, retrying in 1 s"),
                        first);
                String second = warnings.poll(30, TimeUnit.SECONDS);
                assertNotNull(second, "no second attempt");
                assertTrue(second.endsWith("retrying in 2 s"), second);
                assertArrayEquals(certificate, Files.readAllBytes(dir.resolve("web.crt")));
                assertArrayEquals(key, Files.readAllBytes(dir.resolve("web.key")));
                assertEquals(1, reloads.get());
            }
        }
    }
}
