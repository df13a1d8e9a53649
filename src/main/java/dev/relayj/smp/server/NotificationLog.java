package dev.relayj.smp.server;

import dev.relayj.encoding.Base64Url;
import dev.relayj.encoding.DecodingException;
import dev.relayj.smp.protocol.EntityId;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The notification file the reference writes on stop and reads on start, {@code smp-server-ntfs.log}
 * ({@code saveServerNtfs} / {@code restoreServerNtfs} in Server.hs): one line per notification,
 * {@code v1 <notifierId> <msgId> <epochSeconds> <nonce> <encryptedMeta>} with base64url ids and
 * bytes ({@code NtfLogRecord} in Server/NtfStore.hs), each notifier's notifications oldest first.
 * After a restore the file is renamed to {@code <name>.bak}, as the reference does.
 */
final class NotificationLog {
    /** What a restore found ({@code MessageStats}). */
    record RestoreReport(int lineCount, int storedCount, int expiredCount, int notifierCount) {
        static final RestoreReport EMPTY = new RestoreReport(0, 0, 0, 0);
    }

    private NotificationLog() {}

    /** Writes every stored notification to {@code file}, replacing it; returns how many. */
    static int save(Path file, NotificationStore store) throws IOException {
        int count = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (Map.Entry<EntityId, List<NotificationStore.MessageNotification>> entry : store.snapshot().entrySet()) {
                String notifierId = Base64Url.encode(entry.getKey().bytes());
                for (NotificationStore.MessageNotification ntf : entry.getValue()) {
                    out.write("v1 " + notifierId + ' ' + Base64Url.encode(ntf.msgId()) + ' ' + ntf.timestamp() + ' '
                            + Base64Url.encode(ntf.nonce()) + ' ' + Base64Url.encode(ntf.encryptedMeta()) + '\n');
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * Restores {@code file} (if it exists) into {@code store}, skipping notifications older than
     * {@code oldBefore} epoch seconds, then renames it to {@code <name>.bak}.
     *
     * @throws IOException naming the file and line when a line does not parse (the reference exits)
     */
    static RestoreReport restore(Path file, NotificationStore store, long oldBefore) throws IOException {
        if (!Files.exists(file)) {
            return RestoreReport.EMPTY;
        }
        int lines = 0;
        int stored = 0;
        int expired = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String line;
            while ((line = in.readLine()) != null) {
                lines++;
                Record record = parse(file, lines, line);
                if (record.notification().timestamp() < oldBefore) {
                    expired++;
                } else {
                    store.store(record.notifierId(), record.notification());
                    stored++;
                }
            }
        }
        Files.move(file, file.resolveSibling(file.getFileName() + ".bak"), StandardCopyOption.REPLACE_EXISTING);
        return new RestoreReport(lines, stored, expired, store.notifierIds().size());
    }

    private record Record(EntityId notifierId, NotificationStore.MessageNotification notification) {}

    private static Record parse(Path file, int lineNumber, String line) throws IOException {
        String[] fields = line.split(" ", -1);
        try {
            if (fields.length != 6 || !fields[0].equals("v1")) {
                throw new DecodingException("expected: v1 notifierId msgId timestamp nonce meta");
            }
            byte[] nonce = Base64Url.decode(fields[4]);
            if (nonce.length != 24) {
                throw new DecodingException("nonce must be 24 bytes");
            }
            long timestamp;
            try {
                timestamp = Long.parseLong(fields[3]);
            } catch (NumberFormatException e) {
                throw new DecodingException("bad timestamp");
            }
            return new Record(new EntityId(Base64Url.decode(fields[1])), new NotificationStore.MessageNotification(
                    Base64Url.decode(fields[2]), timestamp, nonce, Base64Url.decode(fields[5])));
        } catch (DecodingException | IllegalArgumentException e) {
            throw new IOException("error restoring notifications: " + file + " line " + lineNumber + ": "
                    + e.getMessage());
        }
    }
}
