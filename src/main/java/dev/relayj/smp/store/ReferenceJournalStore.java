package dev.relayj.smp.store;

import dev.relayj.encoding.Base64Url;
import dev.relayj.encoding.DecodingException;
import dev.relayj.protocol.EntityId;
import dev.relayj.store.Directories;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The reference's journal message store ({@code store_messages: journal}, {@code MsgStore/Journal.hs}),
 * read on start and written back on a clean stop, so that a simplexmq server pointed at the same
 * directory finds every message (and relayj finds every message the reference left).
 *
 * <p>Layout under the journal directory ({@code <log path>/messages}, {@code storeMsgsJournalDir'}
 * in {@code Server/Main.hs}): each queue has a directory named by its base64url recipient id split
 * into 2-character segments, the last holding the rest ({@code msgQueueDirectory}, depth
 * {@code journalMsgStoreDepth} = 5 in {@code Env/STM.hs}), e.g. {@code ab/cd/ef/gh/ijkl…}. In it:
 * <ul>
 * <li>{@code queue_state.<rid>.log}: appended {@link JournalQueueState} lines, the last valid one
 * counts; {@code queue_state.<rid>.log.bak} when present is a backup interrupted mid-way and
 * takes precedence ({@code readQueueState});</li>
 * <li>{@code messages.<jid>.log}: one message per line, as {@link Message#encode()} (the message
 * log's line without {@code v3 <rid> }), at most {@code maxMsgCount} = 256 per file
 * ({@code defaultMaxJournalMsgCount}).</li>
 * </ul>
 *
 * <p>relayj keeps the messages in memory while it runs, made durable by its own
 * {@link MessageJournal}; this class only converts between the two on start and stop.
 */
public final class ReferenceJournalStore {
    /** {@code journalMsgStoreDepth}. */
    static final int PATH_PARTS = 5;
    /** {@code defaultMaxJournalMsgCount}: messages per file before the reference starts another. */
    static final int MAX_MSG_COUNT = 256;
    /** {@code defaultStateTailSize}: how much of the end of a state file the reference reads. */
    static final int STATE_TAIL_SIZE = 512;
    private static final String STATE_FILE = "queue_state";
    private static final String MESSAGES_FILE = "messages";
    private static final String LOG_EXT = ".log";

    private final Path storePath;
    private final SecureRandom random = new SecureRandom();
    /** Queues whose directory the last import found: a queue deleted since loses its directory on export. */
    private final Set<EntityId> importedQueues = new HashSet<>();

    public ReferenceJournalStore(Path storePath) {
        this.storePath = storePath;
    }

    public Path storePath() {
        return storePath;
    }

    /**
     * Where relayj keeps its own journal ({@link MessageJournal}) while it serves this directory:
     * beside the queue directories, under a name the reference never uses there; it is removed
     * by a clean stop.
     */
    public Path ownJournalBase() {
        return storePath.resolve("messages.journal");
    }

    /** What an import found. */
    public record ImportReport(int storedCount, int queueCount) {}

    /** A queue's messages as the journal holds them. */
    record QueueContent(List<Message> messages, boolean canWrite) {
        static final QueueContent EMPTY = new QueueContent(List.of(), true);
    }

    /** {@code msgQueueDirectory}. */
    Path queueDirectory(EntityId recipientId) {
        String id = recipientId.toBase64();
        Path dir = storePath;
        for (int part = 1; part < PATH_PARTS && id.length() > 2; part++) {
            dir = dir.resolve(id.substring(0, 2));
            id = id.substring(2);
        }
        return id.isEmpty() ? dir : dir.resolve(id);
    }

    /** {@code msgQueueStatePath}. */
    static Path statePath(Path queueDirectory, EntityId recipientId) {
        return queueDirectory.resolve(STATE_FILE + "." + recipientId.toBase64() + LOG_EXT);
    }

    /** {@code journalFilePath}. */
    static Path journalPath(Path queueDirectory, String journalId) {
        return queueDirectory.resolve(MESSAGES_FILE + "." + journalId + LOG_EXT);
    }

    /**
     * Loads the messages of every queue of {@code store} that has a journal directory. Problems the
     * reference only logs (a missing message file, an unreadable message line) are warnings; a
     * state it refuses to open stops the import with the file named.
     */
    public ImportReport importInto(MessageStore store, Consumer<String> warnings) throws IOException, StoreFileException {
        int[] stored = new int[1];
        int[] queues = new int[1];
        Exception[] failure = new Exception[1];
        importedQueues.clear();
        store.queueStore().forEachQueue(queue -> {
            if (failure[0] != null || queue.record() == null) {
                return;
            }
            try {
                Path dir = queueDirectory(queue.recipientId());
                if (!Files.isDirectory(dir)) {
                    return;
                }
                importedQueues.add(queue.recipientId());
                QueueContent content = read(queue.recipientId(), warnings);
                if (!content.messages().isEmpty()) {
                    store.replay(new JournalRecord.Snapshot(queue.recipientId(), content.messages(), !content.canWrite()));
                    stored[0] += content.messages().size();
                    queues[0]++;
                }
            } catch (IOException | StoreFileException e) {
                failure[0] = e;
            }
        });
        if (failure[0] instanceof StoreFileException e) {
            throw e;
        }
        if (failure[0] instanceof IOException e) {
            throw e;
        }
        return new ImportReport(stored[0], queues[0]);
    }

    /** Reads one queue's messages as {@code openMsgQueue} and {@code getJournalQueueMessages} would. */
    QueueContent read(EntityId recipientId, Consumer<String> warnings) throws IOException, StoreFileException {
        Path dir = queueDirectory(recipientId);
        Path statePath = statePath(dir, recipientId);
        JournalQueueState state = readState(statePath, warnings);
        if (state == null || state.size() == 0) {
            return QueueContent.EMPTY;
        }
        JournalQueueState.Position rs = state.read();
        JournalQueueState.Position ws = state.write();
        Path readFile = journalPath(dir, rs.journalId());
        Path writeFile = journalPath(dir, ws.journalId());
        List<Message> messages = new ArrayList<>(state.size());
        if (!Files.exists(readFile)) {
            // openJournals: without the read file only the write file's messages are left
            if (state.sameFile() || !Files.exists(writeFile)) {
                warnings.accept(readFile + ": message journal file missing, queue state " + statePath
                        + " lists " + state.size() + " messages");
                return QueueContent.EMPTY;
            }
            warnings.accept(readFile + ": message journal file missing, reading " + writeFile + " only");
            readRange(writeFile, 0, ws.bytePos(), messages, warnings);
        } else if (state.sameFile()) {
            readRange(readFile, rs.bytePos(), rs.byteCount(), messages, warnings);
        } else {
            readRange(readFile, rs.bytePos(), rs.byteCount(), messages, warnings);
            if (Files.exists(writeFile)) {
                readRange(writeFile, 0, ws.bytePos(), messages, warnings);
            } else {
                warnings.accept(writeFile + ": message journal file missing, reading " + readFile + " only");
            }
        }
        return new QueueContent(messages, state.canWrite());
    }

    /**
     * {@code readQueueState}: the last line of the file's last {@value #STATE_TAIL_SIZE} bytes, or
     * the line before it when the last one was cut; null for a new (empty) queue.
     */
    static JournalQueueState readState(Path statePath, Consumer<String> warnings)
            throws IOException, StoreFileException {
        Path tempBackup = statePath.resolveSibling(statePath.getFileName() + ".bak");
        Path source = Files.exists(tempBackup) ? tempBackup : statePath;
        if (!Files.exists(source)) {
            return null;
        }
        List<String> lines = tailLines(source);
        if (lines.isEmpty()) {
            warnings.accept(source + ": empty queue state");
            return null;
        }
        String last = lines.get(lines.size() - 1);
        JournalQueueState state = JournalQueueState.parse(last);
        if (state == null) {
            if (lines.size() == 1) {
                warnings.accept(source + ": invalid 1-line queue state, queue is empty");
                return null;
            }
            warnings.accept(source + ": invalid last line in queue state, using the previous line");
            state = JournalQueueState.parse(lines.get(lines.size() - 2));
            if (state == null) {
                throw new StoreFileException(source + ": invalid queue state: " + excerpt(lines.get(lines.size() - 2)));
            }
        }
        if (!state.valid()) {
            throw new StoreFileException(source + ": inconsistent queue state: " + state.encode());
        }
        return state;
    }

    private static List<String> tailLines(Path file) throws IOException {
        byte[] tail;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long from = Math.max(0, size - STATE_TAIL_SIZE);
            tail = readFully(channel, from, (int) (size - from));
        }
        List<String> lines = new ArrayList<>();
        for (String line : new String(tail, StandardCharsets.ISO_8859_1).split("\n", -1)) {
            lines.add(line);
        }
        // B.lines: a final newline ends the last line, it does not start an empty one
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** {@code getJournalRange}: the message lines between two byte positions; bad lines are skipped. */
    private static void readRange(Path file, long from, long to, List<Message> into, Consumer<String> warnings)
            throws IOException, StoreFileException {
        if (to <= from) {
            return;
        }
        byte[] bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() < to) {
                // fixFileSize: the reference aborts when a file is shorter than its state says
                throw new StoreFileException(file + ": message journal has " + channel.size()
                        + " bytes, queue state expects " + to);
            }
            if (to - from > Integer.MAX_VALUE - 8) {
                throw new StoreFileException(file + ": message range " + from + ".." + to + " too large");
            }
            bytes = readFully(channel, from, (int) (to - from));
        }
        int errors = 0;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (i > start || i < bytes.length) {
                    String line = new String(bytes, start, i - start, StandardCharsets.ISO_8859_1);
                    try {
                        TextCursor in = new TextCursor(line);
                        Message message = Message.parse(in);
                        in.expectEnd();
                        into.add(message);
                    } catch (DecodingException e) {
                        errors++;
                    }
                }
                start = i + 1;
            }
        }
        if (errors > 0) {
            warnings.accept("Error reading " + errors + " messages from " + file);
        }
    }

    private static byte[] readFully(FileChannel channel, long from, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        long position = from;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            position += n;
        }
        return buffer.array();
    }

    /**
     * Writes every queue's messages in the reference's layout, as the reference's own
     * {@code journal import} leaves them: one message file per 256 messages (at most two, as a
     * running reference server) and a one-line state file. A queue without messages loses its
     * directory, as after the reference deletes a queue or opens an emptied one. Each queue's
     * new files are durable before its state file is replaced (atomically) and its old message
     * files removed, so a crash leaves every queue in its old or its new state. Returns the
     * number of messages written.
     */
    public int exportFrom(MessageStore store) throws IOException {
        int[] count = new int[1];
        IOException[] failure = new IOException[1];
        Set<EntityId> kept = new HashSet<>();
        store.queueStore().forEachQueue(queue -> {
            if (failure[0] != null) {
                return;
            }
            List<Message> messages;
            boolean canWrite;
            queue.lock();
            try {
                MessageQueue held = queue.messages();
                messages = held == null || queue.record() == null ? List.of() : held.snapshot();
                canWrite = held == null || !held.closedByQuota();
            } finally {
                queue.unlock();
            }
            try {
                if (queue.record() != null) {
                    kept.add(queue.recipientId());
                }
                if (messages.isEmpty()) {
                    removeQueueDirectory(queue.recipientId());
                } else {
                    writeQueue(queue.recipientId(), new QueueContent(messages, canWrite));
                    count[0] += messages.size();
                }
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        for (EntityId gone : importedQueues) {
            if (!kept.contains(gone)) {
                removeQueueDirectory(gone);
            }
        }
        importedQueues.clear();
        if (Files.isDirectory(storePath)) {
            Directories.sync(storePath);
        }
        return count[0];
    }

    void writeQueue(EntityId recipientId, QueueContent content) throws IOException {
        Path dir = queueDirectory(recipientId);
        Files.createDirectories(dir);
        List<Message> messages = content.messages();
        int first = Math.min(messages.size(), MAX_MSG_COUNT);
        String readId = newJournalId();
        long readBytes = writeMessages(journalPath(dir, readId), messages.subList(0, first));
        JournalQueueState state;
        Set<String> current = new HashSet<>(List.of(readId));
        if (first == messages.size()) {
            state = JournalQueueState.singleFile(readId, first, readBytes, content.canWrite());
        } else {
            String writeId = newJournalId();
            current.add(writeId);
            List<Message> rest = messages.subList(first, messages.size());
            long writeBytes = writeMessages(journalPath(dir, writeId), rest);
            state = new JournalQueueState(
                    new JournalQueueState.Position(writeId, rest.size(), rest.size(), writeBytes, writeBytes),
                    new JournalQueueState.Position(readId, 0, first, 0, readBytes), content.canWrite(),
                    messages.size());
        }
        Path statePath = statePath(dir, recipientId);
        Path temp = statePath.resolveSibling(statePath.getFileName() + ".relayj-new");
        writeDurably(temp, (state.encode() + "\n").getBytes(StandardCharsets.US_ASCII));
        // an interrupted backup (.bak) would win over the new state (readQueueState)
        Files.deleteIfExists(statePath.resolveSibling(statePath.getFileName() + ".bak"));
        Files.move(temp, statePath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Directories.sync(dir);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, MESSAGES_FILE + ".*" + LOG_EXT)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String id = name.substring(MESSAGES_FILE.length() + 1, name.length() - LOG_EXT.length());
                if (!current.contains(id)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static long writeMessages(Path file, List<Message> messages) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Message message : messages) {
            out.writeBytes(message.encode().getBytes(StandardCharsets.US_ASCII));
            out.write('\n');
        }
        byte[] bytes = out.toByteArray();
        writeDurably(file, bytes);
        return bytes.length;
    }

    private static void writeDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** {@code removeQueueDirectory}. */
    void removeQueueDirectory(EntityId recipientId) throws IOException {
        Path dir = queueDirectory(recipientId);
        if (Files.isDirectory(dir)) {
            deleteTree(dir);
        }
    }

    /** Deletes the whole journal directory ({@code smp-server journal delete}). */
    public void deleteAll() throws IOException {
        if (Files.exists(storePath)) {
            deleteTree(storePath);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** {@code newJournalId}: 12 random bytes, base64url. */
    private String newJournalId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return Base64Url.encode(bytes);
    }

    private static String excerpt(String line) {
        return line.length() > 100 ? line.substring(0, 100) + "…" : line;
    }
}
