package dev.relayj.xftp.store;

import dev.relayj.encoding.DecodingException;
import dev.relayj.protocol.EntityId;
import dev.relayj.store.LogFileWriter;
import dev.relayj.store.StoreLogFiles;
import dev.relayj.xftp.protocol.XftpError;
import dev.relayj.xftp.protocol.XftpException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Start-up of the store log ({@code readWriteStoreLog} in {@code Server/StoreLog.hs} with
 * {@code readFileStore}/{@code writeFileStore} of {@code FileTransfer/Server/StoreLog.hs}):
 * {@link #replay} loads the log into the store, {@link #compact} replaces it by the store's state
 * and opens it for appending. Between the two the server checks the files on disk.
 * <p>
 * The file steps (recovery from {@code <log>.start}, the swap of the compacted log with the old
 * one kept as {@code <log>.<ISO 8601 time>}, pruning of backups, directory syncs) are the shared
 * {@link StoreLogFiles}, as for the queue store log; the new state is written to
 * {@code <log>.tmp} and fsync'd before any rename.
 */
public final class FileStoreLogLoader {
    private FileStoreLogLoader() {}

    private static final String TEMP_SUFFIX = ".tmp";

    /**
     * Replays the log into the store. A last line without its newline is a torn write: reported
     * and skipped. A record that does not apply (such as an ack of an unknown recipient) is
     * reported and skipped, as the reference does. Any other unreadable line stops the start.
     */
    public static void replay(Path log, FileStore store, Consumer<String> report) throws IOException {
        StoreLogFiles.recoverInterruptedStart(log, report);
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
        try (LogFileWriter out = LogFileWriter.create(temp)) {
            for (FileRec file : store.files()) {
                StringBuilder lines = new StringBuilder();
                for (FileStoreLogRecord record : recordsOf(file, store, report)) {
                    lines.append(record.encode()).append('\n');
                }
                out.appendLines(lines.toString().getBytes(StandardCharsets.ISO_8859_1));
            }
            out.sync();
        }
        if (Files.exists(log)) {
            StoreLogFiles.swapInCompacted(log, temp, clock, report, step -> { });
        } else {
            StoreLogFiles.replaceAtomically(temp, log);
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

    private static Path sibling(Path log, String suffix) {
        return StoreLogFiles.sibling(log, suffix);
    }

    private static String preview(String line) {
        return line.length() > 100 ? line.substring(0, 100) : line;
    }
}
