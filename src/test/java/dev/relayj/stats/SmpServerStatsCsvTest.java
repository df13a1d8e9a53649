package dev.relayj.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The daily CSV row against the text the reference writes: the columns of {@code logServerStats}
 * in simplexmq {@code src/Simplex/Messaging/Server.hs} (lines 576-648 at 92598c2), the date of
 * {@code iso8601Show (utctDay fromTime')} and {@code periodStatCounts} of {@code Server/Stats.hs}.
 */
class SmpServerStatsCsvTest {
    private static final EntityCounts COUNTS = new EntityCounts(61, 62, 63, 64, 65, 66);

    private static byte[] id(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static SmpServerStats statsWithKnownValues() {
        SmpServerStats s = new SmpServerStats(Instant.parse("2024-01-14T00:00:00.25Z"));
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
        s.msgRecvGet.set(30);
        s.msgGet.set(31);
        s.msgGetNoMsg.set(32);
        s.msgGetAuth.set(33);
        s.msgGetDuplicate.set(34);
        s.msgGetProhibited.set(35);
        s.msgExpired.set(36);
        s.msgSentNtf.set(38);
        s.msgRecvNtf.set(39);
        s.msgNtfs.set(41);
        s.msgNtfsB.set(42);
        s.msgNtfNoSub.set(43);
        s.msgNtfLost.set(44);
        s.msgNtfExpired.set(45);
        setProxy(s.pRelays, 101);
        setProxy(s.pRelaysOwn, 111);
        setProxy(s.pMsgFwds, 121);
        setProxy(s.pMsgFwdsOwn, 131);
        s.pMsgFwdsRecv.set(51);
        setService(s.rcvServices, 201);
        setService(s.ntfServices, 211);
        s.qCount.set(54);
        s.msgCount.set(55);
        s.ntfCount.set(56);
        s.activeQueues.update(id("queue-a"));
        s.activeQueues.update(id("queue-b"));
        s.activeQueues.update(id("queue-a"));
        s.activeQueues.update(id("queue-c"));
        s.activeQueuesNtf.update(id("queue-a"));
        s.activeQueuesNtf.update(id("queue-b"));
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

    @Test
    void rowOnMondayCountsDayAndWeekButNotMonth() {
        SmpServerStats s = statsWithKnownValues();
        String row = s.csvRow(Instant.parse("2024-01-15T00:00:00Z"), COUNTS); // a Monday
        assertEquals("2024-01-14,1,2,3,23,28,3,3,,38,39,2,2,,54,55,36,5,6,"
                + "101,102,103,104,105,111,112,113,114,115,121,122,123,124,125,131,132,133,134,135,"
                + "51,8,10,11,12,24,25,26,41,43,44,0,30,31,32,33,34,35,0,0,0,"
                + "61,15,17,19,21,22,62,4,9,13,14,18,20,42,45,56,63,64,65,66,"
                + "201,202,203,204,205,206,207,208,211,212,213,214,215,216,217,218", row);
        assertEquals(96, row.split(",", -1).length);
    }

    @Test
    void rowResetsPeriodCountersAndKeepsGaugesAndServiceCounters() {
        SmpServerStats s = statsWithKnownValues();
        s.csvRow(Instant.parse("2024-01-15T00:00:00Z"), COUNTS);
        String tuesday = s.csvRow(Instant.parse("2024-01-16T00:00:00Z"), COUNTS);
        assertEquals("2024-01-15,0,0,0,0,0,0,,,0,0,0,,,54,55,0,0,0,"
                + "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,"
                + "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,"
                + "61,0,0,0,0,0,62,0,0,0,0,0,0,0,0,56,63,64,65,66,"
                + "201,202,203,204,205,206,207,208,211,212,213,214,215,216,217,218", tuesday);
        // qBlocked is reset but not written; ntfNewCreated and msgSentBlock are neither
        assertEquals(0, s.qBlocked.get());
        assertEquals(16, s.ntfNewCreated.get());
        assertEquals(27, s.msgSentBlock.get());
        assertEquals(Instant.parse("2024-01-16T00:00:00Z"), s.fromTime());
    }

    @Test
    void monthCountIsWrittenAndResetOnTheFirstOfTheMonth() {
        SmpServerStats s = statsWithKnownValues();
        s.csvRow(Instant.parse("2024-01-15T00:00:00Z"), COUNTS);
        s.csvRow(Instant.parse("2024-01-16T00:00:00Z"), COUNTS);
        String first = s.csvRow(Instant.parse("2024-02-01T00:00:00Z"), COUNTS); // a Thursday
        assertEquals("2024-01-16,0,0,0,0,0,0,,3,0,0,0,,2,54,55,0,0,0,"
                + "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,"
                + "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,"
                + "61,0,0,0,0,0,62,0,0,0,0,0,0,0,0,56,63,64,65,66,"
                + "201,202,203,204,205,206,207,208,211,212,213,214,215,216,217,218", first);
        assertEquals(0, s.activeQueues.snapshot().month().length);
        assertEquals(0, s.activeQueues.snapshot().week().length); // emptied on Monday the 15th
    }
}
