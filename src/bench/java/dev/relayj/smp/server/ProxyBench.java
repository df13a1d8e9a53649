package dev.relayj.smp.server;

import dev.relayj.smp.protocol.MessageLimits;
import dev.relayj.smp.protocol.SmpServerAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Private message routing (issue 10 target: at least 50 % of the direct rate): senders reach the
 * recipients' relay through a second relay (PRXY, then each SEND inside PFWD, forwarded as RFWD, as
 * the reference's proxySMPCommand in Client.hs), and, in the same run, the same pairs SEND to the
 * destination directly. Both relays are child processes.
 */
final class ProxyBench {
    private ProxyBench() {}

    static void run(Path dir, int pairs, int seconds) throws Exception {
        int half = Math.max(1, seconds / 2);
        int full = MessageLimits.maxMessageLength(SmpBench.VERSION);
        System.out.println("== private routing: " + pairs + " sender/recipient pairs, v" + SmpBench.VERSION
                + ", full-size (" + full + " B), proxy and destination relays in child processes");
        try (ServerProcess destination = new ServerProcess(Files.createDirectories(dir.resolve("destination")), List.of("-Xmx1g"));
                ServerProcess proxy = new ServerProcess(Files.createDirectories(dir.resolve("proxy")), List.of("-Xmx1g"))) {
            PairLoad.Result direct;
            try (PairLoad load = new PairLoad(destination.port, pairs, PairLoad.direct(destination.port), full, 0)) {
                direct = load.measure(3, half);
            }
            print(full, "direct to the destination", direct);
            PairLoad.Result proxied;
            try (PairLoad load = new PairLoad(destination.port, pairs, proxied(proxy.port, destination.port), full, 0)) {
                proxied = load.measure(3, half);
            }
            print(full, "via the proxy relay (PFWD/RFWD)", proxied);
            System.out.printf("private routing / direct: %.0f %% (target >= 50 %%)%n",
                    100 * proxied.perSecond() / direct.perSecond());
            System.out.println("  proxy " + proxy.memoryLine() + "; destination " + destination.memoryLine());
        }
    }

    private static void print(int size, String label, PairLoad.Result r) {
        System.out.printf("full-size (%d B), %-33s %7.0f round trips/s  latency p50 %.2f ms, p99 %.2f ms%n", size,
                label + ":", r.perSecond(), r.p50Millis(), r.p99Millis());
    }

    /** Each sender its own connection to the proxy and its own PRXY session with the destination. */
    private static PairLoad.SenderFactory proxied(int proxyPort, int destinationPort) {
        SmpServerAddress address = ProxiedSender.address(destinationPort);
        return () -> {
            ProxiedSender sender = new ProxiedSender(proxyPort);
            ProxiedSender.Session session;
            try {
                session = sender.connect(address, null);
            } catch (IOException | RuntimeException | AssertionError e) {
                sender.close();
                throw new IOException("PRXY to the destination failed: " + e, e);
            }
            return new PairLoad.Sender() {
                @Override
                public dev.relayj.smp.protocol.BrokerMessage send(TestSmpClient.TestQueue queue, byte[] body)
                        throws IOException {
                    return sender.send(session, null, queue.sndId(), body);
                }

                @Override
                public void close() throws IOException {
                    sender.close();
                }
            };
        };
    }
}
