package dev.relayj.smp.store;

import static dev.relayj.smp.store.Fixtures.id;
import static dev.relayj.smp.store.Fixtures.message;
import static dev.relayj.smp.store.Fixtures.queue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code store_messages: journal} across crashes: whichever of the reference's directory and our
 * own journal holds the newest complete state is the one restored.
 */
class ReferenceJournalCrashTest {
    private static final long TS = 1_740_830_400L;

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private MessageStore start(QueueStore queues, ReferenceJournalStore journal) throws Exception {
        MessageStore store = new MessageStore(queues, 128, Clock.systemUTC(), warnings::add);
        MessagePersistence.restoreJournalMode(store, journal, journal.ownJournalBase(), null, warnings::add);
        return store;
    }

    @Test
    void theNewestStateWinsAfterEachKindOfCrash() throws Exception {
        QueueStore queues = new QueueStore();
        queues.addQueue(id(1), queue(1));
        StoreQueue q = queues.findByRecipient(id(1));
        ReferenceJournalStore journal = new ReferenceJournalStore(dir);
        journal.writeQueue(id(1), new ReferenceJournalStore.QueueContent(
                List.of(message(1, TS), message(2, TS), message(3, TS)), true));

        // killed after the import: our journal holds the state, and a message acknowledged since
        MessageStore running = start(queues, journal);
        assertEquals(3, running.queueSize(q));
        assertFalse(Files.exists(MessagePersistence.supersededMarker(journal.ownJournalBase())));
        running.tryDeleteMessage(q, message(1, TS).id());
        running.syncJournal();
        clear(queues);
        MessageStore restarted = start(queues, journal);
        assertEquals(List.of(message(2, TS), message(3, TS)), restarted.messages(q));
        running.close();

        // killed while an import was building our journal: the directory is imported again
        restarted.close();
        clear(queues);
        Files.createFile(MessagePersistence.supersededMarker(journal.ownJournalBase()));
        MessageStore reimported = start(queues, journal);
        assertEquals(List.of(message(1, TS), message(2, TS), message(3, TS)), reimported.messages(q));

        // a clean stop writes the directory and removes our journal and the marker
        reimported.tryDeleteMessage(q, message(1, TS).id());
        assertEquals(2, MessagePersistence.saveJournalOnStop(reimported, journal, journal.ownJournalBase()));
        assertFalse(MessageJournal.exists(journal.ownJournalBase()));
        assertFalse(Files.exists(MessagePersistence.supersededMarker(journal.ownJournalBase())));
        assertEquals(List.of(message(2, TS), message(3, TS)), journal.read(id(1), warnings::add).messages());
        assertTrue(warnings.stream().noneMatch(w -> w.contains("Error")), warnings.toString());
    }

    private static void clear(QueueStore queues) {
        queues.forEachQueue(queue -> queue.setMessages(null));
    }
}
