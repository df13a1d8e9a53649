package dev.relayj.smp.server;

import dev.relayj.smp.protocol.MessageLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * SEND -> MSG latency under a paced load (issue 10 target: p99 at most 10 ms at half the measured
 * maximum): a short closed-loop run finds the full-size maximum, then the same pairs send at half of
 * it, evenly spread, without waiting for delivery.
 */
final class PacedBench {
    /** Enough pairs to saturate the relay in the closed loop, as roundtrip's default. */
    private static final int PAIRS = 8;

    private PacedBench() {}

    static void run(Path dir, int seconds) throws Exception {
        Files.createDirectories(dir);
        int full = MessageLimits.maxMessageLength(SmpBench.VERSION);
        int maxSeconds = Math.max(3, seconds / 3);
        int pacedSeconds = Math.max(3, seconds - maxSeconds);
        System.out.println("== paced load: " + PAIRS + " sender/recipient pairs, v" + SmpBench.VERSION + ", full-size ("
                + full + " B), child-process relay");
        try (ServerProcess server = new ServerProcess(dir, List.of("-Xmx2g"))) {
            PairLoad.Result max;
            try (PairLoad load = new PairLoad(server.port, PAIRS, PairLoad.direct(server.port), full, 0)) {
                max = load.measure(3, maxSeconds);
            }
            System.out.printf("full-size (%d B), closed loop (maximum): %7.0f round trips/s  latency p50 %.2f ms, p99 %.2f ms%n",
                    full, max.perSecond(), max.p50Millis(), max.p99Millis());
            double target = max.perSecond() / 2;
            long interval = (long) (PAIRS * 1e9 / target);
            PairLoad.Result paced;
            try (PairLoad load = new PairLoad(server.port, PAIRS, PairLoad.direct(server.port), full, interval)) {
                paced = load.measure(2, pacedSeconds);
            }
            System.out.printf("full-size (%d B), paced at %.0f/s (half):  %7.0f round trips/s  SEND->MSG p50 %.2f ms, p99 %.2f ms"
                    + " (target p99 <= 10 ms)%n", full, target, paced.perSecond(), paced.p50Millis(), paced.p99Millis());
        }
    }
}
