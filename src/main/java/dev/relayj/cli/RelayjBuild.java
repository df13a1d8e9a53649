package dev.relayj.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * This build of relayj: its version and where its source is published, both written into the jar
 * by Maven ({@code relayj-build.properties}; the source address is the pom's {@code relayj.sourceUrl},
 * set per build with {@code -Drelayj.sourceUrl=…}). The AGPLv3 asks a relay to offer the source it
 * runs, so {@code init} proposes this address, not the reference's.
 */
record RelayjBuild(String version, Optional<String> sourceUrl) {
    static final RelayjBuild CURRENT = load();

    private static RelayjBuild load() {
        Properties p = new Properties();
        try (InputStream in = RelayjBuild.class.getResourceAsStream("relayj-build.properties")) {
            if (in == null) {
                throw new IllegalStateException("relayj-build.properties is missing from the jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String source = p.getProperty("source", "").strip();
        // an unfiltered copy (an IDE build) still holds the ${…} placeholder
        return new RelayjBuild(p.getProperty("version", "unknown"),
                source.isEmpty() || source.startsWith("${") ? Optional.empty() : Optional.of(source));
    }
}
