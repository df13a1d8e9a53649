package dev.relayj.stats;

import static dev.relayj.stats.SmpCounter.*;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state file {@code smp-server-stats.log}, written by hand in the reference's format:
 * {@code instance StrEncoding ServerStatsData} (simplexmq {@code Server/Stats.hs} line 483 at
 * 92598c2), {@code PeriodStatsData} (line 725), {@code ProxyStatsData} (829) and
 * {@code ServiceStatsData} (963, with its {@code assocUpdatedt=} key).
 */
class SmpServerStatsDataTest {
    static final String CURRENT = """
            fromTime=2024-01-14T00:00:00.25Z
            qCreated=1
            qSecured=2
            qDeletedAll=3
            qDeletedNew=5
            qDeletedSecured=6
            qDeletedAllB=4
            qBlocked=7
            qCount=54
            qSub=8
            qSubAllB=9
            qSubAuth=10
            qSubDuplicate=11
            qSubProhibited=12
            qSubEnd=13
            qSubEndB=14
            ntfCreated=15
            ntfNewCreated=16
            ntfDeleted=17
            ntfDeletedB=18
            ntfSub=19
            ntfSubB=20
            ntfSubAuth=21
            ntfSubDuplicate=22
            msgSent=23
            msgSentAuth=24
            msgSentQuota=25
            msgSentLarge=26
            msgSentBlock=27
            msgRecv=28
            msgRecvGet=30
            msgGet=31
            msgGetNoMsg=32
            msgGetAuth=33
            msgGetDuplicate=34
            msgGetProhibited=35
            msgExpired=36
            msgSentNtf=38
            msgRecvNtf=39
            msgNtfs=41
            msgNtfsB=42
            msgNtfNoSub=43
            msgNtfLost=44
            msgNtfExpired=45
            activeQueues:
            dayHashes=-5,3,17
            weekHashes=-5,3,17,99
            monthHashes=-9000000000000000000,-5,3,17,99
            activeQueuesNtf:
            dayHashes=
            weekHashes=3
            monthHashes=3
            pRelays:
            requests=101
            successes=102
            errorsConnect=103
            errorsCompat=104
            errorsOther=105
            pRelaysOwn:
            requests=111
            successes=112
            errorsConnect=113
            errorsCompat=114
            errorsOther=115
            pMsgFwds:
            requests=121
            successes=122
            errorsConnect=123
            errorsCompat=124
            errorsOther=125
            pMsgFwdsOwn:
            requests=131
            successes=132
            errorsConnect=133
            errorsCompat=134
            errorsOther=135
            pMsgFwdsRecv=51
            rcvServices:
            assocNew=201
            assocDuplicate=202
            assocUpdatedt=203
            assocRemoved=204
            subCount=205
            subDuplicate=206
            subQueues=207
            subEnd=208
            ntfServices:
            assocNew=211
            assocDuplicate=212
            assocUpdatedt=213
            assocRemoved=214
            subCount=215
            subDuplicate=216
            subQueues=217
            subEnd=218
            """;

    @Test
    void parsesEveryFieldOfTheCurrentFormat() throws Exception {
        SmpServerStatsData d = SmpServerStatsData.parse(CURRENT);
        assertEquals(Instant.parse("2024-01-14T00:00:00.250Z"), d.fromTime());
        assertEquals(1, d.get(Q_CREATED));
        assertEquals(3, d.get(Q_DELETED_ALL));
        assertEquals(4, d.get(Q_DELETED_ALL_B));
        assertEquals(5, d.get(Q_DELETED_NEW));
        assertEquals(7, d.get(Q_BLOCKED));
        assertEquals(54, d.get(Q_COUNT));
        assertEquals(16, d.get(NTF_NEW_CREATED));
        assertEquals(27, d.get(MSG_SENT_BLOCK));
        assertEquals(45, d.get(MSG_NTF_EXPIRED));
        assertArrayEquals(new long[] {-5, 3, 17}, d.activeQueues().day());
        assertArrayEquals(new long[] {-9000000000000000000L, -5, 3, 17, 99}, d.activeQueues().month());
        assertArrayEquals(new long[0], d.activeQueuesNtf().day());
        assertEquals(new ProxyStatsData(121, 122, 123, 124, 125), d.pMsgFwds());
        assertEquals(51, d.get(P_MSG_FWDS_RECV));
        assertEquals(new ServiceStatsData(201, 202, 203, 204, 205, 206, 207, 208), d.rcvServices());
        assertEquals(new ServiceStatsData(211, 212, 213, 214, 215, 216, 217, 218), d.ntfServices());
        assertEquals(0, d.get(MSG_COUNT)); // not saved
        assertEquals(0, d.get(NTF_COUNT));
    }

    @Test
    void encodesExactlyAsTheReference() throws Exception {
        assertEquals(CURRENT, SmpServerStatsData.parse(CURRENT).encode());
    }

