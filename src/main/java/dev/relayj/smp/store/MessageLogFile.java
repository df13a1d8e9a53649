package dev.relayj.smp.store;

import dev.relayj.store.Directories;
import dev.relayj.protocol.EntityId;

import dev.relayj.encoding.DecodingException;
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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The message log {@code smp-server-messages.log} that simplexmq writes on a clean stop and reads
 * (then renames to {@code .bak}) on start ({@code exportMessages} / {@code importMessages} in
 * {@code Server.hs}, {@code MsgLogRecord} in {@code MsgStore.hs}). One line per message, oldest
 * first within a queue:
 *
 * <pre>
 * v3 &lt;recipient id&gt; &lt;msg id&gt; &lt;ts&gt; flags=T|F &lt;body&gt;
 * v3 &lt;recipient id&gt; &lt;msg id&gt; &lt;ts&gt; quota
 * </pre>
 */
public final class MessageLogFile {
    private MessageLogFile() {}

    /** What an import restored; {@code restoredQueues}: the queues given messages or quota markers. */
    public record ImportReport(int storedCount, int expiredCount, int queueCount, Set<StoreQueue> restoredQueues) {}

    /** Encodes one line (without newline). */
    public static String encodeLine(EntityId recipientId, Message message) {
        return "v3 " + recipientId.toBase64() + " " + message.encode();
    }

    /**
     * Writes every queue's messages to {@code file} (via a temporary file, fsync'd, renamed into
     * place); returns how many it wrote.
     */
    public static int export(MessageStore store, Path file) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        int[] count = new int[1];
        IOException[] failure = new IOException[1];
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            BufferedWriter out = new BufferedWriter(
                    new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8), 1 << 16);
            store.queueStore().forEachQueue(queue -> {
                if (failure[0] != null) {
                    return;
                }
                try {
                    for (Message message : store.messages(queue)) {
                        out.write(encodeLine(queue.recipientId(), message));
                        out.write('\n');
                        count[0]++;
                    }
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            out.flush();
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Directories.syncParent(file);
        return count[0];
    }

    /**
     * Restores messages from {@code file} into the store; the caller renames it with
     * {@link #retire} once the restored messages are durable elsewhere.
     * Messages sent before {@code expireBefore} (epoch seconds; null keeps all) are counted as
     * expired and dropped. A line cut by a crash at the end is a warning; any other bad line stops
     * the import. A message for a queue that does not exist is a warning only with
     * {@code skipWarnings}, else it stops the import, as in the reference.
     */
    public static ImportReport importMessages(MessageStore store, Path file, Long expireBefore, boolean skipWarnings,
            Consumer<String> warnings) throws IOException, StoreFileException {
        int stored = 0;
        int expired = 0;
        Set<StoreQueue> overQuota = new HashSet<>();
        Set<StoreQueue> restored = new LinkedHashSet<>();
        try (LogLineReader lines = new LogLineReader(file)) {
            String line;
            while (true) {
                try {
                    line = lines.next();
                } catch (LogLineReader.MalformedLineException e) {
                    if (!lines.terminated()) {
                        warnings.accept(file + ":" + lines.lineNumber() + ": ignoring the last line: " + e.getMessage());
                        break;
                    }
                    throw StoreFileException.atLine(file, lines.lineNumber(), e.getMessage());
                }
                if (line == null) {
                    break;
                }
                if (!lines.terminated()) {
                    // every line is written with its newline: without it the write was cut
                    warnings.accept(file + ":" + lines.lineNumber() + ": ignoring the unfinished last line");
                    break;
                }
                EntityId recipientId;
                Message message;
                try {
                    TextCursor in = new TextCursor(line);
                    in.expect("v3 ");
                    recipientId = in.entityId();
                    in.expect(" ");
                    message = Message.parse(in);
                    in.expectEnd();
                } catch (DecodingException e) {
                    throw StoreFileException.atLine(file, lines.lineNumber(), "parsing error (" + e.getMessage() + ")");
                }
                StoreQueue queue = store.queueStore().findByRecipient(recipientId);
                if (queue == null || queue.record() == null) {
                    String problem = "queue " + recipientId + " does not exist";
                    if (!skipWarnings) {
                        throw StoreFileException.atLine(file, lines.lineNumber(),
                                problem + ", start with --skip-warnings option to ignore this error");
                    }
                    warnings.accept("warning restoring messages: " + problem);
                    continue;
                }
                switch (message) {
                    case Message.Sent sent -> {
                        if (expireBefore != null && sent.timestamp() < expireBefore) {
                            expired++;
                        } else if (store.restoreMessage(queue, sent)) {
                            stored++;
                            restored.add(queue);
                        } else {
                            warnings.accept("message queue " + recipientId + " is full, message not restored: "
                                    + sent.id());
                        }
                    }
                    case Message.QuotaMarker marker -> {
                        store.restoreQuotaMarker(queue, marker);
                        overQuota.add(queue);
                        restored.add(queue);
                    }
                }
            }
        }
        overQuota.forEach(store::setOverQuota);
        return new ImportReport(stored, expired, store.queueStore().queueCount(), restored);
    }

    /** Renames an imported message log to {@code <file>.bak}, as the reference does after importing it. */
    public static void retire(Path file) throws IOException {
        Files.move(file, file.resolveSibling(file.getFileName() + ".bak"), StandardCopyOption.REPLACE_EXISTING);
        Directories.syncParent(file);
    }
}
