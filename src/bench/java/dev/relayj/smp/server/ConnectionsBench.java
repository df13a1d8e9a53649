package dev.relayj.smp.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Many subscribed connections held open on a child-process relay: heap per connection. */
final class ConnectionsBench {
    private ConnectionsBench() {}

    static void run(Path dir, int count) throws Exception {
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
                        TestSmpClient c = TestSmpClient.connect(server.port, SmpBench.VERSION);
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
}
