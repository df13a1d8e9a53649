package dev.relayj.smp.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * {@code smp-server journal import|export} ({@code Server/Main.hs}): moves the messages between
 * the message log of {@code store_messages: memory} and the journal directory of
 * {@code store_messages: journal}, for the queues of the store log.
 */
public final class JournalMigration {
    private JournalMigration() {}

    /**
     * Message log to journal directory; the log is renamed to {@code .bak} afterwards, as the
     * reference's {@code importMessages} does. No message is expired.
     */
    public static MessageLogFile.ImportReport importMessageLog(Path storeLog, Path messageLog, Path journalDir,
            int quota, Clock clock, Consumer<String> warnings) throws IOException, StoreFileException {
        MessageStore store = new MessageStore(load(storeLog, warnings), quota, clock, warnings);
        MessageLogFile.ImportReport report = MessageLogFile.importMessages(store, messageLog, null, false, warnings);
        new ReferenceJournalStore(journalDir).exportFrom(store);
        MessageLogFile.retire(messageLog);
        return report;
    }

    /**
     * Journal directory to message log; returns the number of messages written. When relayj was
     * not stopped cleanly, its own journal in that directory is newer and is read instead.
     */
    public static int exportToMessageLog(Path storeLog, Path journalDir, Path messageLog, int quota, Clock clock,
            Consumer<String> warnings) throws IOException, StoreFileException {
        MessageStore store = new MessageStore(load(storeLog, warnings), quota, clock, warnings);
        ReferenceJournalStore journal = new ReferenceJournalStore(journalDir);
        Path own = journal.ownJournalBase();
        if (MessageJournal.exists(own) && !Files.exists(MessagePersistence.supersededMarker(own))) {
            warnings.accept("message journal " + own + " was not saved by a clean stop; exporting from it");
            MessageJournal.open(own, store::replay, warnings).close();
        } else {
            journal.importInto(store, warnings);
        }
        return MessageLogFile.export(store, messageLog);
    }

    private static QueueStore load(Path storeLog, Consumer<String> notes) throws IOException, StoreFileException {
        QueueStore queues = new QueueStore();
        QueueStoreLog.read(storeLog, queues, notes);
        return queues;
    }
}
