package dev.relayj.stats;

import static dev.relayj.stats.SmpCounter.*;

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
        s.counter(MSG_RECV_GET).set(30);
        s.counter(MSG_GET).set(31);
        s.counter(MSG_GET_NO_MSG).set(32);
        s.counter(MSG_GET_AUTH).set(33);
        s.counter(MSG_GET_DUPLICATE).set(34);
        s.counter(MSG_GET_PROHIBITED).set(35);
        s.counter(MSG_EXPIRED).set(36);
        s.counter(MSG_SENT_NTF).set(38);
        s.counter(MSG_RECV_NTF).set(39);
        s.counter(MSG_NTFS).set(41);
        s.counter(MSG_NTFS_B).set(42);
        s.counter(MSG_NTF_NO_SUB).set(43);
        s.counter(MSG_NTF_LOST).set(44);
        s.counter(MSG_NTF_EXPIRED).set(45);
        setProxy(s.pRelays, 101);
        setProxy(s.pRelaysOwn, 111);
        setProxy(s.pMsgFwds, 121);
        setProxy(s.pMsgFwdsOwn, 131);
        s.counter(P_MSG_FWDS_RECV).set(51);
        setService(s.rcvServices, 201);
        setService(s.ntfServices, 211);
        s.counter(Q_COUNT).set(54);
        s.counter(MSG_COUNT).set(55);
        s.counter(NTF_COUNT).set(56);
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
        assertEquals(0, s.counter(Q_BLOCKED).get());
        assertEquals(16, s.counter(NTF_NEW_CREATED).get());
        assertEquals(27, s.counter(MSG_SENT_BLOCK).get());
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
