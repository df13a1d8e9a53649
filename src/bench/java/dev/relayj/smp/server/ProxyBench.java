package dev.relayj.smp.server;

import dev.relayj.smp.protocol.MessageLimits;
import dev.relayj.smp.server.PairLoad.SenderFactory;
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
        int full = MessageLimits.maxMessageLength(SmpBench.VERSION);
        System.out.println("== private routing: " + pairs + " sender/recipient pairs, v" + SmpBench.VERSION
                + ", full-size (" + full + " B), proxy and destination relays in child processes");
        try (ServerProcess destination = new ServerProcess(Files.createDirectories(dir.resolve("destination")), List.of("-Xmx1g"));
                ServerProcess proxy = new ServerProcess(Files.createDirectories(dir.resolve("proxy")), List.of("-Xmx1g"))) {
            // both relays' JVMs warm up on both paths first, so that neither measure pays for the JIT;
            // then the two alternate, so that a change in the machine's other load touches both alike
            SenderFactory directly = PairLoad.direct(destination.port);
            SenderFactory viaProxy = proxied(proxy.port, destination.port);
            measure(destination.port, pairs, directly, full, 4, 0);
            measure(destination.port, pairs, viaProxy, full, 4, 0);
            int quarter = Math.max(1, seconds / 4);
            PairLoad.Result direct = measure(destination.port, pairs, directly, full, 2, quarter);
            PairLoad.Result proxied = measure(destination.port, pairs, viaProxy, full, 2, quarter);
            direct = direct.plus(measure(destination.port, pairs, directly, full, 2, quarter));
            proxied = proxied.plus(measure(destination.port, pairs, viaProxy, full, 2, quarter));
            print(full, "direct to the destination", direct);
            print(full, "via the proxy relay (PFWD/RFWD)", proxied);
            System.out.printf("private routing / direct: %.0f %% (target >= 50 %%)%n",
                    100 * proxied.perSecond() / direct.perSecond());
            System.out.println("  proxy " + proxy.memoryLine() + "; destination " + destination.memoryLine());
        }
    }

    private static PairLoad.Result measure(int port, int pairs, SenderFactory senders, int size, int warmUpSeconds,
            int seconds) throws Exception {
        try (PairLoad load = new PairLoad(port, pairs, senders, size, 0)) {
            return load.measure(warmUpSeconds, seconds);
        }
    }

    private static void print(int size, String label, PairLoad.Result r) {
        System.out.printf("full-size (%d B), %-33s %7.0f round trips/s  latency p50 %.2f ms, p99 %.2f ms%n", size,
                label + ":", r.perSecond(), r.p50Millis(), r.p99Millis());
    }

    /** Each sender its own connection to the proxy and its own PRXY session with the destination. */
    private static SenderFactory proxied(int proxyPort, int destinationPort) {
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
