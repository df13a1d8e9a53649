package dev.relayj.xftp.store;

import dev.relayj.store.Directories;
import dev.relayj.encoding.DecodingException;
import dev.relayj.protocol.EntityId;
import dev.relayj.xftp.protocol.XftpError;
import dev.relayj.xftp.protocol.XftpException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Start-up of the store log ({@code readWriteStoreLog} in {@code Server/StoreLog.hs} with
 * {@code readFileStore}/{@code writeFileStore} of {@code FileTransfer/Server/StoreLog.hs}):
 * {@link #replay} loads the log into the store, {@link #compact} replaces it by the store's state
 * and opens it for appending. Between the two the server checks the files on disk.
 * <p>
 * The reference keeps the replaced log as {@code <log>.<ISO 8601 time>} and prunes such backups;
 * we do the same. It marks an unfinished compaction with {@code <log>.start}, which we honour when
 * we find one; our own compaction never leaves the log missing: the new state is written to a
 * temporary file, synced, and renamed over the log.
 */
public final class FileStoreLogLoader {
    private FileStoreLogLoader() {}

    private static final String START_SUFFIX = ".start";
    private static final String TEMP_SUFFIX = ".compacting";
    private static final Duration KEEP_ALL_BACKUPS = Duration.ofDays(1);
    private static final Duration OLD_BACKUP_TTL = Duration.ofDays(21);
    private static final int MIN_OLD_BACKUPS = 3;

    /**
     * Replays the log into the store. A last line without its newline is a torn write: reported
     * and skipped. A record that does not apply (such as an ack of an unknown recipient) is
     * reported and skipped, as the reference does. Any other unreadable line stops the start.
     */
    public static void replay(Path log, FileStore store, Consumer<String> report) throws IOException {
        recoverInterruptedStart(log, report);
        Path temp = sibling(log, TEMP_SUFFIX);
        if (Files.deleteIfExists(temp)) {
            report.accept("removed unfinished compaction " + temp);
        }
        if (!Files.exists(log)) {
            return;
        }
        String text = new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1);
        int lineNumber = 0;
        int start = 0;
        while (start < text.length()) {
            lineNumber++;
            int end = text.indexOf('\n', start);
            if (end < 0) {
                report.accept(log + " line " + lineNumber + " is incomplete (torn write), skipped: " + preview(text.substring(start)));
                break;
            }
            String line = text.substring(start, end);
            start = end + 1;
            if (line.isEmpty()) {
                report.accept(log + " line " + lineNumber + " is empty, skipped");
                continue;
            }
            FileStoreLogRecord record;
            try {
                record = FileStoreLogRecord.parse(line);
            } catch (DecodingException e) {
                throw new StoreLogCorruptException(log + " line " + lineNumber + ": " + e.getMessage() + ": " + preview(line));
            }
            try {
                apply(store, record);
            } catch (XftpException e) {
                report.accept(log + " line " + lineNumber + ": log processing error (" + e.error().encode() + "): " + preview(line));
            }
        }
    }

    /**
     * Writes the store's state as a new log, keeps the old one as a timed backup, prunes old
     * backups and opens the new log for appending.
     */
    public static FileStoreLog compact(Path log, FileStore store, FsyncPolicy fsyncPolicy, Clock clock,
            Consumer<String> report) throws IOException {
        Path temp = sibling(log, TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            StringBuilder batch = new StringBuilder();
            for (FileRec file : store.files()) {
                for (FileStoreLogRecord record : recordsOf(file, store, report)) {
                    batch.append(record.encode()).append('\n');
                }
                if (batch.length() > 1 << 16) {
                    writeAll(channel, batch);
                }
            }
            writeAll(channel, batch);
            channel.force(true);
        }
        if (Files.exists(log)) {
            Instant now = clock.instant();
            Path backup = sibling(log, "." + iso8601(now));
            try {
                Files.createLink(backup, log);
            } catch (UnsupportedOperationException | IOException e) {
                // no hard links here (or a backup of the same instant): copy instead
                Files.copy(log, backup, StandardCopyOption.REPLACE_EXISTING);
            }
            report.accept("original state preserved as " + backup);
            Files.move(temp, log, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Directories.syncParent(log);
            removeOldBackups(log, now, report);
        } else {
            Files.move(temp, log, StandardCopyOption.ATOMIC_MOVE);
            Directories.syncParent(log);
        }
        return FileStoreLog.openAppend(log, fsyncPolicy);
    }

    /** The records that recreate one file: FNEW, FADD of its recipients, FPUT if uploaded. */
    static List<FileStoreLogRecord> recordsOf(FileRec file, FileStore store, Consumer<String> report) {
        List<FileStoreLogRecord> records = new ArrayList<>();
        records.add(new FileStoreLogRecord.AddFile(file.senderId(), file.fileInfo(), file.createdAt(), file.status()));
        List<FileRecipient> recipients = new ArrayList<>();
        for (EntityId recipientId : file.recipientIds()) {
            FileStore.RecipientEntry entry = store.recipient(recipientId);
            if (entry == null || !entry.senderId().equals(file.senderId())) {
                report.accept("Error storing log: recipient ID " + recipientId.toBase64() + " not found for file " + file.senderId().toBase64());
            } else {
                recipients.add(new FileRecipient(recipientId, entry.key()));
            }
        }
        if (!recipients.isEmpty()) {
            records.add(new FileStoreLogRecord.AddRecipients(file.senderId(), recipients));
        }
        String path = file.filePath();
        if (path != null) {
            records.add(new FileStoreLogRecord.PutFile(file.senderId(), path));
        }
        return records;
    }

    /** Applies one record as {@code readFileStore}'s {@code addToStore}. */
    static void apply(FileStore store, FileStoreLogRecord record) throws XftpException {
        switch (record) {
            case FileStoreLogRecord.AddFile r -> {
                if (r.fileInfo().size() == 0) {
                    throw new XftpException(XftpError.SIZE);
                }
                store.addFile(r.senderId(), r.fileInfo(), r.createdAt(), r.status());
            }
            case FileStoreLogRecord.PutFile r -> store.setFilePath(r.senderId(), r.filePath());
            case FileStoreLogRecord.AddRecipients r -> {
                for (FileRecipient recipient : r.recipients()) {
                    store.addRecipient(r.senderId(), recipient);
                }
            }
            case FileStoreLogRecord.DeleteFile r -> store.deleteFile(r.senderId());
            case FileStoreLogRecord.BlockFile r -> store.blockFile(r.senderId(), r.info());
            case FileStoreLogRecord.AckFile r -> store.ackFile(r.recipientId());
        }
    }

    /** A compaction by the reference that did not finish: its {@code .start} file is the last full state. */
    private static void recoverInterruptedStart(Path log, Consumer<String> report) throws IOException {
        Path start = sibling(log, START_SUFFIX);
        if (!Files.exists(start)) {
            return;
        }
        report.accept("Server terminated abnormally on last start, restoring state from " + start);
        if (Files.exists(log)) {
            Path bak = sibling(log, ".bak");
            Files.move(log, bak, StandardCopyOption.REPLACE_EXISTING);
            report.accept("preserved incomplete state " + log + " as " + bak);
        }
        Files.move(start, log, StandardCopyOption.ATOMIC_MOVE);
        Directories.syncParent(log);
    }

    /**
     * Keeps all backups from the last day, and of older ones at least three, deleting those older
     * than 21 days ({@code removeStoreLogBackups}).
     */
    private static void removeOldBackups(Path log, Instant now, Consumer<String> report) throws IOException {
        Path dir = log.toAbsolutePath().getParent();
        String prefix = log.getFileName() + ".";
        List<Instant> times = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (name.startsWith(prefix)) {
                    try {
                        times.add(Instant.parse(name.substring(prefix.length())));
                    } catch (DateTimeParseException e) {
                        // not a timed backup (.bak, .start, ...)
                    }
                }
            }
        }
        times.sort(null);
        List<Instant> olderThanADay = times.stream().filter(t -> t.isBefore(now.minus(KEEP_ALL_BACKUPS))).toList();
        List<Instant> candidates = olderThanADay.subList(0, Math.max(0, olderThanADay.size() - MIN_OLD_BACKUPS));
        for (Instant time : candidates) {
            if (time.isBefore(now.minus(OLD_BACKUP_TTL))) {
                Path backup = sibling(log, "." + iso8601(time));
                if (Files.deleteIfExists(backup)) {
                    report.accept("Removed backup " + backup);
                }
            }
        }
    }

    /** Haskell's {@code iso8601Show} of a UTCTime: the fraction without trailing zeros, none if zero. */
    static String iso8601(Instant instant) {
        String seconds = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC).format(instant);
        int nanos = instant.getNano();
        if (nanos == 0) {
            return seconds + "Z";
        }
        String fraction = String.format("%09d", nanos).replaceAll("0+$", "");
        return seconds + "." + fraction + "Z";
    }

    private static void writeAll(FileChannel channel, StringBuilder batch) throws IOException {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(batch.toString().getBytes(StandardCharsets.ISO_8859_1));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        batch.setLength(0);
    }

    private static Path sibling(Path log, String suffix) {
        return log.resolveSibling(log.getFileName() + suffix);
    }

    private static String preview(String line) {
        return line.length() > 100 ? line.substring(0, 100) : line;
    }
}
