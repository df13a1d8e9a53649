package dev.relayj.smp.server;

import dev.relayj.store.Directories;
import dev.relayj.encoding.Base64Url;
import dev.relayj.encoding.DecodingException;
import dev.relayj.protocol.EntityId;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * The notification file the reference writes on stop and reads on start, {@code smp-server-ntfs.log}
 * ({@code saveServerNtfs} / {@code restoreServerNtfs} in Server.hs): one line per notification,
 * {@code v1 <notifierId> <msgId> <epochSeconds> <nonce> <encryptedMeta>} with base64url ids and
 * bytes ({@code NtfLogRecord} in Server/NtfStore.hs), each notifier's notifications oldest first.
 *
 * <p>The reference renames the file to {@code <name>.bak} after restoring it, so a crash of the
 * started server loses every restored notification (they live only in memory until the next
 * save). We keep the {@code .bak} copy but leave the file in place until a save replaces it
 * atomically: after a crash the notifications of the last save are restored again, at least once
 * rather than never.
 */
final class NotificationLog {
    /** What a restore found ({@code MessageStats}). */
    record RestoreReport(int lineCount, int storedCount, int expiredCount, int notifierCount) {
        static final RestoreReport EMPTY = new RestoreReport(0, 0, 0, 0);
    }

    private NotificationLog() {}

    /**
     * Writes every stored notification to {@code file}, replacing it atomically (a temporary
     * file, fsync'd, renamed over it); returns how many.
     */
    static int save(Path file, NotificationStore store) throws IOException {
        int count = 0;
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
                BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                        StandardCharsets.US_ASCII), 1 << 16)) {
            for (Map.Entry<EntityId, List<NotificationStore.MessageNotification>> entry : store.snapshot().entrySet()) {
                String notifierId = Base64Url.encode(entry.getKey().bytes());
                for (NotificationStore.MessageNotification ntf : entry.getValue()) {
                    out.write("v1 " + notifierId + ' ' + Base64Url.encode(ntf.msgId()) + ' ' + ntf.timestamp() + ' '
                            + Base64Url.encode(ntf.nonce()) + ' ' + Base64Url.encode(ntf.encryptedMeta()) + '\n');
                    count++;
                }
            }
            out.flush();
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Directories.syncParent(file);
        return count;
    }

    /**
     * Restores {@code file} (if it exists) into {@code store}, skipping notifications older than
     * {@code oldBefore} epoch seconds, and copies it to {@code <name>.bak}; the file itself stays
     * until the next {@link #save} replaces it.
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
        Files.copy(file, file.resolveSibling(file.getFileName() + ".bak"), StandardCopyOption.REPLACE_EXISTING);
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
