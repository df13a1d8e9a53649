package dev.relayj.stats;

import static dev.relayj.stats.SmpCounter.*;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the three texts produced from the SMP counters, byte for byte, for one set of values in
 * which every counter differs from every other: the daily CSV row, the state file and the
 * Prometheus metrics file. The expected texts ({@code pinned/*} beside this class) were written
 * by the code before the counters were declared once, so any reordering,
 * renaming or dropped column fails here.
 */
class SmpStatsOutputPinTest {
    private static final Instant FROM = Instant.parse("2024-01-14T00:00:00.25Z");
    private static final Instant AT = Instant.parse("2024-01-15T00:00:00Z"); // a Monday
    private static final EntityCounts COUNTS = new EntityCounts(61, 62, 63, 64, 65, 66);

    /** Every counter set to a value of its own, plus sets and times. */
    static SmpServerStats statsWithDistinctValues() {
        SmpServerStats s = new SmpServerStats(FROM);
        s.counter(Q_CREATED).set(1);
        s.counter(Q_SECURED).set(2);
        s.counter(Q_DELETED_ALL).set(3);
        s.counter(Q_DELETED_ALL_B).set(4);
        s.counter(Q_DELETED_NEW).set(5);
        s.counter(Q_DELETED_SECURED).set(6);
        s.counter(Q_BLOCKED).set(7);
        s.counter(Q_SUB).set(8);
        s.counter(Q_SUB_ALL_B).set(9);
        s.counter(Q_SUB_AUTH).set(10);
        s.counter(Q_SUB_DUPLICATE).set(11);
        s.counter(Q_SUB_PROHIBITED).set(12);
        s.counter(Q_SUB_END).set(13);
        s.counter(Q_SUB_END_B).set(14);
        s.counter(NTF_CREATED).set(15);
        s.counter(NTF_NEW_CREATED).set(16);
        s.counter(NTF_DELETED).set(17);
        s.counter(NTF_DELETED_B).set(18);
        s.counter(NTF_SUB).set(19);
        s.counter(NTF_SUB_B).set(20);
        s.counter(NTF_SUB_AUTH).set(21);
        s.counter(NTF_SUB_DUPLICATE).set(22);
        s.counter(MSG_SENT).set(23);
        s.counter(MSG_SENT_AUTH).set(24);
        s.counter(MSG_SENT_QUOTA).set(25);
        s.counter(MSG_SENT_LARGE).set(26);
        s.counter(MSG_SENT_BLOCK).set(27);
        s.counter(MSG_RECV).set(28);
        s.counter(MSG_RECV_GET).set(29);
        s.counter(MSG_GET).set(30);
        s.counter(MSG_GET_NO_MSG).set(31);
        s.counter(MSG_GET_AUTH).set(32);
        s.counter(MSG_GET_DUPLICATE).set(33);
        s.counter(MSG_GET_PROHIBITED).set(34);
        s.counter(MSG_EXPIRED).set(35);
        s.counter(MSG_SENT_NTF).set(36);
        s.counter(MSG_RECV_NTF).set(37);
        s.counter(MSG_NTFS).set(38);
        s.counter(MSG_NTFS_B).set(39);
        s.counter(MSG_NTF_NO_SUB).set(40);
        s.counter(MSG_NTF_LOST).set(41);
        s.counter(MSG_NTF_EXPIRED).set(42);
        s.counter(P_MSG_FWDS_RECV).set(43);
        s.counter(Q_COUNT).set(44);
        s.counter(MSG_COUNT).set(45);
        s.counter(NTF_COUNT).set(46);
        setProxy(s.pRelays, 101);
        setProxy(s.pRelaysOwn, 111);
        setProxy(s.pMsgFwds, 121);
        setProxy(s.pMsgFwdsOwn, 131);
        setService(s.rcvServices, 201);
        setService(s.ntfServices, 211);
        for (String id : List.of("queue-a", "queue-b", "queue-a", "queue-c")) {
            s.activeQueues.update(id.getBytes(StandardCharsets.US_ASCII));
        }
        s.activeQueuesNtf.update("queue-b".getBytes(StandardCharsets.US_ASCII));
        s.msgRecvAckTimes.record(100, 103);
        s.msgRecvAckTimes.record(100, 147);
        s.msgRecvAckTimes.record(100, 4000);
        return s;
    }

    private static void setProxy(ProxyStats p, long first) {
        p.requests.set(first);
        p.successes.set(first + 1);
        p.errorsConnect.set(first + 2);
        p.errorsCompat.set(first + 3);
        p.errorsOther.set(first + 4);
    }

    private static void setService(ServiceStats s, long first) {
        s.assocNew.set(first);
        s.assocDuplicate.set(first + 1);
        s.assocUpdated.set(first + 2);
        s.assocRemoved.set(first + 3);
        s.subCount.set(first + 4);
        s.subDuplicate.set(first + 5);
        s.subQueues.set(first + 6);
        s.subEnd.set(first + 7);
    }

    private static SmpRealTimeMetrics realTime() {
        TimeBuckets pending = new TimeBuckets();
        pending.record(10, 12);
        pending.record(10, 400);
        return new SmpRealTimeMetrics(List.of(new SmpRealTimeMetrics.PortSockets("5223", 10, 8, 2, 0),
                new SmpRealTimeMetrics.PortSockets("443", 5, 4, 1, 0)), 12, 2,
                new SmpRealTimeMetrics.Subscribers(1, 1, 0), pending.snapshot(),
                new SmpRealTimeMetrics.Subscribers(4, 2, 0), new SmpRealTimeMetrics.Subscribers(3, 1, 1),
                new SmpRealTimeMetrics.LoadedCounts(7, 3, 1, 2, 3));
    }

    private static String pinned(String name) throws IOException {
        try (InputStream in = SmpStatsOutputPinTest.class.getResourceAsStream("pinned/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void stateFileIsUnchanged() throws Exception {
        assertEquals(pinned("smp-server-stats.log"), statsWithDistinctValues().snapshot().encode());
    }

    @Test
    void stateFileReadsBackToTheSameText() throws Exception {
        String text = pinned("smp-server-stats.log");
        assertEquals(text, SmpServerStatsData.parse(text).encode());
    }

    @Test
    void metricsFileIsUnchanged() throws Exception {
        SmpServerStatsData d = statsWithDistinctValues().snapshot();
        assertEquals(pinned("smp-server-metrics.txt"),
                SmpPrometheusMetrics.render(d, COUNTS, realTime(), AT, "6.5.5.0", "set SMP_RTS_OPTIONS"));
    }

    @Test
    void csvRowsAreUnchanged() throws Exception {
        SmpServerStats s = statsWithDistinctValues();
        String rows = s.csvRow(AT, COUNTS) + "\n"
                + s.csvRow(Instant.parse("2024-01-16T00:00:00Z"), COUNTS) + "\n"
                + s.csvRow(Instant.parse("2024-02-01T00:00:00Z"), COUNTS) + "\n";
        assertEquals(pinned("smp-server-stats.daily.log"), rows);
    }
}
