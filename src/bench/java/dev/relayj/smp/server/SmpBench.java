package dev.relayj.smp.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Load figures of the SMP relay on loopback (tools/bench-smp): picks the mode, one class each.
 * Every mode is bounded in time and prints its figures; none of it is a test.
 *
 * <pre>
 * roundtrip [pairs] [seconds]   SEND -> MSG -> ACK at v18: full-size and small batched messages
 * crypto [seconds]              the same cryptographic work per round trip, without network or relay
 * connections [count]           subscribed connections held open
 * queues [count]                heap per queue and restart time from the store log
 * resubscribe [count] [clients] re-subscription of count queues by reconnecting clients (batched SUB)
 * proxy [pairs] [seconds]       private routing through a second relay (PRXY/PFWD/RFWD) against direct SEND
 * paced [seconds]               SEND -> MSG latency at half the measured full-size maximum
 * all                           everything with the defaults
 * </pre>
 */
public final class SmpBench {
    /** The SMP version the benchmark clients speak. */
    static final int VERSION = 18;

    private SmpBench() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "all";
        System.setProperty(dev.relayj.tls.ClientTlsCrypto.BENCH_PROPERTY, "true");
        Path dir = Files.createTempDirectory("bench-smp");
        try {
            switch (mode) {
                case "roundtrip" -> RoundTripBench.run(dir, intArg(args, 1, 8), intArg(args, 2, 20));
                case "crypto" -> CryptoFloorBench.run(intArg(args, 1, 15));
                case "connections" -> ConnectionsBench.run(dir, intArg(args, 1, 10_000));
                case "queues" -> QueuesBench.run(dir, intArg(args, 1, 1_000_000));
                case "resubscribe" -> ResubscribeBench.run(dir, intArg(args, 1, 100_000), intArg(args, 2, 100));
                case "proxy" -> ProxyBench.run(dir, intArg(args, 1, 8), intArg(args, 2, 30));
                case "paced" -> PacedBench.run(dir, intArg(args, 1, 30));
                case "all" -> {
                    RoundTripBench.run(dir.resolve("rt"), 8, 20);
                    CryptoFloorBench.run(15);
                    ConnectionsBench.run(dir.resolve("conn"), 10_000);
                    QueuesBench.run(dir.resolve("q"), 1_000_000);
                }
                default -> {
                    System.err.println("unknown mode " + mode + " (roundtrip, crypto, connections, queues, resubscribe, proxy, paced, all)");
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

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
