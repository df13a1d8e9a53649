package dev.relayj.smp.store;

import static dev.relayj.smp.store.Fixtures.id;
import static dev.relayj.smp.store.Fixtures.message;
import static dev.relayj.smp.store.Fixtures.queue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed at any moment of the start after a clean stop, or of journal compaction,
 * loses no stored message (hardening issue, items 7 and 8). A crash is simulated by abandoning the
 * store at that point: what was not written and fsync'd is gone, the files stay as they are.
 */
class JournalCrashSafetyTest {
    private static final long NOW = 1_740_830_400L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final int[] QUEUES = {1, 2, 3, 4};
    private static final int QUOTA = 8;

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(Object where) {
            super("simulated crash after " + where);
        }
    }

    @Test
    void aStartKilledAtAnyStepAfterACleanStopIsFollowedByAStartThatServesEveryMessage() throws Exception {
        for (MessagePersistence.RestoreStep crashStep : MessagePersistence.RestoreStep.values()) {
            Path caseDir = Files.createDirectories(dir.resolve(crashStep.name()));
            Path log = caseDir.resolve("smp-server-messages.log");
            Path journal = caseDir.resolve("smp-server-messages.journal");
            MessageStore running = new MessageStore(queues(), QUOTA, CLOCK, warnings::add);
            MessagePersistence.restore(running, null, journal, null, false, warnings::add);
            Map<Integer, List<Message>> expected = fill(running);
            MessagePersistence.saveOnStop(running, log, journal);

            MessageStore killed = new MessageStore(queues(), QUOTA, CLOCK, warnings::add);
            assertThrows(SimulatedCrash.class, () -> MessagePersistence.restore(killed, log, journal, null, false,
                    warnings::add, step -> {
                        if (step == crashStep) {
                            throw new SimulatedCrash(step);
                        }
                    }), crashStep.name());

            QueueStore queues = queues();
            MessageStore restarted = new MessageStore(queues, QUOTA, CLOCK, warnings::add);
            MessagePersistence.restore(restarted, log, journal, null, false, warnings::add);
            assertEquals(expected, contents(restarted, queues), "killed after " + crashStep);
            StoreException closed = assertThrows(StoreException.class,
                    () -> restarted.writeMessage(queues.findByRecipient(id(2)), message(299, NOW)));
            assertEquals(StoreError.QUOTA, closed.error(), "a queue closed by its quota stays closed");
            assertFalse(Files.exists(log), "the message log is retired once its messages are in the journal");
            assertTrue(Files.exists(caseDir.resolve("smp-server-messages.log.bak")));
            restarted.close();

            // and once more, from the journal alone, as after a kill -9 of the now running relay
            QueueStore again = queues();
            MessageStore third = new MessageStore(again, QUOTA, CLOCK, warnings::add);
            MessagePersistence.restore(third, log, journal, null, false, warnings::add);
            assertEquals(expected, contents(third, again), "restart after " + crashStep);
            third.close();
        }
    }

    @Test
    void aJournalCutAnywhereInsideACompactionKeepsEveryQueueWhole() throws Exception {
        Path journal = dir.resolve("live").resolve("smp-server-messages.journal");
        Files.createDirectories(journal.getParent());
        QueueStore queues = queues();
        MessageStore store = new MessageStore(queues, QUOTA, CLOCK, warnings::add);
        MessagePersistence.restore(store, null, journal, null, false, warnings::add);
        Map<Integer, List<Message>> expected = fill(store);
        store.syncJournal();
        Map<Path, byte[]> before = segments(journal);

        store.compactJournal();
        Map<Path, byte[]> after = segments(journal);
        store.close();
        assertEquals(1, after.size(), "compaction leaves one segment");
        Path compactedName = after.keySet().iterator().next();
        assertFalse(before.containsKey(compactedName), "compaction writes a new segment");
        byte[] compacted = after.get(compactedName);

        // the process dies before the old segments are dropped, with the new one cut at any byte
        for (int cut = 0; cut <= compacted.length; cut++) {
            Path caseDir = Files.createDirectories(dir.resolve("cut" + cut));
            for (Map.Entry<Path, byte[]> segment : before.entrySet()) {
                Files.write(caseDir.resolve(segment.getKey()), segment.getValue());
            }
            Files.write(caseDir.resolve(compactedName), Arrays.copyOf(compacted, cut));
            QueueStore reloaded = queues();
            MessageStore restored = new MessageStore(reloaded, QUOTA, CLOCK, warnings::add);
            MessagePersistence.restore(restored, null, caseDir.resolve(journal.getFileName()), null, false,
                    warnings::add);
            assertEquals(expected, contents(restored, reloaded), "compacted segment cut at byte " + cut);
            assertThrows(StoreException.class,
                    () -> restored.writeMessage(reloaded.findByRecipient(id(2)), message(299, NOW)));
            restored.close();
            deleteTree(caseDir);
        }
    }

    @Test
    void oldSegmentsPartlyDroppedStillReplayToTheCompactedState() throws Exception {
        Path journal = dir.resolve("smp-server-messages.journal");
        QueueStore queues = queues();
        MessageStore store = new MessageStore(queues, QUOTA, CLOCK, warnings::add);
        MessagePersistence.restore(store, null, journal, null, false, warnings::add);
        Map<Integer, List<Message>> expected = fill(store);
        store.syncJournal();
        Map<Path, byte[]> before = segments(journal);
        store.compactJournal();
        Map<Path, byte[]> after = segments(journal);
        store.close();
        // segments are dropped oldest first: any prefix of them may be gone after a crash
        List<Path> old = new ArrayList<>(before.keySet());
        old.sort((a, b) -> Long.compare(number(a), number(b)));
        for (int dropped = 0; dropped <= old.size(); dropped++) {
            Path caseDir = Files.createDirectories(dir.resolve("dropped" + dropped));
            for (int i = dropped; i < old.size(); i++) {
                Files.write(caseDir.resolve(old.get(i)), before.get(old.get(i)));
            }
            for (Map.Entry<Path, byte[]> segment : after.entrySet()) {
                Files.write(caseDir.resolve(segment.getKey()), segment.getValue());
            }
            QueueStore reloaded = queues();
            MessageStore restored = new MessageStore(reloaded, QUOTA, CLOCK, warnings::add);
            MessagePersistence.restore(restored, null, caseDir.resolve(journal.getFileName()), null, false,
                    warnings::add);
            assertEquals(expected, contents(restored, reloaded), dropped + " old segments dropped");
            restored.close();
        }
    }

    @Test
    void aSnapshotRecordRoundTripsWithItsQuotaState() throws Exception {
        JournalRecord.Snapshot snapshot = new JournalRecord.Snapshot(id(7),
                List.of(message(1, NOW), message(2, NOW), new Message.QuotaMarker(id(99), NOW)), true);
        dev.relayj.encoding.SmpWriter out = new dev.relayj.encoding.SmpWriter();
        snapshot.writeTo(out);
        assertEquals(snapshot, JournalRecord.read(out.toByteArray()));
        byte[] truncated = Arrays.copyOf(out.toByteArray(), out.size() - 1);
        assertThrows(dev.relayj.encoding.DecodingException.class, () -> JournalRecord.read(truncated));
    }

    /**
     * Messages in every state the journal must carry: a queue with deliveries behind it, a queue
     * closed by its quota (marker at the end), a queue emptied, and one never used.
     */
    private static Map<Integer, List<Message>> fill(MessageStore store) throws StoreException {
        QueueStore queues = store.queueStore();
        StoreQueue q1 = queues.findByRecipient(id(1));
        for (int i = 1; i <= 6; i++) {
            store.awaitDurable(store.writeMessage(q1, message(100 + i, NOW)));
        }
        store.tryDeleteMessage(q1, message(101, NOW).id());
        store.tryDeleteMessage(q1, message(102, NOW).id());
        StoreQueue q2 = queues.findByRecipient(id(2));
        for (int i = 1; i <= QUOTA + 1; i++) {
            try {
                store.awaitDurable(store.writeMessage(q2, message(200 + i, NOW)));
            } catch (StoreException e) {
                assertEquals(StoreError.QUOTA, e.error());
            }
        }
        StoreQueue q3 = queues.findByRecipient(id(3));
        store.awaitDurable(store.writeMessage(q3, message(301, NOW)));
        store.tryDeleteMessage(q3, message(301, NOW).id());
        return contents(store, queues);
    }

    private static Map<Integer, List<Message>> contents(MessageStore store, QueueStore queues) {
        Map<Integer, List<Message>> contents = new LinkedHashMap<>();
        for (int seed : QUEUES) {
            contents.put(seed, store.messages(queues.findByRecipient(id(seed))));
        }
        return contents;
    }

    private static QueueStore queues() throws StoreException {
        QueueStore queues = new QueueStore();
        for (int seed : QUEUES) {
            queues.addQueue(id(seed), queue(seed));
        }
        return queues;
    }

    /** The journal's segment files by file name. */
    private static Map<Path, byte[]> segments(Path base) throws IOException {
        Map<Path, byte[]> segments = new LinkedHashMap<>();
        String prefix = base.getFileName() + ".";
        try (Stream<Path> files = Files.list(base.getParent())) {
            for (Path file : files.sorted().toList()) {
                if (file.getFileName().toString().startsWith(prefix)) {
                    segments.put(file.getFileName(), Files.readAllBytes(file));
                }
            }
        }
        return segments;
    }

    private static long number(Path segment) {
        String name = segment.toString();
        return Long.parseLong(name.substring(name.lastIndexOf('.') + 1));
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }
}
