package dev.relayj.smp.store;

import dev.relayj.protocol.EntityId;

import static dev.relayj.smp.store.Fixtures.b64;
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
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessagePersistenceTest {
    private static final long NOW = 1_740_830_400L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private QueueStore queuesWith(int... seeds) throws StoreException {
        QueueStore queues = new QueueStore();
        for (int seed : seeds) {
            queues.addQueue(id(seed), queue(seed));
        }
        return queues;
    }

    private MessageStore open(QueueStore queues) throws Exception {
        MessageStore store = new MessageStore(queues, 128, CLOCK, warnings::add);
        MessagePersistence.restore(store, null, dir.resolve("smp-server-messages.journal"), null, false, warnings::add);
        return store;
    }

    private Path segment(int number) {
        return dir.resolve("smp-server-messages.journal." + number);
    }

    @Test
    void acceptedMessagesSurviveACrashWithoutCleanStop() throws Exception {
        QueueStore queues = queuesWith(1, 2);
        MessageStore store = open(queues);
        StoreQueue q1 = queues.findByRecipient(id(1));
        for (int i = 1; i <= 5; i++) {
            store.awaitDurable(store.writeMessage(q1, message(i, NOW)));
        }
        store.tryDeleteMessage(q1, message(1, NOW).id());
        store.awaitDurable(store.writeMessage(queues.findByRecipient(id(2)), message(9, NOW)));
        // no close(): the process dies here

        QueueStore reloaded = queuesWith(1, 2);
        MessageStore restored = open(reloaded);
        assertEquals(List.of(message(2, NOW), message(3, NOW), message(4, NOW), message(5, NOW)),
                restored.messages(reloaded.findByRecipient(id(1))));
        assertEquals(List.of(message(9, NOW)), restored.messages(reloaded.findByRecipient(id(2))));
        restored.close();
    }

    @Test
    void concurrentSendersShareFsyncsAndAllSurvive() throws Exception {
        int[] seeds = java.util.stream.IntStream.rangeClosed(1, 16).toArray();
        QueueStore queues = queuesWith(seeds);
        MessageStore store = open(queues);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 64; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    StoreQueue q = queues.findByRecipient(id(1 + thread % 16));
                    for (int i = 0; i < 10; i++) {
                        store.awaitDurable(store.writeMessage(q, message(10_000 + thread * 10 + i, NOW)));
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        }
        QueueStore reloaded = queuesWith(seeds);
        MessageStore restored = open(reloaded);
        assertEquals(640, restored.messageCount());
        restored.close();
        store.close();
    }

    @Test
    void aTornLastRecordIsCutAtEveryByteOffset() throws Exception {
        QueueStore queues = queuesWith(1);
        MessageStore store = open(queues);
        StoreQueue q = queues.findByRecipient(id(1));
        store.awaitDurable(store.writeMessage(q, message(1, NOW)));
        store.awaitDurable(store.writeMessage(q, message(2, NOW)));
        long beforeLast = Files.size(segment(2));
        store.awaitDurable(store.writeMessage(q, message(3, NOW)));
        store.close();
        byte[] full = Files.readAllBytes(segment(2));
        for (int cut = (int) beforeLast; cut <= full.length; cut++) {
            Path caseDir = Files.createDirectories(dir.resolve("cut" + cut));
            Files.write(caseDir.resolve("j.2"), Arrays.copyOf(full, cut));
            QueueStore reloaded = queuesWith(1);
            MessageStore restored = new MessageStore(reloaded, 128, CLOCK, warnings::add);
            List<String> caseWarnings = new ArrayList<>();
            MessagePersistence.RestoreReport report = MessagePersistence.restore(restored, null, caseDir.resolve("j"),
                    null, false, caseWarnings::add);
            List<Message> expected = cut == full.length
                    ? List.of(message(1, NOW), message(2, NOW), message(3, NOW))
                    : List.of(message(1, NOW), message(2, NOW));
            assertEquals(expected, restored.messages(reloaded.findByRecipient(id(1))), "cut at " + cut);
            assertEquals(cut == full.length || cut == beforeLast ? 0 : cut - beforeLast,
                    report.truncatedJournalBytes(), "cut at " + cut);
            assertEquals(report.truncatedJournalBytes() > 0, !caseWarnings.isEmpty(), "cut at " + cut);
            restored.close();
        }
    }

    @Test
    void journalIsCompactedOnStartAndWhenItGrows() throws Exception {
        QueueStore queues = queuesWith(1);
        MessageStore store = open(queues);
        store.setMinCompactBytes(4096);
        StoreQueue q = queues.findByRecipient(id(1));
        for (int i = 0; i < 600; i++) {
            store.awaitDurable(store.writeMessage(q, message(i, NOW)));
            store.tryDeleteMessage(q, message(i, NOW).id());
        }
        store.close();
        long total;
        try (var files = Files.list(dir)) {
            total = files.mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(total < 20_000, "compacted while growing: " + total + " bytes");
        QueueStore reloaded = queuesWith(1);
        MessageStore restored = open(reloaded);
        assertEquals(0, restored.messageCount());
        restored.close();
    }

    @Test
    void cleanStopWritesTheReferenceMessageLogWhichTheNextStartImports() throws Exception {
        QueueStore queues = queuesWith(1, 2);
        MessageStore store = open(queues);
        StoreQueue q1 = queues.findByRecipient(id(1));
        store.writeMessage(q1, message(1, NOW));
        store.writeMessage(q1, message(2, NOW - 40 * 86400));
        Path log = dir.resolve("smp-server-messages.log");
        assertEquals(2, MessagePersistence.saveOnStop(store, log, dir.resolve("smp-server-messages.journal")));
        assertEquals(List.of(
                "v3 " + b64(id(1)) + " " + message(1, NOW).encode(),
                "v3 " + b64(id(1)) + " " + message(2, NOW - 40 * 86400).encode()), Files.readAllLines(log));
        assertFalse(MessageJournal.exists(dir.resolve("smp-server-messages.journal")));

        QueueStore reloaded = queuesWith(1, 2);
        MessageStore restored = new MessageStore(reloaded, 128, CLOCK, warnings::add);
        MessagePersistence.RestoreReport report = MessagePersistence.restore(restored, log,
                dir.resolve("smp-server-messages.journal"), NOW - 21 * 86400, false, warnings::add);
        assertTrue(report.fromMessageLog());
        assertEquals(1, report.storedCount());
        assertEquals(1, report.expiredCount());
        assertTrue(Files.exists(dir.resolve("smp-server-messages.log.bak")));
        restored.close();
    }

    @Test
    void importsAMessageLogWrittenByTheReference() throws Exception {
        String rid = b64(id(1));
        String msgId = b64(Fixtures.bytes(24, 77));
        Path log = dir.resolve("smp-server-messages.log");
        List<String> lines = new ArrayList<>();
        lines.add("v3 " + rid + " " + msgId + " " + NOW + " flags=T " + b64(new byte[] {1, 2, 3}));
        lines.add("v3 " + rid + " " + b64(Fixtures.bytes(24, 78)) + " " + NOW + " " + b64(new byte[] {4}));
        lines.add("v3 " + rid + " " + b64(Fixtures.bytes(24, 79)) + " " + NOW + " quota");
        Files.writeString(log, String.join("\n", lines) + "\n");
        QueueStore queues = queuesWith(1);
        MessageStore store = new MessageStore(queues, 128, CLOCK, warnings::add);
        MessageLogFile.ImportReport report = MessageLogFile.importMessages(store, log, null, false, warnings::add);
        assertEquals(2, report.storedCount());
        StoreQueue q = queues.findByRecipient(id(1));
        assertEquals(List.of(
                new Message.Sent(new EntityId(Fixtures.bytes(24, 77)), NOW, true, new byte[] {1, 2, 3}),
                new Message.Sent(new EntityId(Fixtures.bytes(24, 78)), NOW, false, new byte[] {4}),
                new Message.QuotaMarker(new EntityId(Fixtures.bytes(24, 79)), NOW)), store.messages(q));
        StoreException quota = assertThrows(StoreException.class, () -> store.writeMessage(q, message(1, NOW)));
        assertEquals(StoreError.QUOTA, quota.error(), "a restored quota marker keeps the queue closed");
        // a message of an unknown queue stops the start unless warnings are skipped
        Files.writeString(log, "v3 " + b64(id(5)) + " " + msgId + " " + NOW + " flags=F " + b64(new byte[] {1}) + "\n");
        assertThrows(StoreFileException.class, () -> MessageLogFile.importMessages(store, log, null, false, warnings::add));
        MessageLogFile.importMessages(store, log, null, true, warnings::add);
    }

    @Test
    void aCorruptMessageLogLineNamesFileAndLine() throws IOException {
        Path log = dir.resolve("smp-server-messages.log");
        Files.writeString(log, "v3 " + b64(id(1)) + " nonsense\nv3 x\n");
        StoreFileException error = assertThrows(StoreFileException.class, () -> MessageLogFile.importMessages(
                new MessageStore(queuesWith(1), 128, CLOCK, warnings::add), log, null, false, warnings::add));
        assertTrue(error.getMessage().startsWith(log + ":1: "), error.getMessage());
    }
}
