package dev.relayj.smp.server;

import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.Command;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.MessageLimits;
import dev.relayj.smp.protocol.MsgFlags;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** SEND -> MSG -> ACK at v18 through a child-process relay: full-size and small batched messages. */
final class RoundTripBench {
    private RoundTripBench() {}

    static void run(Path dir, int pairs, int seconds) throws Exception {
        Files.createDirectories(dir);
        System.out.println("== round trips: " + pairs + " sender/recipient pairs, v" + SmpBench.VERSION + ", child-process relay");
        CryptoFloors floors = CryptoFloors.measure();
        System.out.println(floors.describe());
        try (ServerProcess server = new ServerProcess(dir, List.of("-Xmx2g"))) {
            int full = MessageLimits.maxMessageLength(SmpBench.VERSION);
            double rate = roundTripRun(server, pairs, 1, full, seconds / 2, "full-size (" + full + " B), 1 per block");
            System.out.println(floors.line(CryptoFloors.FULL_SIZE_ROUND_TRIP, rate));
            rate = roundTripRun(server, pairs, 8, 128, seconds / 2, "small (128 B), 8 SENDs per block");
            System.out.println(floors.line(CryptoFloors.SMALL_ROUND_TRIP, rate));
        }
    }

    /** Returns the round trips per second. */
    private static double roundTripRun(ServerProcess server, int pairs, int queuesPerPair, int size, int seconds,
            String label) throws Exception {
        List<TestSmpClient> clients = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<AckingRecipient> recipients = new ConcurrentLinkedQueue<>();
        AtomicLong delivered = new AtomicLong();
        AtomicLong measuring = new AtomicLong(Long.MAX_VALUE);
        List<Thread> threads = new ArrayList<>();
        try {
            CountDownLatch ready = new CountDownLatch(pairs);
            for (int p = 0; p < pairs; p++) {
                TestSmpClient r = TestSmpClient.connect(server.port, SmpBench.VERSION);
                TestSmpClient s = TestSmpClient.connect(server.port, SmpBench.VERSION);
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
                AckingRecipient acking = new AckingRecipient(r, byRecipient, inFlight, delivered, measuring);
                recipients.add(acking);
                threads.add(Thread.ofPlatform().daemon().start(() -> acking.receiveLoop(running)));
                threads.add(Thread.ofPlatform().daemon().start(() -> sendLoop(s, queues, inFlight, running, size)));
                ready.countDown();
            }
            ready.await();
            Thread.sleep(3000); // warm-up, not measured
            long startCount = delivered.get();
            long startAllocated = server.allocatedBytes();
            long start = System.nanoTime();
            measuring.set(start);
            Thread.sleep(seconds * 1000L);
            long count = delivered.get() - startCount;
            double elapsed = (System.nanoTime() - start) / 1e9;
            long allocated = server.allocatedBytes() - startAllocated;
            running.set(false);
            long[] all = recipients.stream().flatMapToLong(a -> Arrays.stream(a.latencies()).filter(v -> v > 0)).sorted()
                    .toArray();
            System.out.printf("%-40s %9.0f round trips/s  (%.1f MB/s of bodies)  latency p50 %.2f ms, p99 %.2f ms%n",
                    label, count / elapsed, count * (double) size / elapsed / 1e6,
                    percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6);
            System.out.printf("  relay allocated %.1f KB per round trip%n", count == 0 ? Double.NaN : allocated / 1e3 / count);
            System.out.println("  with " + pairs * 2 + " connections held: " + server.memoryLine());
            return count / elapsed;
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
}
