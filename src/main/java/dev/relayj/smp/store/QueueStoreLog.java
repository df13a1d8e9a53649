package dev.relayj.smp.store;

import dev.relayj.protocol.EntityId;
import dev.relayj.store.StoreLogFiles;
import dev.relayj.store.StoreLogFiles.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * Loads the queue store from its log on start, compacts the log and keeps appending to it
 * ({@code readWriteStoreLog}, {@code readQueueStore}, {@code writeQueueStore} in simplexmq's
 * {@code StoreLog.hs} and {@code StoreLog/ReadWrite.hs}).
 *
 * <p>Compaction keeps the reference's backups and its recovery rule: the old log is first renamed
 * to {@code <log>.start}, and when that file exists on start the previous start was interrupted,
 * so it is restored (a partial {@code <log>} is kept as {@code <log>.bak}). After a successful
 * compaction the old log is kept as {@code <log>.<ISO-8601 time>}; backups older than a day beyond
 * the newest three, and older than 21 days, are removed. Beyond the reference, the compacted state
 * is written to {@code <log>.tmp} and fsync'd before any rename, and every rename is followed by a
 * directory fsync.
 */
public final class QueueStoreLog {
    private QueueStoreLog() {}

    /** How the log was loaded. */
    public record LoadReport(long lines, int warnings) {}

    /**
     * Restores {@code store} from {@code file} (creating the file when missing), compacts the file
     * and returns a writer attached to the store for further changes.
     */
    public static StoreLogWriter open(Path file, QueueStore store, Clock clock, boolean fsyncEachRecord,
            Consumer<String> notes) throws IOException, StoreFileException {
        return load(file, store, clock, fsyncEachRecord, notes, step -> {}).attach();
    }

    static StoreLogWriter open(Path file, QueueStore store, Clock clock, boolean fsyncEachRecord,
            Consumer<String> notes, Consumer<Step> afterStep) throws IOException, StoreFileException {
        return load(file, store, clock, fsyncEachRecord, notes, afterStep).attach();
    }

    /**
     * {@link #open} in two halves: restores {@code store} from {@code file} now and compacts the
     * file on another thread, so that the caller can restore messages meanwhile (they read the
     * queues, which nothing changes until the log is attached); {@link Loading#attach} waits for
     * the compaction. The store must not change before it is attached: its changes would not be
     * logged.
     */
    public static Loading load(Path file, QueueStore store, Clock clock, boolean fsyncEachRecord,
            Consumer<String> notes) throws IOException, StoreFileException {
        return load(file, store, clock, fsyncEachRecord, notes, step -> {});
    }

    private static Loading load(Path file, QueueStore store, Clock clock, boolean fsyncEachRecord,
            Consumer<String> notes, Consumer<Step> afterStep) throws IOException, StoreFileException {
        StoreLogFiles.recoverInterruptedStart(file, notes);
        FutureTask<Void> compaction;
        if (Files.exists(file)) {
            read(file, store, notes);
            compaction = new FutureTask<>(() -> {
                compact(file, store, clock, notes, afterStep);
                return null;
            });
        } else {
            notes.accept("creating store log...");
            compaction = new FutureTask<>(() -> {
                writeCompacted(sibling(file, ".tmp"), store);
                StoreLogFiles.replaceAtomically(sibling(file, ".tmp"), file);
                return null;
            });
        }
        Thread thread = new Thread(compaction, "store-log-compaction");
        thread.setDaemon(true);
        thread.start();
        return new Loading(file, store, fsyncEachRecord, compaction);
    }

    /** A store log read into its store, its compaction under way. */
    public static final class Loading implements AutoCloseable {
        private final Path file;
        private final QueueStore store;
        private final boolean fsyncEachRecord;
        private final FutureTask<Void> compaction;

        private Loading(Path file, QueueStore store, boolean fsyncEachRecord, FutureTask<Void> compaction) {
            this.file = file;
            this.store = store;
            this.fsyncEachRecord = fsyncEachRecord;
            this.compaction = compaction;
        }

        /** Waits for the compaction, then opens the log for appending and attaches it to the store. */
        public StoreLogWriter attach() throws IOException {
            awaitCompaction();
            StoreLogWriter writer = StoreLogWriter.openAppend(file, fsyncEachRecord);
            store.setStoreLog(writer);
            return writer;
        }

        /** Waits for the compaction to end, whatever its outcome (a start that failed meanwhile). */
        @Override
        public void close() {
            try {
                awaitCompaction();
            } catch (IOException e) {
                // the start is failing already; the files stay as the crash rules leave them
            }
        }