    @Test
    void restoresFromTheStateFileAndKeepsItAsBak(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("smp-server-stats.log");
        Files.writeString(path, CURRENT);
        SmpServerStats stats = new SmpServerStats(Instant.EPOCH);
        SmpServerStatsData d = stats.restoreFrom(new StatsStateFile(path)).orElseThrow();
        assertEquals(23, d.get(MSG_SENT));
        assertEquals(23, stats.counter(MSG_SENT).get());
        assertEquals(213, stats.ntfServices.assocUpdated.get());
        assertEquals(Instant.parse("2024-01-14T00:00:00.25Z"), stats.fromTime());
        assertFalse(Files.exists(path));
        assertEquals(CURRENT, Files.readString(dir.resolve("smp-server-stats.log.bak")));

        stats.saveTo(new StatsStateFile(path));
        assertEquals(CURRENT, Files.readString(path));
    }

    @Test
    void noStateFileRestoresNothing(@TempDir Path dir) throws Exception {
        SmpServerStats stats = new SmpServerStats(Instant.EPOCH);
        assertTrue(stats.restoreFrom(new StatsStateFile(dir.resolve("smp-server-stats.log"))).isEmpty());
    }

    @Test
    void readsTheOldestFormat() throws Exception {
        // before qDeletedNew/Secured, optional counters, proxy and service stats; period sets inline
        String old = """
                fromTime=2023-05-01T10:00:00Z
                qCreated=10
                qSecured=9
                qDeleted=8
                qSub=7
                qSubNoMsg=6
                msgSent=5
                msgRecv=4
                dayMsgQueues=2,1
                weekMsgQueues=1,2,3
                monthMsgQueues=1,2,3,4""";
        SmpServerStatsData d = SmpServerStatsData.parse(old);
        assertEquals(Instant.parse("2023-05-01T10:00:00Z"), d.fromTime());
        assertEquals(8, d.get(Q_DELETED_ALL));
        assertEquals(0, d.get(Q_DELETED_NEW));
        assertEquals(0, d.get(Q_DELETED_SECURED));
        assertEquals(7, d.get(Q_SUB));
        assertEquals(0, d.get(Q_SUB_ALL_B));
        assertEquals(5, d.get(MSG_SENT));
        assertEquals(4, d.get(MSG_RECV));
        assertEquals(0, d.get(MSG_GET));
        assertArrayEquals(new long[] {1, 2}, d.activeQueues().day());
        assertArrayEquals(new long[] {1, 2, 3, 4}, d.activeQueues().month());
        assertArrayEquals(new long[0], d.activeQueuesNtf().week());
        assertEquals(ProxyStatsData.ZERO, d.pRelays());
        assertEquals(ServiceStatsData.ZERO, d.ntfServices());
    }

    @Test
    void readsIdSetsAndSkipsSubscribedQueues() throws Exception {
        // "day=" lists base64url ids that are hashed on load; subscribedQueues is dropped
        String withIds = """
                fromTime=2023-09-01T00:00:00.5Z
                qCreated=1
                qSecured=1
                qDeletedAll=0
                qDeletedNew=0
                qDeletedSecured=0
                msgSent=3
                msgRecv=2
                activeQueues:
                day=YWJj,ZGVm
                week=YWJj
                month=
                subscribedQueues:
                dayHashes=1
                weekHashes=1
                monthHashes=1
                pRelays:
                requests=1
                successes=1
                errorsConnect=0
                errorsCompat=0
                errorsOther=0
                pMsgFwdsRecv=4
                """;
        SmpServerStatsData d = SmpServerStatsData.parse(withIds);
        long abc = IdHash.of("abc".getBytes(StandardCharsets.US_ASCII));
        long def = IdHash.of("def".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(new long[] {Math.min(abc, def), Math.max(abc, def)}, d.activeQueues().day());
        assertArrayEquals(new long[] {abc}, d.activeQueues().week());
        assertArrayEquals(new long[0], d.activeQueues().month());
        assertEquals(new ProxyStatsData(1, 1, 0, 0, 0), d.pRelays());
        assertEquals(ProxyStatsData.ZERO, d.pRelaysOwn());
        assertEquals(4, d.get(P_MSG_FWDS_RECV));
    }

    @Test
    void badFileNamesTheLine(@TempDir Path dir) throws Exception {
        StatsFormatException e = assertThrows(StatsFormatException.class,
                () -> SmpServerStatsData.parse(CURRENT.replace("msgSent=23", "msgSent=2x3")));
        assertTrue(e.getMessage().startsWith("line 25: "), e.getMessage());

        e = assertThrows(StatsFormatException.class,
                () -> SmpServerStatsData.parse(CURRENT.replace("msgRecv=28\n", "")));
        assertTrue(e.getMessage().contains("expected msgRecv="), e.getMessage());

        assertThrows(StatsFormatException.class, () -> SmpServerStatsData.parse(CURRENT + "extra=1\n"));
        assertThrows(StatsFormatException.class, () -> SmpServerStatsData.parse(""));

        Path path = dir.resolve("smp-server-stats.log");
        Files.writeString(path, "fromTime=yesterday\n");
        SmpServerStats stats = new SmpServerStats(Instant.EPOCH);
        e = assertThrows(StatsFormatException.class, () -> stats.restoreFrom(new StatsStateFile(path)));
        assertTrue(e.getMessage().startsWith(path.toString()), e.getMessage());
        assertTrue(Files.exists(path), "a file that does not parse is left in place");
    }
}
