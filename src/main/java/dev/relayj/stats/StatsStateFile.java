package dev.relayj.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The stats state file kept across restarts ({@code serverStatsBackupFile}:
 * {@code smp-server-stats.log} / {@code file-server-stats.log} in the log directory). Saved on
 * stop; on start it is read and, once restored, renamed to {@code <name>.bak} as
 * {@code restoreServerStats} in the reference's {@code Server.hs} does.
 */
public final class StatsStateFile {
    private final Path path;

    public StatsStateFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /**
     * Writes the text whole or not at all (temp file, then rename), so a crash while saving never
     * leaves a torn file that would stop the next start.
     */
    public void save(String text) throws IOException {
        AtomicTextFile.write(path, text);
    }

    /** The saved text, or empty if there is no file. */
    public Optional<String> read() throws IOException {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(path, StandardCharsets.ISO_8859_1));
    }

    /** Renames the file to {@code <name>.bak} after a successful restore. */
    public void archive() throws IOException {
        Path bak = path.resolveSibling(path.getFileName() + ".bak");
        Files.move(path, bak, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Parses the saved text, naming this file in the error. */
    <T> Optional<T> load(StateParser<T> parser) throws IOException, StatsFormatException {
        Optional<String> text = read();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.parse(text.get()));
        } catch (StatsFormatException e) {
            throw new StatsFormatException(path + ": " + e.getMessage());
        }
    }

    interface StateParser<T> {
        T parse(String text) throws StatsFormatException;
    }
}