        private void awaitCompaction() throws IOException {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        compaction.get();
                        return;
                    } catch (InterruptedException e) {
                        // the compaction renames files: it is never left half done
                        interrupted = true;
                    }
                }
            } catch (ExecutionException e) {
                switch (e.getCause()) {
                    case IOException io -> throw io;
                    case RuntimeException runtime -> throw runtime;
                    case Error error -> throw error;
                    default -> throw new IOException("compacting the store log failed", e.getCause());
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * A CREATE line is 200 to 250 bytes; sizing the indexes from the log's length at a bit more per
     * queue spares their rebuilds on a big restart without reserving room the log does not need.
     */
    private static final int TYPICAL_CREATE_LINE = 256;

    /** Replays the log into the store; the store must not have a log attached yet. */
    public static LoadReport read(Path file, QueueStore store, Consumer<String> notes)
            throws IOException, StoreFileException {
        store.reserve((int) Math.min(Integer.MAX_VALUE / 2, Files.size(file) / TYPICAL_CREATE_LINE));
        return StoreLogReplay.replay(file, store, notes);
    }

    /** Applies one record; returns what went wrong (the reference logs it and goes on), or null. */
    static String apply(QueueStore store, StoreLogRecord record) {
        try {
            switch (record) {
                case StoreLogRecord.CreateQueue create -> store.addQueue(create.recipientId(), create.queue());
                case StoreLogRecord.NewService service -> {
                    EntityId id = store.getCreateService(service.service());
                    if (!id.equals(service.service().serviceId())) {
                        return "getCreateService, stored service " + service.service().serviceId()
                                + ", created with the wrong ID " + id;
                    }
                }
                case StoreLogRecord.CreateLink link -> store.addLink(queue(store, link.recipientId()), link.link());
                case StoreLogRecord.DeleteLink link -> store.deleteLink(queue(store, link.recipientId()));
                case StoreLogRecord.SecureQueue secure ->
                        store.secureQueue(queue(store, secure.recipientId()), secure.senderKey());
                case StoreLogRecord.UpdateKeys keys ->
                        store.updateKeys(queue(store, keys.recipientId()), keys.recipientKeys());
                case StoreLogRecord.AddNotifier notifier ->
                        store.addNotifier(queue(store, notifier.recipientId()), notifier.notifier());
                case StoreLogRecord.SuspendQueue suspend -> store.suspendQueue(queue(store, suspend.recipientId()));
                case StoreLogRecord.BlockQueue block -> store.blockQueue(queue(store, block.recipientId()), block.info());
                case StoreLogRecord.UnblockQueue unblock -> store.unblockQueue(queue(store, unblock.recipientId()));
                case StoreLogRecord.DeleteQueue delete -> store.deleteQueue(queue(store, delete.recipientId()));
                case StoreLogRecord.DeleteNotifier delete -> store.deleteNotifier(queue(store, delete.recipientId()));
                case StoreLogRecord.UpdateTime time -> store.updateQueueTime(queue(store, time.recipientId()), time.day());
                case StoreLogRecord.QueueService service ->
                        store.setQueueService(queue(store, service.recipientId()), service.party(), service.serviceId());
            }
            return null;
        } catch (StoreException e) {
            String tag = record.encode();
            return problem(tag.substring(0, tag.indexOf(' ')), e);
        }
    }

    /** {@link #apply} of a CREATE line parsed into a queue ({@link QueueStore#addReplayedQueue}). */
    static String apply(QueueStore store, StoreQueue queue, int recipientIdHash, int senderIdHash) {
        try {
            store.addReplayedQueue(queue, recipientIdHash, senderIdHash);
            return null;
        } catch (StoreException e) {
            return problem("CREATE", e);
        }
    }

    private static String problem(String tag, StoreException e) {
        return tag + ", " + e.error() + ": " + e.getMessage();
    }

    private static StoreQueue queue(QueueStore store, EntityId recipientId) throws StoreException {
        StoreQueue queue = store.findByRecipient(recipientId);
        if (queue == null) {
            throw new StoreException(StoreError.AUTH, "stored queue " + recipientId + " does not exist");
        }
        return queue;
    }

    private static void compact(Path file, QueueStore store, Clock clock, Consumer<String> notes,
            Consumer<Step> afterStep) throws IOException {
        Path temp = sibling(file, ".tmp");
        notes.accept("compacting store log (do not terminate)...");
        writeCompacted(temp, store);
        StoreLogFiles.swapInCompacted(file, temp, clock, notes, afterStep);
    }

    private static void writeCompacted(Path temp, QueueStore store) throws IOException {
        try (StoreLogWriter writer = StoreLogWriter.create(temp)) {
            CompactedStateWriter.write(writer, store);
            writer.sync();
        }
    }

    private static Path sibling(Path file, String suffix) {
        return StoreLogFiles.sibling(file, suffix);
    }
}
