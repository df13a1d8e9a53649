package dev.relayj.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Replaces a file's text whole or not at all (temp file in the same directory, then rename), so a
 * crash while saving never leaves a torn state file and a metrics scraper never reads half a file.
 * The file gets the mode the process's umask gives (0644 under the units), as the reference's
 * {@code writeFile} does: Grafana and metrics importers read it as another user. One writer per file.
 */
final class AtomicTextFile {
    private AtomicTextFile() {}

    static void write(Path path, String text) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = dir.resolve(path.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
