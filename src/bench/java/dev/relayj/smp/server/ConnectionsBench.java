package dev.relayj.smp.server;

import dev.relayj.crypto.Hashes;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.Command;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many subscribed connections held open on a child-process relay (TLS, SMP handshake, a queue
 * created and subscribed on each): the rate they open at against its crypto floor, heap and RSS
 * per connection, and a PING round trip on a sample of them while all are held.
 */
final class ConnectionsBench {
    /** Connections per loopback source address: fewer than its ephemeral ports (32768–60999). */
    private static final int PER_SOURCE_ADDRESS = 20_000;
    private static final int PING_SAMPLE = 1000;

    /** Connections opened and closed before the measured ones. */
    private static final int WARM_UP = 1000;

    private ConnectionsBench() {}

    static void run(Path dir, int count) throws Exception {
        Files.createDirectories(dir);
        System.out.println("== " + count + " concurrent subscribed connections (open files: see the first line of "
                + "bench-smp)");
        CryptoFloors floors = CryptoFloors.measure();
        System.out.println(floors.describe());
        // an Ed25519 identity, as `smp-server init` makes by default (the reference's test fixtures'
        // default is Ed448, whose signatures cost several Ed25519 ones)
        for (String file : List.of("ca.crt", "server.crt", "server.key")) {
            Files.copy(TestServer.FIXTURES.resolve("ed25519").resolve(file), dir.resolve(file),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        byte[] keyHash = Hashes.sha256(TestSmpClient.TestCertificates.der("ed25519/ca.crt"));
        try (ServerProcess server = new ServerProcess(dir, List.of("-Xmx6g"))) {
            // warm-up, not measured: the relay's handshake code is compiled by the JIT in the first
            // thousand connections, which would otherwise take half its CPU in a short run
            Opened warmUp = open(server, Math.min(WARM_UP, count), keyHash, 1);
            closeAll(warmUp.clients());
            Thread.sleep(2000);
            long[] before = server.memory();
            long start = System.nanoTime();
            Opened opened = open(server, count, keyHash, 0);
            double elapsed = (System.nanoTime() - start) / 1e9;
            int held = opened.clients().size() - opened.failures();
            double rate = opened.started() / elapsed;
            System.out.printf("%d connections with a subscribed queue each in %.1f s (%.0f connections/s, after %d "
                    + "not measured), %d failed%n", held, elapsed, rate, Math.min(WARM_UP, count), opened.failures());
            System.out.println(floors.line(CryptoFloors.CONNECTION, rate));
            long[] after = server.memory();
            System.out.printf("held: server heap %s, RSS %s; per connection: %.1f KiB heap (target <= 20), %.1f KiB RSS%n",
                    Memory.mib(after[0]), Memory.mib(after[1]), (after[0] - before[0]) / 1024.0 / Math.max(1, held),
                    (after[1] - before[1]) / 1024.0 / Math.max(1, held));
            pingSample(new ArrayList<>(opened.clients()));
            closeAll(opened.clients());
        }
    }

    /** Connections opened (each with a subscribed queue), how many were started and how many failed. */
    private record Opened(ConcurrentLinkedQueue<TestSmpClient> clients, int started, int failures) {}

    /**
     * Opens {@code count} connections, 64 at a time, each creating a subscribed queue; source
     * addresses 127.0.{@code network}.2 and up, a few thousand connections each.
     */
    private static Opened open(ServerProcess server, int count, byte[] keyHash, int network) throws Exception {
        ConcurrentLinkedQueue<TestSmpClient> opened = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MINUTES.toNanos(20);
        Semaphore parallel = new Semaphore(64);
        int started = 0;
        for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
            InetAddress source = InetAddress.getByAddress(
                    new byte[] {127, 0, (byte) network, (byte) (2 + i / PER_SOURCE_ADDRESS)});
            parallel.acquire();
            started++;
            Thread.ofVirtual().start(() -> {
                try {
                    TestSmpClient c = TestSmpClient.connect(server.port, SmpBench.VERSION, true, keyHash, source);
                    opened.add(c);
                    c.createQueue();
                } catch (Exception | AssertionError e) {
                    if (failures.incrementAndGet() <= 3) {
                        System.out.println("connection failed: " + e);
                    }
                } finally {
                    parallel.release();
                }
            });
            if ((i + 1) % 10_000 == 0) {
                System.out.printf("  %d started in %.0f s%n", i + 1, (System.nanoTime() - start) / 1e9);
            }
        }
        parallel.acquire(64);
        return new Opened(opened, started, failures.get());
    }

    private static void closeAll(Iterable<TestSmpClient> clients) {
        for (TestSmpClient c : clients) {
            try {
                c.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /** Every held connection is still served: PING on a random sample, all at once. */
    private static void pingSample(List<TestSmpClient> clients) throws InterruptedException {
        Collections.shuffle(clients, new Random(1));
        List<TestSmpClient> sample = clients.subList(0, Math.min(PING_SAMPLE, clients.size()));
        AtomicInteger pongs = new AtomicInteger();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (TestSmpClient c : sample) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    if (c.call(EntityId.NONE, Command.PING, null) == BrokerMessage.PONG) {
                        pongs.incrementAndGet();
                    }
                } catch (IOException | RuntimeException | AssertionError e) {
                    // counted as missing
                }
            }));
        }
        for (Thread t : threads) {
            t.join(60_000);
        }
        System.out.printf("PING on %d sampled connections while all are held: %d PONG in %.0f ms%n", sample.size(),
                pongs.get(), (System.nanoTime() - start) / 1e6);
    }
}
