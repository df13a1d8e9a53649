package dev.relayj.stats;

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

    /** Every counter set to a value of its own , plus sets and times. */
    static SmpServerStats statsWithDistinctValues() {
        SmpServerStats s = new SmpServerStats(FROM);
        s.qCreated.set(1);
        s.qSecured.set(2);
        s.qDeletedAll.set(3);
        s.qDeletedAllB.set(4);
        s.qDeletedNew.set(5);
        s.qDeletedSecured.set(6);
        s.qBlocked.set(7);
        s.qSub.set(8);
        s.qSubAllB.set(9);
        s.qSubAuth.set(10);
        s.qSubDuplicate.set(11);
        s.qSubProhibited.set(12);
        s.qSubEnd.set(13);
        s.qSubEndB.set(14);
        s.ntfCreated.set(15);
        s.ntfNewCreated.set(16);
        s.ntfDeleted.set(17);
        s.ntfDeletedB.set(18);
        s.ntfSub.set(19);
        s.ntfSubB.set(20);
        s.ntfSubAuth.set(21);
        s.ntfSubDuplicate.set(22);
        s.msgSent.set(23);
        s.msgSentAuth.set(24);
        s.msgSentQuota.set(25);
        s.msgSentLarge.set(26);
        s.msgSentBlock.set(27);
        s.msgRecv.set(28);
        s.msgRecvGet.set(29);
        s.msgGet.set(30);
        s.msgGetNoMsg.set(31);
        s.msgGetAuth.set(32);
        s.msgGetDuplicate.set(33);
        s.msgGetProhibited.set(34);
        s.msgExpired.set(35);
        s.msgSentNtf.set(36);
        s.msgRecvNtf.set(37);
        s.msgNtfs.set(38);
        s.msgNtfsB.set(39);
        s.msgNtfNoSub.set(40);
        s.msgNtfLost.set(41);
        s.msgNtfExpired.set(42);
        s.pMsgFwdsRecv.set(43);
        s.qCount.set(44);
        s.msgCount.set(45);
        s.ntfCount.set(46);
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
