package dev.relayj.smp.server;

import dev.relayj.stats.MetricsFileWriter;
import dev.relayj.stats.SmpPrometheusMetrics;
import dev.relayj.stats.SmpRealTimeMetrics;
import dev.relayj.stats.TimeBuckets;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The Prometheus metrics file of {@code [STORE_LOG] prometheus_interval} ({@code savePrometheusMetrics},
 * {@code getServerMetrics} and {@code getRealTimeMetrics} in Server.hs): counters from the stats,
 * live figures from the server's clients, subscribers and sockets.
 */
final class SmpMetricsFile {
    private static final System.Logger LOG = System.getLogger(SmpMetricsFile.class.getName());
    /** As the banner shows the version ({@code simplexMQVersion}). */
    static final String VERSION = "6.5.5.0";

    private SmpMetricsFile() {}

    static Optional<MetricsFileWriter> start(SmpServerConfig config, RelayEnv env, SmpServerControl control,
            SocketCounters sockets, Clock clock) {
        SmpServerConfig.Stats stats = config.stats();
        if (stats.prometheusInterval().isEmpty()) {
            return Optional.empty();
        }
        long seconds = stats.prometheusInterval().get().toSeconds();
        LOG.log(Level.INFO, "Prometheus metrics saved every " + seconds + " seconds to " + stats.prometheusMetricsFile());
        String rts = Optional.ofNullable(System.getenv(SmpPrometheusMetrics.RTS_OPTIONS_ENV))
                .orElse("set " + SmpPrometheusMetrics.RTS_OPTIONS_ENV);
        MetricsFileWriter writer = new MetricsFileWriter(stats.prometheusMetricsFile(), clock, seconds,
                at -> SmpPrometheusMetrics.render(env.stats.snapshot(), control.entityCounts(),
                        realTime(env, sockets, at), at, VERSION, rts));
        writer.start();
        return Optional.of(writer);
    }

    static SmpRealTimeMetrics realTime(RelayEnv env, SocketCounters sockets, Instant at) {
        long now = at.getEpochSecond();
        long deliveredSubs = 0;
        long deliveredClients = 0;
        TimeBuckets deliveredTimes = new TimeBuckets();
        int clients = 0;
        for (ClientSession client : env.clients()) {
            clients++;
            long count = 0;
            for (Subscription sub : client.subscriptions().values()) {
                Subscription.Delivered delivered = sub.delivered();
                if (delivered != null) {
                    count++;
                    deliveredTimes.record(delivered.deliveredAt(), now);
                }
            }
            if (count > 0) {
                deliveredSubs += count;
                deliveredClients++;
            }
        }
        var counts = env.queueStore.entityCounts();
        return new SmpRealTimeMetrics(
                sockets.sockets().stream().map(p -> new SmpRealTimeMetrics.PortSockets(p.port(), p.accepted(),
                        p.closed(), p.active(), p.leaked())).toList(),
                Thread.getAllStackTraces().size(),
                clients,
                new SmpRealTimeMetrics.Subscribers(deliveredSubs, deliveredClients, 0),
                deliveredTimes.snapshot(),
                subscribers(env.subscribers),
                subscribers(env.ntfSubscribers),
                new SmpRealTimeMetrics.LoadedCounts(counts.queueCount(), counts.notifierCount(), 0, 0, 0));
    }

    private static SmpRealTimeMetrics.Subscribers subscribers(Subscribers subscribers) {
        // service subscriptions are not served yet: no service subscribers
        return new SmpRealTimeMetrics.Subscribers(subscribers.entries().size(),
                subscribers.subscribedClientIds().size(), 0);
    }
}
