package dev.relayj.smp.store;

import static dev.relayj.smp.store.Fixtures.id;
import static dev.relayj.smp.store.Fixtures.message;
import static dev.relayj.smp.store.Fixtures.queue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.encoding.Base64Url;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code smp-server journal import} then {@code export} gives back the message log byte for byte. */
class JournalMigrationTest {
    private static final int QUOTA = 600;

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    @Test
    void importThenExportReproducesTheMessageLog() throws Exception {
        Path storeLog = dir.resolve("smp-server-store.log");
        StringBuilder creates = new StringBuilder();
        QueueStore queues = new QueueStore();
        for (int seed = 1; seed <= 3; seed++) {
            creates.append(new StoreLogRecord.CreateQueue(id(seed), queue(seed)).encode()).append('\n');
            queues.addQueue(id(seed), queue(seed));
        }
        Files.writeString(storeLog, creates);
        MessageStore store = new MessageStore(queues, QUOTA, Clock.systemUTC(), warnings::add);
        long ts = 1_740_830_400L;
        // queue 1: 300 messages, more than one journal file holds (maxMsgCount 256)
        for (int i = 0; i < 300; i++) {
            store.restoreMessage(queues.findByRecipient(id(1)), message(i, ts + i));
        }
        store.restoreMessage(queues.findByRecipient(id(2)), message(1000, ts));
        StoreQueue full = queues.findByRecipient(id(3));
        store.restoreMessage(full, message(2000, ts));
        store.restoreQuotaMarker(full, new Message.QuotaMarker(id(2001), ts + 1));
        store.setOverQuota(full);
        Path log = dir.resolve("smp-server-messages.log");
        assertEquals(303, MessageLogFile.export(store, log));
        byte[] original = Files.readAllBytes(log);

        Path journalDir = dir.resolve("messages");
        MessageLogFile.ImportReport report =
                JournalMigration.importMessageLog(storeLog, log, journalDir, QUOTA, Clock.systemUTC(), warnings::add);
        assertEquals(302, report.storedCount());
        assertFalse(Files.exists(log));
        assertTrue(Files.exists(dir.resolve("smp-server-messages.log.bak")));

        // the rotated queue: a full read file of 256 and a write file of 44 (switchWriteJournal)
        ReferenceJournalStore journal = new ReferenceJournalStore(journalDir);
        Path q1 = journal.queueDirectory(id(1));
        String rid = Base64Url.encode(id(1).bytes());
        assertTrue(q1.startsWith(journalDir.resolve(rid.substring(0, 2)).resolve(rid.substring(2, 4))));
        String stateLine = Files.readString(q1.resolve("queue_state." + rid + ".log")).strip();
        Matcher m = Pattern.compile("write=(\\S+),44,44,(\\d+),\\2 read=(\\S+),0,256,0,(\\d+) canWrite=T size=300")
                .matcher(stateLine);
        assertTrue(m.matches(), stateLine);
        assertEquals(Long.parseLong(m.group(2)), Files.size(q1.resolve("messages." + m.group(1) + ".log")));
        assertEquals(Long.parseLong(m.group(4)), Files.size(q1.resolve("messages." + m.group(3) + ".log")));
        try (Stream<Path> files = Files.list(q1)) {
            assertEquals(3, files.count(), "a state file and two message files");
        }
        String fullRid = Base64Url.encode(id(3).bytes());
        assertTrue(Files.readString(journal.queueDirectory(id(3)).resolve("queue_state." + fullRid + ".log"))
                .contains(" canWrite=F size=2"));

        Path exported = dir.resolve("exported.log");
        assertEquals(303, JournalMigration.exportToMessageLog(storeLog, journalDir, exported, QUOTA, Clock.systemUTC(),
                warnings::add));
        assertArrayEquals(original, Files.readAllBytes(exported));
        assertTrue(warnings.stream().allMatch(w -> w.startsWith("Processed: ")), warnings.toString());
    }

    @Test
    void aStateTheReferenceRefusesStopsTheImportNamingTheFile() throws Exception {
        QueueStore queues = new QueueStore();
        queues.addQueue(id(1), queue(1));
        ReferenceJournalStore journal = new ReferenceJournalStore(dir);
        Path qdir = journal.queueDirectory(id(1));
        Files.createDirectories(qdir);
        Path state = ReferenceJournalStore.statePath(qdir, id(1));
        // size does not match the positions (validQueueState)
        Files.writeString(state, "write=AAAA,2,2,10,10 read=AAAA,0,2,0,10 canWrite=T size=5\n");
        MessageStore store = new MessageStore(queues, 128, Clock.systemUTC(), warnings::add);
        StoreFileException e = org.junit.jupiter.api.Assertions.assertThrows(StoreFileException.class,
                () -> journal.importInto(store, warnings::add));
        assertTrue(e.getMessage().startsWith(state.toString()), e.getMessage());
    }

    @Test
    void aTornLastStateLineFallsBackToThePreviousOne() throws Exception {
        QueueStore queues = new QueueStore();
        queues.addQueue(id(1), queue(1));
        ReferenceJournalStore journal = new ReferenceJournalStore(dir);
        Path qdir = journal.queueDirectory(id(1));
        Files.createDirectories(qdir);
        String line = message(1, 1_740_830_400L).encode() + "\n";
        Files.writeString(qdir.resolve("messages.AAAA.log"), line);
        int n = line.length();
        Files.writeString(ReferenceJournalStore.statePath(qdir, id(1)),
                "write=AAAA," + 1 + ",1," + n + "," + n + " read=AAAA,0,1,0," + n + " canWrite=T size=1\nwrite=AAAA,1,1");
        MessageStore store = new MessageStore(queues, 128, Clock.systemUTC(), warnings::add);
        assertEquals(1, journal.importInto(store, warnings::add).storedCount());
        assertEquals(List.of(message(1, 1_740_830_400L)), store.messages(queues.findByRecipient(id(1))));
        assertEquals(1, warnings.size(), warnings.toString());
    }
}
