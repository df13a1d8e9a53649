package dev.relayj.smp.server;

import dev.relayj.crypto.CbNonce;
import dev.relayj.crypto.CryptoBox;
import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.crypto.Ed25519PublicKey;
import dev.relayj.crypto.SbChainKey;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.crypto.X25519Secret;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.ClientTransmission;
import dev.relayj.smp.protocol.Command;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.MessageLimits;
import dev.relayj.smp.protocol.MsgFlags;
import dev.relayj.smp.protocol.QueueMode;
import dev.relayj.store.EntityStatus;
import dev.relayj.smp.store.QueueRecord;
import dev.relayj.smp.store.QueueStore;
import dev.relayj.smp.store.QueueStoreLog;
import dev.relayj.smp.store.StoreLogWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Load figures of the SMP relay on loopback (tools/bench-smp). Each mode is bounded in time and
 * prints its figures; none of it is a test.
 *
 * <pre>
 * roundtrip [pairs] [seconds]   SEND -> MSG -> ACK at v18: full-size and small batched messages
 * crypto [seconds]              the same cryptographic work per round trip, without network or relay
 * connections [count]           subscribed connections held open
 * queues [count]                heap per queue and restart time from the store log
 * resubscribe [count] [clients] re-subscription of count queues by reconnecting clients (batched SUB)
 * all                           everything with the defaults
 * </pre>
 */
public final class SmpBench {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int VERSION = 18;

