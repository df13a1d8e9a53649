package dev.relayj.smp.store;

import static dev.relayj.smp.store.Fixtures.b64;
import static dev.relayj.smp.store.Fixtures.ed25519;
import static dev.relayj.smp.store.Fixtures.id;
import static dev.relayj.smp.store.Fixtures.key;
import static dev.relayj.smp.store.Fixtures.secret;
import static dev.relayj.smp.store.Fixtures.x25519;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.store.EntityStatus;
import dev.relayj.store.StoreLogFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueStoreLogTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T12:00:00.25Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final List<String> notes = new ArrayList<>();

    private static String create(int seed, String extra) {
        return "CREATE rid=" + b64(id(seed)) + " rk=" + key(ed25519(seed)) + " rdh=" + b64(secret(seed).bytes())
                + " sid=" + b64(id(seed + 1000)) + " sk=" + extra;
    }

    /** A log as a reference server writes it over time, old-format lines first. */
    private static List<String> referenceLog() {
        return List.of(
                create(1, " sndSecure=T"),
                create(2, key(x25519(2)) + " queue_mode=M updated_at=1740700800"),
                create(3, " queue_mode=C"),
                "SECURE " + b64(id(1)) + " " + key(x25519(1)),
                "NOTIFIER " + b64(id(2)) + " " + b64(id(52)) + " " + key(ed25519(52)) + " " + b64(secret(52).bytes()),
                "DELETE " + b64(id(3)),
                "BLOCK " + b64(id(2)) + " reason=spam",
                "TIME " + b64(id(1)) + " 1740787200");
    }

    /** What our compaction writes for the state of {@link #referenceLog()}. */
    private static List<String> compactedReferenceLog() {
        return List.of(
                create(1, key(x25519(1)) + " queue_mode=M updated_at=1740787200"),
                create(2, key(x25519(2)) + " queue_mode=M notifier=" + b64(id(52)) + " " + key(ed25519(52)) + " "
                        + b64(secret(52).bytes()) + " updated_at=1740700800 status=blocked,reason=spam"));
    }

    private Path writeLog(List<String> lines, String tail) throws IOException {
        Path file = dir.resolve("smp-server-store.log");
        Files.writeString(file, String.join("\n", lines) + "\n" + tail, StandardCharsets.UTF_8);
        return file;
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }

    @Test
    void loadsAReferenceLogAndCompactsItToTheReferenceFormat() throws Exception {
        Path file = writeLog(referenceLog(), "");
        QueueStore store = new QueueStore();
        try (StoreLogWriter writer = QueueStoreLog.open(file, store, CLOCK, false, notes::add)) {
            assertEquals(2, store.queueCount());
            assertEquals(sorted(compactedReferenceLog()), sorted(Files.readAllLines(file)));
            // the original is kept as a timed backup named like the reference's
            Path backup = dir.resolve("smp-server-store.log.2025-03-01T12:00:00.25Z");
            assertEquals(String.join("\n", referenceLog()) + "\n", Files.readString(backup));
            store.suspendQueue(store.findByRecipient(id(1)));
            assertEquals("SUSPEND " + b64(id(1)), Files.readAllLines(file).getLast());
        }
        QueueStore reloaded = new QueueStore();
        try (StoreLogWriter writer = QueueStoreLog.open(file, reloaded, CLOCK, false, notes::add)) {
            assertEquals(EntityStatus.OFF, reloaded.findByRecipient(id(1)).record().status());
            assertEquals(store.findByRecipient(id(2)).record(), reloaded.findByRecipient(id(2)).record());
        }
    }

    @Test
    void theQueuesAreThereWhileTheLogCompactsAndChangesAreLoggedOnceAttached() throws Exception {
        Path file = writeLog(referenceLog(), "");
        QueueStore store = new QueueStore();
        QueueStoreLog.Loading loading = QueueStoreLog.load(file, store, CLOCK, false, notes::add);
        assertEquals(2, store.queueCount());
        assertNotNull(store.findByNotifier(id(52)));
        try (StoreLogWriter writer = loading.attach()) {
            assertEquals(sorted(compactedReferenceLog()), sorted(Files.readAllLines(file)));
            store.suspendQueue(store.findByRecipient(id(1)));
            assertEquals("SUSPEND " + b64(id(1)), Files.readAllLines(file).getLast());
        }
    }

    @Test
    void aStartThatFailsWhileTheLogCompactsLeavesTheCompactedState() throws Exception {
        Path file = writeLog(referenceLog(), "");
        QueueStoreLog.load(file, new QueueStore(), CLOCK, false, notes::add).close();
        assertEquals(sorted(compactedReferenceLog()), sorted(Files.readAllLines(file)));
        assertFalse(Files.exists(dir.resolve("smp-server-store.log.start")));
        assertFalse(Files.exists(dir.resolve("smp-server-store.log.tmp")));
    }

    @Test
    void createsAMissingLog() throws Exception {
        Path file = dir.resolve("smp-server-store.log");
        QueueStore store = new QueueStore();
        try (StoreLogWriter writer = QueueStoreLog.open(file, store, CLOCK, true, notes::add)) {
            store.addQueue(id(7), Fixtures.queue(7));
        }
        assertEquals(1, Files.readAllLines(file).size());
    }

    @Test
    void anUnfinishedLastLineIsSkippedWithAWarning() throws Exception {
        String last = "SUSPEND " + b64(id(2));
        Path file = writeLog(referenceLog(), last.substring(0, 12));
        QueueStore store = new QueueStore();
        try (StoreLogWriter writer = QueueStoreLog.open(file, store, CLOCK, false, notes::add)) {
            assertTrue(notes.stream().anyMatch(n -> n.contains(":9: ignoring the unfinished last line")), notes.toString());
            assertFalse(store.findByRecipient(id(2)).record().status() instanceof EntityStatus.Off);
        }
        assertTrue(Files.readString(file).endsWith("\n"));
    }

    @Test
    void aCorruptLineInTheMiddleStopsTheStartNamingFileAndLine() throws Exception {
        List<String> lines = new ArrayList<>(referenceLog());
        lines.add(3, "SECURE garbage!");
        Path file = writeLog(lines, "");
        StoreFileException error = assertThrows(StoreFileException.class,
                () -> QueueStoreLog.open(file, new QueueStore(), CLOCK, false, notes::add));
        assertTrue(error.getMessage().startsWith(file + ":4: "), error.getMessage());
        assertEquals(String.join("\n", lines) + "\n", Files.readString(file), "nothing was changed");
    }

    @Test
    void recordsOfMissingQueuesAreWarnings() throws Exception {
        Path file = writeLog(List.of(create(1, ""), "SUSPEND " + b64(id(9))), "");
        QueueStore store = new QueueStore();
        try (StoreLogWriter writer = QueueStoreLog.open(file, store, CLOCK, false, notes::add)) {
            assertEquals(1, store.queueCount());
            assertTrue(notes.stream().anyMatch(n -> n.startsWith("STORE: SUSPEND, AUTH")), notes.toString());
        }
    }

    @Test
    void aQueueCreatedTwiceIsAWarning() throws Exception {
        String sameSender = "CREATE rid=" + b64(id(3)) + " rk=" + key(ed25519(3)) + " rdh=" + b64(secret(3).bytes())
                + " sid=" + b64(id(1001)) + " sk=";
        Path file = writeLog(List.of(create(1, ""), create(2, ""), create(1, " queue_mode=M"), sameSender), "");
        QueueStore store = new QueueStore();
        try (StoreLogWriter writer = QueueStoreLog.open(file, store, CLOCK, false, notes::add)) {
            assertEquals(2, store.queueCount());
            assertNull(store.findByRecipient(id(1)).record().queueMode());
            assertNull(store.findByRecipient(id(3)));
            assertTrue(notes.contains("STORE: CREATE, DUPLICATE: queue id already in use (" + file + ":3)"), notes.toString());
            assertTrue(notes.contains("STORE: CREATE, DUPLICATE: queue id already in use (" + file + ":4)"), notes.toString());
        }
    }

    @Test
    void aCrashBetweenAnyCompactionStepsLosesNothing() throws Exception {
        for (StoreLogFiles.Step crashAfter : StoreLogFiles.Step.values()) {
            Path caseDir = Files.createDirectory(dir.resolve(crashAfter.name()));
            Path file = caseDir.resolve("smp-server-store.log");
            Files.writeString(file, String.join("\n", referenceLog()) + "\n");
            assertThrows(SimulatedCrash.class, () -> QueueStoreLog.open(file, new QueueStore(), CLOCK, false,
                    notes::add, step -> {
                        if (step == crashAfter) {
                            throw new SimulatedCrash();
                        }
                    }));
            QueueStore store = new QueueStore();
            try (StoreLogWriter writer = QueueStoreLog.open(file, store, CLOCK, false, notes::add)) {
                assertEquals(2, store.queueCount(), crashAfter.name());
                assertNotNull(store.findByNotifier(id(52)), crashAfter.name());
                assertNull(store.findByRecipient(id(3)), crashAfter.name());
            }
            assertEquals(sorted(compactedReferenceLog()), sorted(Files.readAllLines(file)), crashAfter.name());
            assertFalse(Files.exists(caseDir.resolve("smp-server-store.log.start")));
        }
    }

    /** 6,000 queues, every third suspended and every seventh deleted later: several blocks of the replay. */
    private static List<String> bigLog() {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 6000; i++) {
            lines.add(create(i, i % 2 == 0 ? " queue_mode=M updated_at=1740700800" : ""));
            if (i > 10 && i % 3 == 0) {
                lines.add("SUSPEND " + b64(id(i - 10)));
            }
            if (i > 20 && i % 7 == 0) {
                lines.add("DELETE " + b64(id(i - 20)));
            }
        }
        return lines;
    }

    @Test
    void aLogOfManyBlocksIsAppliedInOrder() throws Exception {
        List<String> lines = bigLog();
        // a line longer than a read block
        lines.add(1000, "NEW_SERVICE service_id=" + b64(id(99_999)) + " role=M cert="
                + b64(Fixtures.bytes(LogBlockReader.BLOCK_SIZE, 1)) + " cert_hash=" + b64(id(5)) + " created_at=1");
        Path file = writeLog(lines, "DELETE " + b64(id(5999)).substring(0, 10));
        QueueStore store = new QueueStore();
        try (StoreLogWriter writer = QueueStoreLog.open(file, store, CLOCK, false, notes::add)) {
            for (int i = 1; i <= 6000; i++) {
                StoreQueue queue = store.findByRecipient(id(i));
                boolean deleted = i <= 5980 && (i + 20) % 7 == 0 && i + 20 > 20;
                assertEquals(deleted, queue == null, "queue " + i);
                if (!deleted) {
                    boolean suspended = i <= 5990 && (i + 10) % 3 == 0 && i + 10 > 10;
                    assertEquals(suspended, queue.record().status() instanceof EntityStatus.Off, "queue " + i);
                    assertEquals(i % 2 == 0 ? (Long) 1740700800L : null, queue.record().updatedAt(), "queue " + i);
                }
            }
            int all = lines.size() + 1;
            assertTrue(notes.contains(file + ":" + all + ": ignoring the unfinished last line"), notes.toString());
            assertTrue(notes.contains("Processed: " + all + " log lines"), notes.toString());
        }
    }

    @Test
    void aBadLineFarInTheLogNamesItsLine() throws Exception {
        List<String> lines = bigLog();
        lines.add(5000, "SECURE garbage!");
        Path file = writeLog(lines, "");
        StoreFileException error = assertThrows(StoreFileException.class,
                () -> QueueStoreLog.open(file, new QueueStore(), CLOCK, false, notes::add));
        assertTrue(error.getMessage().startsWith(file + ":5001: invalid store log record: "), error.getMessage());

        byte[] bytes = Files.readAllBytes(file);
        String text = String.join("\n", lines.subList(0, 5000)) + "\n";
        bytes[text.length() + 3] = (byte) 0xff;
        Files.write(file, bytes);
        error = assertThrows(StoreFileException.class,
                () -> QueueStoreLog.open(file, new QueueStore(), CLOCK, false, notes::add));
        assertEquals(file + ":5001: not valid UTF-8 text", error.getMessage());
    }

    @Test
    void oldBackupsAreRemovedLikeTheReference() throws Exception {
        Path file = writeLog(List.of(create(1, "")), "");
        Instant now = CLOCK.instant();
        List<Instant> times = new ArrayList<>();
        for (int days : new int[] {0, 2, 22, 23, 24, 25, 26}) {
            Instant time = now.minusSeconds(86400L * days + 60);
            times.add(time);
            Files.writeString(dir.resolve("smp-server-store.log." + StoreLogFiles.iso8601(time)), "");
        }
        StoreLogFiles.removeOldBackups(file, now, notes::add);
        List<String> left;
        try (Stream<Path> files = Files.list(dir)) {
            left = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        // kept: the last day's, the newest three older ones (2, 22, 23 days), none older than 21 days beyond them
        assertEquals(List.of("smp-server-store.log",
                "smp-server-store.log." + StoreLogFiles.iso8601(times.get(0)),
                "smp-server-store.log." + StoreLogFiles.iso8601(times.get(1)),
                "smp-server-store.log." + StoreLogFiles.iso8601(times.get(2)),
                "smp-server-store.log." + StoreLogFiles.iso8601(times.get(3))).stream().sorted().toList(), left);
    }

    @Test
    void backupTimesAreWrittenAsHaskellShowsThem() {
        assertEquals("2025-03-01T12:00:00Z", StoreLogFiles.iso8601(Instant.parse("2025-03-01T12:00:00Z")));
        assertEquals("2025-03-01T12:00:00.1234Z", StoreLogFiles.iso8601(Instant.parse("2025-03-01T12:00:00.123400Z")));
    }

    private static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash() {
            super("simulated crash", null, false, false);
        }
    }
}
