package dev.relayj.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The file steps of a store log that the queue log and the file log share ({@code readWriteStoreLog}
 * and {@code removeStoreLogBackups} of simplexmq's {@code Server/StoreLog.hs}): recovery of an
 * interrupted compaction from {@code <log>.start}, the swap of a compacted log into place with the
 * old one kept as {@code <log>.<ISO-8601 time>}, pruning of those backups, and atomic renames each
 * followed by an fsync of the directory. A directory that cannot be synced is an error, not
 * skipped: without it a crash could lose the rename.
 */
public final class StoreLogFiles {
    private static final Duration RECENT_BACKUP = Duration.ofDays(1);
    private static final Duration OLD_BACKUP = Duration.ofDays(21);
    private static final int MIN_OLD_BACKUPS = 3;

    private StoreLogFiles() {}

    /** Steps of {@link #swapInCompacted}, to simulate a crash between them in tests. */
    public enum Step {
        TEMP_WRITTEN,
        ORIGINAL_MOVED_ASIDE,
        COMPACTED_IN_PLACE
    }

    /** {@code <file><suffix>} in the same directory. */
    public static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    /** Renames {@code from} over {@code to} atomically and syncs the directory. */
    public static void replaceAtomically(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Directories.syncParent(to);
    }

    /**
     * A compaction that did not finish leaves {@code <log>.start}, the last full state: it is put
     * back as the log, and a partial log is kept as {@code <log>.bak}. Returns whether it did so.
     */
    public static boolean recoverInterruptedStart(Path log, Consumer<String> notes) throws IOException {
        Path startBackup = sibling(log, ".start");
        if (!Files.exists(startBackup)) {
            return false;
        }
        notes.accept("Server terminated abnormally on last start, restoring state from " + startBackup);
        if (Files.exists(log)) {
            Files.move(log, sibling(log, ".bak"), StandardCopyOption.REPLACE_EXISTING);
            notes.accept("preserved incomplete state " + log + " as " + sibling(log, ".bak"));
        }
        Files.move(startBackup, log);
        Directories.syncParent(log);
        return true;
    }

    /**
     * Puts the compacted state {@code compacted} (written and fsync'd) in place of {@code log}: the
     * log is first renamed to {@code <log>.start}, so that a crash at any step leaves a full state
     * that {@link #recoverInterruptedStart} finds; then it becomes the timed backup, and old
     * backups are pruned.
     */
    public static void swapInCompacted(Path log, Path compacted, Clock clock, Consumer<String> notes,
            Consumer<Step> afterStep) throws IOException {
        afterStep.accept(Step.TEMP_WRITTEN);
        Path startBackup = sibling(log, ".start");
        Files.move(log, startBackup, StandardCopyOption.ATOMIC_MOVE);
        Directories.syncParent(log);
        afterStep.accept(Step.ORIGINAL_MOVED_ASIDE);
        Files.move(compacted, log, StandardCopyOption.ATOMIC_MOVE);
        Directories.syncParent(log);
        afterStep.accept(Step.COMPACTED_IN_PLACE);
        Instant now = clock.instant();
        Path timedBackup = sibling(log, "." + iso8601(now));
        Files.move(startBackup, timedBackup, StandardCopyOption.ATOMIC_MOVE);
        Directories.syncParent(log);
        notes.accept("original state preserved as " + timedBackup);
        removeOldBackups(log, now, notes);
    }

    /**
     * {@code removeStoreLogBackups}: keeps every backup from the last day and the newest three
     * older ones; of the rest, removes those older than 21 days.
     */
    public static void removeOldBackups(Path log, Instant now, Consumer<String> notes) throws IOException {
        String prefix = log.getFileName() + ".";
        List<Instant> times = new ArrayList<>();
        Path directory = log.toAbsolutePath().getParent();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, prefix.replace("*", "\\*") + "*")) {
            for (Path backup : files) {
                Instant time = parseIso8601(backup.getFileName().toString().substring(prefix.length()));
                if (time != null) {
                    times.add(time);
                }
            }
        }
        times.sort(null);
        Instant recent = now.minus(RECENT_BACKUP);
        Instant old = now.minus(OLD_BACKUP);
        List<Instant> older = times.stream().filter(t -> t.isBefore(recent)).toList();
        List<Instant> candidates = older.subList(0, Math.max(0, older.size() - MIN_OLD_BACKUPS));
        List<Instant> toDelete = candidates.stream().filter(t -> t.isBefore(old)).toList();
        for (Instant time : toDelete) {
            Files.deleteIfExists(sibling(log, "." + iso8601(time)));
        }
        if (!toDelete.isEmpty()) {
            notes.accept("Removed " + toDelete.size() + " backups:");
            toDelete.forEach(time -> notes.accept(sibling(log, "." + iso8601(time)).toString()));
        }
    }

    /**
     * {@code iso8601Show} of a {@code UTCTime}: {@code 2024-01-15T10:20:30.5Z}, the fraction
     * with its trailing zeros dropped and left out when zero.
     */
    public static String iso8601(Instant time) {
        LocalDateTime utc = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
        String seconds = String.format("%04d-%02d-%02dT%02d:%02d:%02d", utc.getYear(), utc.getMonthValue(),
                utc.getDayOfMonth(), utc.getHour(), utc.getMinute(), utc.getSecond());
        int nanos = time.getNano();
        if (nanos == 0) {
            return seconds + "Z";
        }
        String fraction = String.format("%09d", nanos).replaceAll("0+$", "");
        return seconds + "." + fraction + "Z";
    }

    /** The time of a backup's name, or null when the name is not one. */
    public static Instant parseIso8601(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
