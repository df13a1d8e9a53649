package dev.relayj.smp.server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The relay under benchmark, in its own JVM so that its heap and RSS are its own: prints
 * {@code port N}, answers {@code mem} with {@code heap <bytes> rss <bytes>} (heap after a GC), and
 * {@code alloc} with {@code allocated <bytes>} (since the
 * start, all threads), and stops cleanly at {@code quit} or the end of standard input.
 */
public final class BenchServer {
    /** Larger quota than the reference's tests, so a closed-loop sender never meets QUOTA. */
    static final ServerTuning TUNING = new ServerTuning(1024, 128, Duration.ofMillis(100), Duration.ofMillis(100),
            Duration.ofSeconds(1), Clock.systemUTC());

    private BenchServer() {}

    public static void main(String[] args) throws Exception {
        try (TestServer server = TestServer.start(Path.of(args[0]), TestServer.config(Path.of(args[0]),
                TestServer.Settings.DEFAULT), TUNING)) {
            serveUntilQuit(server.port());
        }
    }

    /**
     * Says {@code port N} on standard output, then answers {@code mem} and {@code alloc} until {@code quit} or the end
     * of standard input: the child's side of {@link ServerProcess}.
     */
    public static void serveUntilQuit(int port) throws java.io.IOException {
        System.out.println("port " + port);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.equals("quit")) {
            if (line.equals("mem")) {
                System.out.println("heap " + Memory.heapAfterGc() + " rss " + Memory.rss());
            } else if (line.equals("alloc")) {
                System.out.println("allocated " + Memory.allocatedBytes());
            }
            System.out.flush();
        }
    }
}
