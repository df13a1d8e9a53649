package dev.relayj.smp.server;

import dev.relayj.crypto.Ed25519PublicKey;
import dev.relayj.encoding.Base64Url;
import dev.relayj.crypto.X25519Secret;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.QueueMode;
import dev.relayj.store.EntityStatus;
import dev.relayj.smp.store.QueueRecord;
import dev.relayj.smp.store.QueueStore;
import dev.relayj.smp.store.QueueStoreLog;
import dev.relayj.smp.store.StoreLogWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.security.SecureRandom;

/**
 * Heap per queue in the store, then a relay restart from the store log, with messages waiting in
 * 1 % of the queues (the message log a clean stop leaves, {@code MsgLogRecord} lines).
 */
final class QueuesBench {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BODY = Base64Url.encode(new byte[100]);

    private QueuesBench() {}

    static void run(Path dir, int count) throws Exception {
        // the relay's log lines mark its restart phases: seen here when they are written (before
        // the store classes load, so that their loggers write through this stream)
        LogLineTimes logTimes = new LogLineTimes(System.err);
        System.setErr(new java.io.PrintStream(logTimes, true, java.nio.charset.StandardCharsets.UTF_8));
        Files.createDirectories(dir);
        System.out.println("== " + count + " queues, messages in 1 % of them: heap in the store, then relay restart "
                + "from the store log and the message log");
        TestServer.config(dir, TestServer.Settings.DEFAULT);
        Path log = dir.resolve("smp-server-store.log");
        long base = Memory.heapAfterGc();
        QueueStore store = new QueueStore();
        long start = System.nanoTime();
        int withMessages = 0;
        long now = System.currentTimeMillis() / 1000;
        try (StoreLogWriter writer = QueueStoreLog.open(log, store, Clock.systemUTC(), false, note -> {});
                var messageLog = Files.newBufferedWriter(dir.resolve("smp-server-messages.log"))) {
            byte[] id = new byte[24];
            byte[] key = new byte[32];
            long day = System.currentTimeMillis() / 1000 / 86400 * 86400;
            for (int i = 0; i < count; i++) {
                RANDOM.nextBytes(id);
                EntityId recipientId = new EntityId(id);
                RANDOM.nextBytes(id);
                EntityId senderId = new EntityId(id);
                RANDOM.nextBytes(key);
                Ed25519PublicKey rcvKey = new Ed25519PublicKey(key);
                RANDOM.nextBytes(key);
                store.addQueue(recipientId, new QueueRecord(List.of(rcvKey), new X25519Secret(key), senderId, null,
                        QueueMode.MESSAGING, null, null, EntityStatus.ACTIVE, day, null));
                if (i % 100 == 0) {
                    withMessages++;
                    for (int m = 0; m < 3; m++) {
                        RANDOM.nextBytes(id);
                        // v3 <recipient id> <msg id> <ts> flags=F <body>, as MsgStore.hs writes it
                        messageLog.write("v3 " + recipientId.toBase64() + " " + Base64Url.encode(id) + " " + now
                                + " flags=F " + BODY + "\n");
                    }
                }
            }
        }
        double created = (System.nanoTime() - start) / 1e9;
        long heap = Memory.heapAfterGc() - base;
        java.lang.ref.Reference.reachabilityFence(store);
        System.out.printf("created and logged %d queues in %.1f s; store heap %s (%.0f B per queue, target <= 300); "
                + "store log %s; 3 messages in each of %d queues: message log %s%n", count, created, Memory.mib(heap),
                heap / (double) count, Memory.mib(Files.size(log)), withMessages,
                Memory.mib(Files.size(dir.resolve("smp-server-messages.log"))));
        store = null;
        Memory.heapAfterGc();
        System.out.println("relay restart begins at " + java.time.Instant.now());
        start = System.nanoTime();
        logTimes.clear();
        try (TestServer server = TestServer.start(dir, TestServer.config(dir, TestServer.Settings.DEFAULT), BenchServer.TUNING)) {
            double restart = (System.nanoTime() - start) / 1e9;
            long compacting = logTimes.firstContaining("compacting store log");
            long compacted = logTimes.firstContaining("original state preserved");
            long restoring = logTimes.firstContaining("restoring messages");
            long restored = logTimes.firstContaining("messages stored");
            // the compaction runs on another thread while the messages are imported; the import's
            // end is logged once the compaction is done too
            System.out.printf("restart phases: store log read %.1f s, compaction %.1f s, message log import %.1f s "
                    + "(alongside the compaction, until both are done)%n",
                    (compacting - start) / 1e9, (compacted - compacting) / 1e9, (restored - restoring) / 1e9);
            System.out.printf("relay restart (read + compact store log, import message log, listen) with %d queues: "
                    + "%.1f s (target <= 30 s at 10,000,000); relay heap %s, process RSS %s%n",
                    server.env().queueStore.queueCount(), restart,
                    Memory.mib(Memory.heapAfterGc()), Memory.mib(Memory.rss()));
        }
    }

    /** Lines written to a stream, each with the time it arrived; passes everything on. */
    private static final class LogLineTimes extends java.io.OutputStream {
        private final java.io.PrintStream out;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        private final java.util.List<java.util.Map.Entry<Long, String>> lines =
                java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        LogLineTimes(java.io.PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void write(int b) {
            out.write(b);
            if (b == '\n') {
                lines.add(java.util.Map.entry(System.nanoTime(), line.toString(java.nio.charset.StandardCharsets.UTF_8)));
                line.reset();
            } else {
                line.write(b);
            }
        }

        void clear() {
            lines.clear();
        }

        /** When the first line holding {@code text} arrived (System.nanoTime), or -1. */
        long firstContaining(String text) {
            synchronized (lines) {
                return lines.stream().filter(e -> e.getValue().contains(text)).mapToLong(java.util.Map.Entry::getKey)
                        .findFirst().orElse(-1);
            }
        }
    }
}
