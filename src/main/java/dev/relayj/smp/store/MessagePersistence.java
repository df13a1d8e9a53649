package dev.relayj.smp.store;

import dev.relayj.store.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where messages live across restarts. On a clean stop the messages are saved in the reference's
 * message log ({@code smp-server-messages.log}), so a simplexmq server can take over; while
 * running, our journal keeps every accepted message on disk.
 *
 * <p>On start: a message log, when present, is the complete state of a clean stop; it is
 * imported, any journal is obsolete. Otherwise the journal is replayed. Then messages older than
 * the expiry are dropped and the journal is compacted to the current state. Only once that state
 * is durable in the journal is the message log renamed to {@code .bak}: a crash at any point of
 * the start leaves either the log (imported again next time) or a complete journal.
 */
public final class MessagePersistence {
    private MessagePersistence() {}

    /** What start-up restored. */
    /** @param messageCount messages (and quota markers) in the store after the restore */
    public record RestoreReport(boolean fromMessageLog, int storedCount, int expiredCount, int queueCount,
            int journalRecords, long truncatedJournalBytes, int unknownQueueRecords, int messageCount) {}

    /** Points of the start, to simulate a crash right after one in tests. */
    enum RestoreStep {
        MESSAGES_LOADED,
        JOURNAL_COMPACTED,
        MESSAGE_LOG_RETIRED
    }

    /**
     * Restores messages into {@code store} (its queues must be loaded) and attaches the journal.
     *
     * @param messageLog   the reference's message log, or null when {@code restore_messages} is off
     * @param journalBase  the journal's base path (segments are {@code base.N}), or null for no journal
     * @param expireBefore drop messages sent before this (epoch seconds), or null to keep all
     */
    public static RestoreReport restore(MessageStore store, Path messageLog, Path journalBase, Long expireBefore,
            boolean skipWarnings, Consumer<String> warnings) throws IOException, StoreFileException {
        return restore(store, messageLog, journalBase, expireBefore, skipWarnings, warnings, step -> {});
    }

    static RestoreReport restore(MessageStore store, Path messageLog, Path journalBase, Long expireBefore,
            boolean skipWarnings, Consumer<String> warnings, Consumer<RestoreStep> afterStep)
            throws IOException, StoreFileException {
        boolean fromLog = messageLog != null && Files.exists(messageLog);
        int stored = 0;
        int expired = 0;
        // the queues given messages: at millions of queues, visiting them all for expiry, journal
        // compaction and counts took seconds each
        Set<StoreQueue> holding = new LinkedHashSet<>();
        if (fromLog) {
            MessageLogFile.ImportReport report =
                    MessageLogFile.importMessages(store, messageLog, expireBefore, skipWarnings, warnings);
            stored = report.storedCount();
            expired = report.expiredCount();
            holding.addAll(report.restoredQueues());
        }
        int journalRecords = 0;
        long truncated = 0;
        int[] unknown = new int[1];
        if (journalBase != null) {
            MessageJournal journal;
            if (fromLog) {
                journal = MessageJournal.openSuperseding(journalBase);
            } else {
                journal = MessageJournal.open(journalBase, record -> {
                    if (store.replay(record)) {
                        holding.add(store.queueStore().findByRecipient(record.recipientId()));
                    } else {
                        unknown[0]++;
                    }
                }, warnings);
                journalRecords = journal.replayReport().records();
                truncated = journal.replayReport().truncatedBytes();
            }
            if (unknown[0] > 0) {
                warnings.accept("message journal: " + unknown[0] + " records of queues that no longer exist ignored");
            }
            store.attachJournal(journal);
        }
        afterStep.accept(RestoreStep.MESSAGES_LOADED);
        expired += expireAndCompact(store, expireBefore, holding);
        afterStep.accept(RestoreStep.JOURNAL_COMPACTED);
        int messageCount = 0;
        for (StoreQueue queue : holding) {
            messageCount += store.queueSize(queue);
        }
        if (fromLog) {
            MessageLogFile.retire(messageLog);
            afterStep.accept(RestoreStep.MESSAGE_LOG_RETIRED);
        } else {
            stored = messageCount;
        }
        return new RestoreReport(fromLog, stored, expired, store.queueStore().queueCount(), journalRecords, truncated,
                unknown[0], messageCount);
    }

