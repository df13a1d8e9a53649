package dev.relayj.smp.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    public record RestoreReport(boolean fromMessageLog, int storedCount, int expiredCount, int queueCount,
            int journalRecords, long truncatedJournalBytes, int unknownQueueRecords) {}

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
        if (fromLog) {
            MessageLogFile.ImportReport report =
                    MessageLogFile.importMessages(store, messageLog, expireBefore, skipWarnings, warnings);
            stored = report.storedCount();
            expired = report.expiredCount();
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
                    if (!store.replay(record)) {
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
        if (expireBefore != null && store.holdsMessages()) {
            int[] counts = new int[1];
            StoreException[] failure = new StoreException[1];
            store.queueStore().forEachQueue(queue -> {
                try {
                    counts[0] += store.deleteExpiredMessages(queue, expireBefore);
                } catch (StoreException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw new IOException(failure[0].getMessage(), failure[0]);
            }
            expired += counts[0];
        }
        store.compactJournalAtStart();
        afterStep.accept(RestoreStep.JOURNAL_COMPACTED);
        if (fromLog) {
            MessageLogFile.retire(messageLog);
            afterStep.accept(RestoreStep.MESSAGE_LOG_RETIRED);
        } else {
            stored = store.messageCount();
        }
        return new RestoreReport(fromLog, stored, expired, store.queueStore().queueCount(), journalRecords, truncated,
                unknown[0]);
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
