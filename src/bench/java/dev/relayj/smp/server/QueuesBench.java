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
        System.out.println("relay restart begins at " + java.time.Instant.now() + " (phases: the relay's log lines)");
        start = System.nanoTime();
        try (TestServer server = TestServer.start(dir, TestServer.config(dir, TestServer.Settings.DEFAULT), BenchServer.TUNING)) {
            double restart = (System.nanoTime() - start) / 1e9;
            System.out.printf("relay restart (read + compact store log, import message log, listen) with %d queues: "
                    + "%.1f s (target <= 30 s at 10,000,000); relay heap %s, process RSS %s%n",
                    server.env().queueStore.queueCount(), restart,
                    Memory.mib(Memory.heapAfterGc()), Memory.mib(Memory.rss()));
        }
    }
}