    private SmpBench() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "all";
        Path dir = Files.createTempDirectory("bench-smp");
        try {
            switch (mode) {
                case "roundtrip" -> roundTrips(dir, intArg(args, 1, 8), intArg(args, 2, 20));
                case "crypto" -> cryptoFloor(intArg(args, 1, 15));
                case "connections" -> connections(dir, intArg(args, 1, 10_000));
                case "queues" -> queues(dir, intArg(args, 1, 1_000_000));
                case "resubscribe" -> resubscribe(dir, intArg(args, 1, 100_000), intArg(args, 2, 100));
                case "all" -> {
                    roundTrips(dir.resolve("rt"), 8, 20);
                    cryptoFloor(15);
                    connections(dir.resolve("conn"), 10_000);
                    queues(dir.resolve("q"), 1_000_000);
                }
                default -> {
                    System.err.println("unknown mode " + mode + " (roundtrip, crypto, connections, queues, resubscribe, all)");
                    System.exit(2);
                }
            }
        } finally {
            deleteTree(dir);
        }
        System.exit(0);
    }

    private static int intArg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    // ---- SEND -> MSG -> ACK

    private static void roundTrips(Path dir, int pairs, int seconds) throws Exception {
        Files.createDirectories(dir);
        System.out.println("== round trips: " + pairs + " sender/recipient pairs, v" + VERSION + ", child-process relay");
        try (ServerProcess server = new ServerProcess(dir, List.of("-Xmx2g"))) {
            int full = MessageLimits.maxMessageLength(VERSION);
            roundTripRun(server, pairs, 1, full, seconds / 2, "full-size (" + full + " B), 1 per block");
            roundTripRun(server, pairs, 8, 128, seconds / 2, "small (128 B), 8 SENDs per block");
        }
    }

    private static void roundTripRun(ServerProcess server, int pairs, int queuesPerPair, int size, int seconds,
            String label) throws Exception {
        List<TestSmpClient> clients = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong delivered = new AtomicLong();
        AtomicLong measuring = new AtomicLong(Long.MAX_VALUE);
        List<Thread> threads = new ArrayList<>();
        try {
            CountDownLatch ready = new CountDownLatch(pairs);
            for (int p = 0; p < pairs; p++) {
                TestSmpClient r = TestSmpClient.connect(server.port, VERSION);
                TestSmpClient s = TestSmpClient.connect(server.port, VERSION);
                clients.add(r);
                clients.add(s);
                List<TestSmpClient.TestQueue> queues = new ArrayList<>();
                Map<EntityId, TestSmpClient.TestQueue> byRecipient = new HashMap<>();
                for (int i = 0; i < queuesPerPair; i++) {
                    TestSmpClient.TestQueue q = r.createQueue();
                    queues.add(q);
                    byRecipient.put(q.rcvId(), q);
                }
                Semaphore inFlight = new Semaphore(queuesPerPair);
                long[] samples = new long[1 << 20];
                AtomicInteger sampleCount = new AtomicInteger();
                latencies.add(samples);
                threads.add(Thread.ofPlatform().daemon().start(() -> receiveLoop(r, byRecipient, inFlight, running,
                        delivered, measuring, samples, sampleCount)));
                threads.add(Thread.ofPlatform().daemon().start(() -> sendLoop(s, queues, inFlight, running, size)));
                ready.countDown();
            }
            ready.await();
            Thread.sleep(3000); // warm-up, not measured
            long startCount = delivered.get();
            long start = System.nanoTime();
            measuring.set(start);
            Thread.sleep(seconds * 1000L);
            long count = delivered.get() - startCount;
            double elapsed = (System.nanoTime() - start) / 1e9;
            running.set(false);
            long[] all = latencies.stream().flatMapToLong(a -> Arrays.stream(a).filter(v -> v > 0)).sorted().toArray();
            System.out.printf("%-40s %9.0f round trips/s  (%.1f MB/s of bodies)  latency p50 %.2f ms, p99 %.2f ms%n",
                    label, count / elapsed, count * (double) size / elapsed / 1e6,
                    percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6);
            System.out.println("  with " + pairs * 2 + " connections held: " + server.memoryLine());
        } finally {
            running.set(false);
            for (TestSmpClient c : clients) {
                c.close();
            }
            for (Thread t : threads) {
                t.join(5000);
            }
        }
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))];
    }

    private static void sendLoop(TestSmpClient s, List<TestSmpClient.TestQueue> queues, Semaphore inFlight,
            AtomicBoolean running, int size) {
        try {
            while (running.get()) {
                if (!inFlight.tryAcquire(queues.size(), 200, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                List<byte[]> batch = new ArrayList<>(queues.size());
                for (TestSmpClient.TestQueue q : queues) {
                    byte[] body = new byte[size];
                    ByteBuffer.wrap(body).putLong(System.nanoTime());
                    batch.add(s.transmission(TestSmpClient.corrId(), q.sndId(), new Command.Send(MsgFlags.NONE, body), null));
                }
                s.sendTransmissions(batch);
                for (int i = 0; i < queues.size(); i++) {
                    BrokerMessage reply = s.receive().message().value();
                    if (reply != BrokerMessage.OK) {
                        System.out.println("SEND: " + reply);
                    }
                }
            }
        } catch (Exception e) {
            if (running.get()) {
                System.out.println("sender stopped: " + e);
            }
        }
    }

    private static void receiveLoop(TestSmpClient r, Map<EntityId, TestSmpClient.TestQueue> byRecipient,
            Semaphore inFlight, AtomicBoolean running, AtomicLong delivered, AtomicLong measuring, long[] samples,
            AtomicInteger sampleCount) {
        try {
            while (running.get()) {
                ClientTransmission t = r.receive();
                BrokerMessage message = t.message().value();
                if (message instanceof BrokerMessage.Msg msg) {
                    TestSmpClient.TestQueue q = byRecipient.get(t.entityId());
                    long sentAt = ByteBuffer.wrap(TestSmpClient.bodyOf(q, msg)).getLong();
                    long now = System.nanoTime();
                    if (sentAt >= measuring.get()) {
                        int i = sampleCount.getAndIncrement();
                        if (i < samples.length) {
                            samples[i] = now - sentAt;
                        }
                    }
                    delivered.incrementAndGet();
                    r.send(TestSmpClient.corrId(), q.rcvId(), new Command.Ack(msg.msgId()), q.rcvKey());
                    inFlight.release();
                } else if (message != BrokerMessage.OK) {
                    System.out.println("recipient: " + message);
                }
            }
        } catch (Exception e) {
            if (running.get()) {
                System.out.println("recipient stopped: " + e);
            }
        }
    }

    // ---- the cryptographic floor of one round trip

    /**
     * Per round trip the relay and its two clients move 5 blocks (SEND, OK, MSG, ACK, OK): each is
     * encrypted and decrypted by the SMP block transport (secret box with chain keys) and by a TLS
     * 1.3 record (ChaCha20-Poly1305); the relay encrypts the message for the recipient, who
     * decrypts it; the recipient signs ACK and the relay verifies it.
     */
    private static void cryptoFloor(int seconds) throws Exception {
        System.out.println("== crypto floor: the same crypto per round trip, one thread, no network or relay logic");
        SbChainKey.Pair chains = SbChainKey.init(new byte[32], RANDOM.generateSeed(32));
        SbChainKey send = chains.first();
        SbChainKey receive = chains.second();
        byte[] tlsKey = RANDOM.generateSeed(32);
        X25519Secret queueSecret = X25519PrivateKey.generate(RANDOM).dh(X25519PrivateKey.generate(RANDOM).publicKey());
        Ed25519PrivateKey rcvKey = Ed25519PrivateKey.generate(RANDOM);
        Ed25519PublicKey rcvPub = rcvKey.publicKey();
        byte[] payload = new byte[MessageLimits.BLOCK_SIZE - 2 * CryptoBox.TAG_SIZE];
        byte[] message = new byte[MessageLimits.MAX_RCV_MESSAGE_LENGTH];
        byte[] ack = new byte[120];
        // the relay's TLS records: the JDK's ChaCha20-Poly1305, as dev.relayj.tls.RelayTlsCrypto
        javax.crypto.Cipher aead = javax.crypto.Cipher.getInstance("ChaCha20-Poly1305", "SunJCE");
        javax.crypto.spec.SecretKeySpec tlsKeySpec = new javax.crypto.spec.SecretKeySpec(tlsKey, "ChaCha20");
        byte[] record = new byte[MessageLimits.BLOCK_SIZE + 16];
        byte[] opened = new byte[MessageLimits.BLOCK_SIZE + 16];
        long nonceCounter = 0;
        long count = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        long warmUpEnd = start + 3_000_000_000L;
        long measuredStart = 0;
        long measuredCount = 0;
        while (System.nanoTime() < end) {
            for (int block = 0; block < 5; block++) {
                SbChainKey.Step out = send.next();
                send = out.next();
                byte[] encrypted = CryptoBox.sbEncrypt(out.key(), out.nonce(), payload, MessageLimits.BLOCK_SIZE - CryptoBox.TAG_SIZE);
                SbChainKey.Step in = receive.next();
                receive = in.next();
                byte[] nonce = new byte[12];
                ByteBuffer.wrap(nonce, 4, 8).putLong(nonceCounter++);
                aead.init(javax.crypto.Cipher.ENCRYPT_MODE, tlsKeySpec, new javax.crypto.spec.IvParameterSpec(nonce));
                int len = aead.doFinal(encrypted, 0, encrypted.length, record, 0);
                aead.init(javax.crypto.Cipher.DECRYPT_MODE, tlsKeySpec, new javax.crypto.spec.IvParameterSpec(nonce));
                aead.doFinal(record, 0, len, opened, 0);
                CryptoBox.sbDecrypt(out.key(), out.nonce(), encrypted);
            }
            CbNonce nonce = CbNonce.random(RANDOM);
            byte[] sealed = CryptoBox.cbEncrypt(queueSecret, nonce, message, MessageLimits.PADDED_RCV_MESSAGE_LENGTH);
            CryptoBox.cbDecrypt(queueSecret, nonce, sealed);
            var signature = rcvKey.sign(ack);
            if (!rcvPub.verify(signature, ack, 0, ack.length)) {
                throw new IllegalStateException("signature does not verify");
            }
            count++;
            if (measuredStart == 0 && System.nanoTime() > warmUpEnd) {
                measuredStart = System.nanoTime();
                measuredCount = count;
            }
        }
        double elapsed = (System.nanoTime() - measuredStart) / 1e9;
        System.out.printf("%-40s %9.0f round trips/s per core (%d cores here)%n", "crypto only, full-size blocks",
                (count - measuredCount) / elapsed, Runtime.getRuntime().availableProcessors());
    }

    // ---- many subscribed connections

    private static void connections(Path dir, int count) throws Exception {
        Files.createDirectories(dir);
        System.out.println("== " + count + " concurrent subscribed connections (fd limit: see ulimit -n in bench-smp)");
        try (ServerProcess server = new ServerProcess(dir, List.of("-Xmx4g"))) {
            String before = server.memoryLine();
            List<TestSmpClient> clients = new ArrayList<>(count);
            ConcurrentLinkedQueue<TestSmpClient> opened = new ConcurrentLinkedQueue<>();
            AtomicInteger failures = new AtomicInteger();
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(120);
            Semaphore parallel = new Semaphore(64);
            List<Thread> threads = new ArrayList<>(count);
            for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
                parallel.acquire();
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        TestSmpClient c = TestSmpClient.connect(server.port, VERSION);
                        opened.add(c);
                        c.createQueue();
                    } catch (Exception | AssertionError e) {
                        if (failures.incrementAndGet() <= 3) {
                            System.out.println("connection failed: " + e);
                        }
                    } finally {
                        parallel.release();
                    }
                }));
            }
            for (Thread t : threads) {
                t.join(30_000);
            }
            clients.addAll(opened);
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf("%d connections with a subscribed queue each in %.1f s (%.0f/s), %d failed%n",
                    clients.size() - failures.get(), elapsed, clients.size() / elapsed, failures.get());
            System.out.println("before: " + before);
            System.out.println("held:   " + server.memoryLine());
            long[] m = server.memory();
            System.out.printf("about %.1f KiB heap per subscribed connection%n",
                    (m[0] - parseHeap(before)) / 1024.0 / Math.max(1, clients.size()));
            for (TestSmpClient c : clients) {
                try {
                    c.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }

    private static long parseHeap(String line) {
        // "server heap X MiB, RSS Y MiB"
        String mib = line.substring("server heap ".length(), line.indexOf(" MiB"));
        return (long) (Double.parseDouble(mib) * 1048576);
    }

    // ---- many queues

    private static void queues(Path dir, int count) throws Exception {
        Files.createDirectories(dir);
        System.out.println("== " + count + " queues: heap in the store, then relay restart from the store log");
        TestServer.config(dir, TestServer.Settings.DEFAULT);
        Path log = dir.resolve("smp-server-store.log");
        long base = Memory.heapAfterGc();
        QueueStore store = new QueueStore();
        long start = System.nanoTime();
        try (StoreLogWriter writer = QueueStoreLog.open(log, store, Clock.systemUTC(), false, note -> {})) {
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
            }
        }
        double created = (System.nanoTime() - start) / 1e9;
        long heap = Memory.heapAfterGc() - base;
        java.lang.ref.Reference.reachabilityFence(store);
        System.out.printf("created and logged %d queues in %.1f s; store heap %s (%.0f B per queue); log %s%n", count,
                created, Memory.mib(heap), heap / (double) count, Memory.mib(Files.size(log)));
        store = null;
        Memory.heapAfterGc();
        System.out.println("relay restart begins at " + java.time.Instant.now() + " (phases: the relay's log lines)");
        start = System.nanoTime();
        try (TestServer server = TestServer.start(dir, TestServer.config(dir, TestServer.Settings.DEFAULT), BenchServer.TUNING)) {
            double restart = (System.nanoTime() - start) / 1e9;
            System.out.printf("relay restart (read + compact store log, listen) with %d queues: %.1f s; relay heap %s, "
                    + "process RSS %s%n", server.env().queueStore.queueCount(), restart,
                    Memory.mib(Memory.heapAfterGc()), Memory.mib(Memory.rss()));
        }
    }

    // ---- re-subscription storm

    /**
     * A relay restarted on a store log of {@code count} queues; {@code clientCount} clients connect
     * and each re-subscribes its share with batched SUBs (as many per block as fit), as clients do
     * after a network blip. Timed from the first SUB sent to the last SOK received; the clients'
     * signing happens before, since it is not the relay's work.
     */
    private static void resubscribe(Path dir, int count, int clientCount) throws Exception {
        Files.createDirectories(dir);
        System.out.println("== re-subscription: " + count + " queues, " + clientCount + " reconnecting clients, v"
                + VERSION + ", child-process relay");
        TestServer.config(dir, TestServer.Settings.DEFAULT);
        Ed25519PrivateKey[] keys = new Ed25519PrivateKey[count];
        EntityId[] ids = new EntityId[count];
        QueueStore store = new QueueStore();
        long day = System.currentTimeMillis() / 1000 / 86400 * 86400;
        try (StoreLogWriter writer = QueueStoreLog.open(dir.resolve("smp-server-store.log"), store, Clock.systemUTC(),
                false, note -> {})) {
            byte[] id = new byte[24];
            byte[] secret = new byte[32];
            for (int i = 0; i < count; i++) {
                RANDOM.nextBytes(id);
                ids[i] = new EntityId(id);
                RANDOM.nextBytes(id);
                EntityId senderId = new EntityId(id);
                keys[i] = Ed25519PrivateKey.generate(RANDOM);
                RANDOM.nextBytes(secret);
                store.addQueue(ids[i], new QueueRecord(List.of(keys[i].publicKey()), new X25519Secret(secret), senderId,
                        null, QueueMode.MESSAGING, null, null, EntityStatus.ACTIVE, day, null));
            }
        }
        store = null;
        try (ServerProcess server = new ServerProcess(dir, List.of("-Xmx4g"))) {
            List<TestSmpClient> clients = new ArrayList<>();
            List<List<byte[]>> subs = new ArrayList<>();
            for (int c = 0; c < clientCount; c++) {
                TestSmpClient client = TestSmpClient.connect(server.port, VERSION);
                clients.add(client);
                List<byte[]> transmissions = new ArrayList<>();
                for (int i = c; i < count; i += clientCount) {
                    transmissions.add(client.transmission(TestSmpClient.corrId(), ids[i], Command.SUB, keys[i]));
                }
                subs.add(transmissions);
            }
            AtomicLong answered = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < clientCount; c++) {
                TestSmpClient client = clients.get(c);
                List<byte[]> transmissions = subs.get(c);
                threads.add(Thread.ofVirtual().start(() -> client.sendTransmissions(transmissions)));
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (int n = 0; n < transmissions.size(); n++) {
                            BrokerMessage answer = client.receive().message().value();
                            if (!(answer instanceof BrokerMessage.Sok)) {
                                refused.incrementAndGet();
                            }
                            answered.incrementAndGet();
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("re-subscribed %d queues from %d clients in %.1f s (%.0f SUBs/s, %d not SOK); "
                    + "target: 1,000,000 in <= 30 s (%.1f s at this rate); %s%n", answered.get(), clientCount,
                    seconds, answered.get() / seconds, refused.get(), 1_000_000 / (answered.get() / seconds),
                    server.memoryLine());
            for (TestSmpClient client : clients) {
                client.close();
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
