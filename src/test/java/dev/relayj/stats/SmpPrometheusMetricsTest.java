package dev.relayj.stats;

import static dev.relayj.stats.SmpCounter.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SMP metrics text of the reference's {@code Server/Prometheus.hs}. */
class SmpPrometheusMetricsTest {
    private static final Instant AT = Instant.parse("2026-01-15T10:20:30Z");
    private static final String TS = " " + AT.toEpochMilli();

    private static String render(SmpServerStats stats, SmpRealTimeMetrics rt) {
        return SmpPrometheusMetrics.render(stats.snapshot(), new EntityCounts(7, 3, 0, 0, 0, 0), rt, AT, "6.5.5.0",
                "set SMP_RTS_OPTIONS");
    }

    private static SmpRealTimeMetrics realTime(TimeBucketsData delivered) {
        return new SmpRealTimeMetrics(List.of(new SmpRealTimeMetrics.PortSockets("5223", 10, 8, 2, 0)), 12, 2,
                new SmpRealTimeMetrics.Subscribers(1, 1, 0), delivered, new SmpRealTimeMetrics.Subscribers(4, 2, 0),
                new SmpRealTimeMetrics.Subscribers(0, 0, 0), new SmpRealTimeMetrics.LoadedCounts(7, 3, 0, 0, 0));
    }

    @Test
    void writesTheReferenceLayout() {
        SmpServerStats stats = new SmpServerStats(Instant.parse("2026-01-01T00:00:00Z"));
        stats.add(Q_CREATED, 5);
        stats.add(Q_DELETED_ALL, 2);
        stats.counter(Q_COUNT).set(3);
        String text = render(stats, realTime(TimeBucketsData.EMPTY));
        assertTrue(text.startsWith("# Recorded at: 2026-01-15T10:20:30Z\n"
                + "# Stats from: 2026-01-01T00:00:00Z\n"
                + "\n"
                + "# Queues\n"
                + "# ------\n"
                + "\n"
                + "# HELP simplex_smp_queues_created Created queues\n"
                + "# TYPE simplex_smp_queues_created counter\n"
                + "simplex_smp_queues_created 5" + TS + "\n"
                + "# qCreated\n"
                + "\n"
                + "# HELP simplex_smp_queues_secured Secured queues\n"
                + "# TYPE simplex_smp_queues_secured counter\n"
                + "simplex_smp_queues_secured 0" + TS + "\n"
                + "# qSecured\n"
                + "\n"
                + "# HELP simplex_smp_queues_deleted Deleted queues\n"
                + "# TYPE simplex_smp_queues_deleted counter\n"
                + "simplex_smp_queues_deleted{type=\"all\"} 2" + TS + "\n"
                + "# qDeleted\n"), text);
        assertTrue(text.contains("\nsimplex_smp_queues_total1 3" + TS + "\n# qCount\n"), text);
        assertTrue(text.contains("\nsimplex_smp_queues_total2 7" + TS + "\n# qCount2\n"), text);
        assertTrue(text.contains("\nsimplex_smp_queues_daily 0" + TS + "\n# dayMsgQueues\n"), text);
        assertTrue(text.contains("\n# Services\n# --------\n# HELP simplex_smp_rcv_services_count "), text);
        assertTrue(text.contains("\nsimplex_smp_relay_sessions_errors{source=\"own\",type=\"other\"} 0" + TS
                + "\n# pRelaysOwn_pErrorsOther\n"), text);
        assertTrue(text.contains("# TYPE simplex_smp_info gauge\n"
                + "simplex_smp_info{version=\"6.5.5.0\",rts_options=\"set SMP_RTS_OPTIONS\"} 1\n\n"
                + "# HELP simplex_smp_sockets_accepted Accepted sockets\n"
                + "# TYPE simplex_smp_sockets_accepted gauge\n"
                + "simplex_smp_sockets_accepted{port=\"5223\"} 10" + TS + "\n\n"), text);
        assertTrue(text.contains("\nsimplex_smp_threads_total 12" + TS + "\n\n# HELP simplex_smp_clients_total Clients\n"
                + "# TYPE simplex_smp_clients_total gauge\nsimplex_smp_clients_total 2" + TS + "\n\n"), text);
        assertTrue(text.contains("\nsimplex_smp_subscribtion_total 4" + TS + "\n# smp.subsCount\n"), text);
        assertTrue(text.endsWith("simplex_smp_loaded_queues_ntf_lock_count 0" + TS
                + "\n# loadedCounts.notifierLockCount\n"), text);
    }

    @Test
    void histogramBucketsAccumulateAndFillGaps() {
        SmpServerStats stats = new SmpServerStats(AT);
        stats.add(MSG_RECV, 3);
        stats.msgRecvAckTimes.record(100, 101);
        stats.msgRecvAckTimes.record(100, 102);
        stats.msgRecvAckTimes.record(100, 500);
        TimeBucketsData ack = stats.snapshot().msgRecvAckTimes();
        String text = render(stats, realTime(TimeBucketsData.EMPTY));
        StringBuilder expected = new StringBuilder();
        long prev = 0;
        long total = 0;
        for (var b : ack.buckets().entrySet()) {
            if (b.getKey() - 60 > prev) {
                expected.append("simplex_smp_delivery_ack_confirmed_time_bucket{le=\"").append(b.getKey() - 60)
                        .append("\"} ").append(total).append(TS).append('\n');
            }
            total += b.getValue();
            expected.append("simplex_smp_delivery_ack_confirmed_time_bucket{le=\"").append(b.getKey()).append("\"} ")
                    .append(total).append(TS).append('\n');
            prev = b.getKey();
        }
        assertTrue(text.contains("simplex_smp_delivery_ack_confirmed_time_sum 403" + TS + "\n"
                + "simplex_smp_delivery_ack_confirmed_time_count 3" + TS + "\n"
                + expected
                + "simplex_smp_delivery_ack_confirmed_time_bucket{le=\"+Inf\"} 3" + TS + "\n\n"), text);
        assertEquals(3, ack.buckets().size(), ack.buckets().toString());
        // the reference sums bucket counts by their value: counts 1, 1 and 1 all fall in 0-60
        assertTrue(text.contains("simplex_smp_delivery_ack_confirmed_count{period=\"0-60\"} 3" + TS + "\n"
                + "simplex_smp_delivery_ack_confirmed_count{period=\"60-300\"} 0" + TS + "\n"
                + "simplex_smp_delivery_ack_confirmed_count{period=\"300-1200\"} 0" + TS + "\n"
                + "simplex_smp_delivery_ack_confirmed_count{period=\"1200-3600\"} 0" + TS + "\n"
                + "simplex_smp_delivery_ack_confirmed_count{period=\"3600+\"} 0" + TS + "\n\n"), text);
    }
}
