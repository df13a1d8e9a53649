package dev.relayj.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real browser renders the information page served by our listener (skipped without chromium). */
@Timeout(120)
class ChromiumScreenshotTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    private static Optional<Path> chromium() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String d : path.split(File.pathSeparator)) {
                Path candidate = Path.of(d, name);
                if (!d.isEmpty() && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void indexPageRenders() throws Exception {
        Optional<Path> browser = chromium();
        Assumptions.assumeTrue(browser.isPresent(), "chromium is not installed");
        Path site = dir.resolve("www");
        StaticSite.generate(site, StaticSiteTest.fullInfo());
        Path png = dir.resolve("index.png");
        try (HttpListener listener = HttpListener.open("127.0.0.1", 0, new StaticFileServer(site))) {
            Process p = new ProcessBuilder(browser.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + Files.createDirectory(dir.resolve("profile")),
                    "--screenshot=" + png, "--window-size=1200,900",
                    "http://127.0.0.1:" + listener.port() + "/")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("chromium.log").toFile())
                    .start();
            try {
                assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium did not finish");
            } finally {
                p.destroyForcibly();
            }
        }
        assertTrue(Files.exists(png), () -> "no screenshot; chromium said: " + log());
        byte[] image = Files.readAllBytes(png);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(image, 8));
        // IHDR follows the signature: length, "IHDR", width, height
        ByteBuffer ihdr = ByteBuffer.wrap(image, 16, 8);
        assertEquals(1200, ihdr.getInt());
        assertEquals(900, ihdr.getInt());
        // a blank page compresses to a few hundred octets; text and tables take far more
        assertTrue(image.length > 20_000, "screenshot of " + image.length + " octets looks blank");
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("chromium.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