    /**
     * Drops messages sent before {@code expireBefore} (when not null), then compacts the journal;
     * {@code holding}: the only queues that may hold messages, or null when any may.
     */
    private static int expireAndCompact(MessageStore store, Long expireBefore, Collection<StoreQueue> holding)
            throws IOException {
        int expired = 0;
        if (expireBefore != null && store.holdsMessages()) {
            int[] counts = new int[1];
            StoreException[] failure = new StoreException[1];
            Consumer<Consumer<StoreQueue>> queues = holding == null ? store.queueStore()::forEachQueue : holding::forEach;
            queues.accept(queue -> {
                if (queue.messages() == null) {
                    // before the relay serves anyone nothing else changes a queue: most hold no
                    // message, and taking each of millions of locks for nothing took seconds
                    return;
                }
                try {
                    counts[0] += store.deleteExpiredMessages(queue, expireBefore);
                } catch (StoreException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw new IOException(failure[0].getMessage(), failure[0]);
            }
            expired = counts[0];
        }
        store.compactJournalAtStart(holding);
        return expired;
    }

    /**
     * {@code store_messages: journal}: restores the messages of the reference's journal directory,
     * or, when our journal holds segments (relayj was not stopped cleanly since it imported that
     * directory), replays our journal, which is newer. Our journal then keeps every change durable
     * while the server runs; {@link #saveJournalOnStop} writes the directory back.
     *
     * <p>A marker file {@code <journal base>.superseded} says our journal's segments are not (or
     * no longer) the authoritative state: it exists while an import builds our journal and while a
     * clean stop removes it, so a crash at any point leaves either a complete journal or the marker,
     * and the directory is imported again.
     */
    public static RestoreReport restoreJournalMode(MessageStore store, ReferenceJournalStore referenceJournal,
            Path journalBase, Long expireBefore, Consumer<String> warnings) throws IOException, StoreFileException {
        Path superseded = supersededMarker(journalBase);
        int[] unknown = new int[1];
        MessageJournal journal;
        int journalRecords = 0;
        long truncated = 0;
        boolean imported = Files.exists(superseded) || !MessageJournal.exists(journalBase);
        if (imported) {
            createMarker(superseded);
            MessageJournal.deleteAll(journalBase);
            referenceJournal.importInto(store, warnings);
            journal = MessageJournal.open(journalBase, record -> {}, warnings);
        } else {
            warnings.accept("message journal " + journalBase + " was not saved to " + referenceJournal.storePath()
                    + " by a clean stop; restoring from it");
            journal = MessageJournal.open(journalBase, record -> {
                if (!store.replay(record)) {
                    unknown[0]++;
                }
            }, warnings);
            journalRecords = journal.replayReport().records();
            truncated = journal.replayReport().truncatedBytes();
            if (unknown[0] > 0) {
                warnings.accept("message journal: " + unknown[0] + " records of queues that no longer exist ignored");
            }
        }
        store.attachJournal(journal);
        int expired = expireAndCompact(store, expireBefore, null);
        if (imported) {
            // compaction made the imported state durable in our journal
            Files.delete(superseded);
            Directories.sync(superseded.toAbsolutePath().getParent());
        }
        int messageCount = store.messageCount();
        return new RestoreReport(false, messageCount, expired, store.queueStore().queueCount(), journalRecords,
                truncated, unknown[0], messageCount);
    }

    /**
     * On a clean stop in {@code store_messages: journal}: closes our journal, writes every queue to
     * the reference's journal directory and only then removes our journal, which that directory
     * now supersedes. Returns the number of messages saved.
     */
    public static int saveJournalOnStop(MessageStore store, ReferenceJournalStore referenceJournal, Path journalBase)
            throws IOException {
        store.close();
        int saved = referenceJournal.exportFrom(store);
        Path superseded = supersededMarker(journalBase);
        createMarker(superseded);
        MessageJournal.deleteAll(journalBase);
        Files.delete(superseded);
        Directories.sync(superseded.toAbsolutePath().getParent());
        return saved;
    }

    static Path supersededMarker(Path journalBase) {
        return journalBase.resolveSibling(journalBase.getFileName() + ".superseded");
    }

    private static void createMarker(Path marker) throws IOException {
        if (!Files.exists(marker)) {
            Files.createDirectories(marker.toAbsolutePath().getParent());
            Files.createFile(marker);
            Directories.sync(marker.toAbsolutePath().getParent());
        }
    }

    /**
     * On a clean stop: closes the journal, saves all messages to the message log (when not null)
     * and then removes the journal, which the log supersedes. Returns the number of messages saved.
     */
    public static int saveOnStop(MessageStore store, Path messageLog, Path journalBase) throws IOException {
        store.close();
        if (messageLog == null) {
            return 0;
        }
        int saved = MessageLogFile.export(store, messageLog);
        if (journalBase != null) {
            MessageJournal.deleteAll(journalBase);
        }
        return saved;
    }
}
