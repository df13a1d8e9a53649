package dev.relayj.stats;

import java.time.Instant;

/**
 * A copy of every SMP server counter ({@code ServerStatsData} in {@code Server/Stats.hs}), and
 * its text form in the stats state file {@code smp-server-stats.log}.
 *
 * <p>{@link #encode()} writes the reference's {@code strEncode}; {@link #parse(String)} reads it
 * as the reference's {@code strP} does, including older files: fields added later may be missing
 * and read as zero, {@code qDeleted=} stands for {@code qDeletedAll=}, the period sets may be in
 * the older {@code dayMsgQueues=} form, and the dropped {@code qSubNoMsg=} and
 * {@code subscribedQueues:} entries are skipped. Delivery times, {@code msgCount} and
 * {@code ntfCount} are not saved (the server recounts them from its stores).
 */
public record SmpServerStatsData(
        Instant fromTime,
        long qCreated,
        long qSecured,
        long qDeletedAll,
        long qDeletedAllB,
        long qDeletedNew,
        long qDeletedSecured,
        long qBlocked,
        long qSub,
        long qSubAllB,
        long qSubAuth,
        long qSubDuplicate,
        long qSubProhibited,
        long qSubEnd,
        long qSubEndB,
        long ntfCreated,
        long ntfNewCreated,
        long ntfDeleted,
        long ntfDeletedB,
        long ntfSub,
        long ntfSubB,
        long ntfSubAuth,
        long ntfSubDuplicate,
        long msgSent,
        long msgSentAuth,
        long msgSentQuota,
        long msgSentLarge,
        long msgSentBlock,
        long msgRecv,
        TimeBucketsData msgRecvAckTimes,
        long msgRecvGet,
        long msgGet,
        long msgGetNoMsg,
        long msgGetAuth,
        long msgGetDuplicate,
        long msgGetProhibited,
        long msgExpired,
        PeriodStatsData activeQueues,
        long msgSentNtf,
        long msgRecvNtf,
        PeriodStatsData activeQueuesNtf,
        long msgNtfs,
        long msgNtfsB,
        long msgNtfNoSub,
        long msgNtfLost,
        long msgNtfExpired,
        ProxyStatsData pRelays,
        ProxyStatsData pRelaysOwn,
        ProxyStatsData pMsgFwds,
        ProxyStatsData pMsgFwdsOwn,
        long pMsgFwdsRecv,
        ServiceStatsData rcvServices,
        ServiceStatsData ntfServices,
        long qCount,
        long msgCount,
        long ntfCount) {

    /** The state file text: one {@code key=value} line per field, in the reference's order. */
    public String encode() {
        StringBuilder sb = new StringBuilder(1024);
        line(sb, "fromTime=" + UtcTimeText.format(fromTime));
        line(sb, "qCreated=" + qCreated);
        line(sb, "qSecured=" + qSecured);
        line(sb, "qDeletedAll=" + qDeletedAll);
        line(sb, "qDeletedNew=" + qDeletedNew);
        line(sb, "qDeletedSecured=" + qDeletedSecured);
        line(sb, "qDeletedAllB=" + qDeletedAllB);
        line(sb, "qBlocked=" + qBlocked);
        line(sb, "qCount=" + qCount);
        line(sb, "qSub=" + qSub);
        line(sb, "qSubAllB=" + qSubAllB);
        line(sb, "qSubAuth=" + qSubAuth);
        line(sb, "qSubDuplicate=" + qSubDuplicate);
        line(sb, "qSubProhibited=" + qSubProhibited);
        line(sb, "qSubEnd=" + qSubEnd);
        line(sb, "qSubEndB=" + qSubEndB);
        line(sb, "ntfCreated=" + ntfCreated);
        line(sb, "ntfNewCreated=" + ntfNewCreated);
        line(sb, "ntfDeleted=" + ntfDeleted);
        line(sb, "ntfDeletedB=" + ntfDeletedB);
        line(sb, "ntfSub=" + ntfSub);
        line(sb, "ntfSubB=" + ntfSubB);
        line(sb, "ntfSubAuth=" + ntfSubAuth);
        line(sb, "ntfSubDuplicate=" + ntfSubDuplicate);
        line(sb, "msgSent=" + msgSent);
        line(sb, "msgSentAuth=" + msgSentAuth);
        line(sb, "msgSentQuota=" + msgSentQuota);
        line(sb, "msgSentLarge=" + msgSentLarge);
        line(sb, "msgSentBlock=" + msgSentBlock);
        line(sb, "msgRecv=" + msgRecv);
        line(sb, "msgRecvGet=" + msgRecvGet);
        line(sb, "msgGet=" + msgGet);
        line(sb, "msgGetNoMsg=" + msgGetNoMsg);
        line(sb, "msgGetAuth=" + msgGetAuth);
        line(sb, "msgGetDuplicate=" + msgGetDuplicate);
        line(sb, "msgGetProhibited=" + msgGetProhibited);
        line(sb, "msgExpired=" + msgExpired);
        line(sb, "msgSentNtf=" + msgSentNtf);
        line(sb, "msgRecvNtf=" + msgRecvNtf);
        line(sb, "msgNtfs=" + msgNtfs);
        line(sb, "msgNtfsB=" + msgNtfsB);
        line(sb, "msgNtfNoSub=" + msgNtfNoSub);
        line(sb, "msgNtfLost=" + msgNtfLost);
        line(sb, "msgNtfExpired=" + msgNtfExpired);
        line(sb, "activeQueues:");
        line(sb, activeQueues.encode());
        line(sb, "activeQueuesNtf:");
        line(sb, activeQueuesNtf.encode());
        line(sb, "pRelays:");
        line(sb, pRelays.encode());
        line(sb, "pRelaysOwn:");
        line(sb, pRelaysOwn.encode());
        line(sb, "pMsgFwds:");
        line(sb, pMsgFwds.encode());
        line(sb, "pMsgFwdsOwn:");
        line(sb, pMsgFwdsOwn.encode());
        line(sb, "pMsgFwdsRecv=" + pMsgFwdsRecv);
        line(sb, "rcvServices:");
        line(sb, rcvServices.encode());
        line(sb, "ntfServices:");
        line(sb, ntfServices.encode());
        return sb.toString();
    }

    /** Reads a state file's text; the exception names the line at fault. */
    public static SmpServerStatsData parse(String text) throws StatsFormatException {
        StateLines in = new StateLines(text);
        Instant fromTime = UtcTimeText.parse(in.requireValue("fromTime="));
        long qCreated = in.requireLong("qCreated=");
        long qSecured = in.requireLong("qSecured=");
        long qDeletedAll;
        long qDeletedNew = 0;
        long qDeletedSecured = 0;
        if (in.hasPrefix("qDeleted=")) {
            qDeletedAll = in.requireLong("qDeleted=");
        } else {
            qDeletedAll = in.requireLong("qDeletedAll=");
            qDeletedNew = in.requireLong("qDeletedNew=");
            qDeletedSecured = in.requireLong("qDeletedSecured=");
        }
        long qDeletedAllB = in.optionalLong("qDeletedAllB=");
        long qBlocked = in.optionalLong("qBlocked=");
        long qCount = in.optionalLong("qCount=");
        long qSub = in.optionalLong("qSub=");
        in.optionalLong("qSubNoMsg="); // no longer counted; read past it as the reference does
        long qSubAllB = in.optionalLong("qSubAllB=");
        long qSubAuth = in.optionalLong("qSubAuth=");
        long qSubDuplicate = in.optionalLong("qSubDuplicate=");
        long qSubProhibited = in.optionalLong("qSubProhibited=");
        long qSubEnd = in.optionalLong("qSubEnd=");
        long qSubEndB = in.optionalLong("qSubEndB=");
        long ntfCreated = in.optionalLong("ntfCreated=");
        long ntfNewCreated = in.optionalLong("ntfNewCreated=");
        long ntfDeleted = in.optionalLong("ntfDeleted=");
        long ntfDeletedB = in.optionalLong("ntfDeletedB=");
        long ntfSub = in.optionalLong("ntfSub=");
        long ntfSubB = in.optionalLong("ntfSubB=");
        long ntfSubAuth = in.optionalLong("ntfSubAuth=");
        long ntfSubDuplicate = in.optionalLong("ntfSubDuplicate=");
        long msgSent = in.requireLong("msgSent=");
        long msgSentAuth = in.optionalLong("msgSentAuth=");
        long msgSentQuota = in.optionalLong("msgSentQuota=");
        long msgSentLarge = in.optionalLong("msgSentLarge=");
        long msgSentBlock = in.optionalLong("msgSentBlock=");
        long msgRecv = in.requireLong("msgRecv=");
        long msgRecvGet = in.optionalLong("msgRecvGet=");
        long msgGet = in.optionalLong("msgGet=");
        long msgGetNoMsg = in.optionalLong("msgGetNoMsg=");
        long msgGetAuth = in.optionalLong("msgGetAuth=");
        long msgGetDuplicate = in.optionalLong("msgGetDuplicate=");
        long msgGetProhibited = in.optionalLong("msgGetProhibited=");
        long msgExpired = in.optionalLong("msgExpired=");
        long msgSentNtf = in.optionalLong("msgSentNtf=");
        long msgRecvNtf = in.optionalLong("msgRecvNtf=");
        long msgNtfs = in.optionalLong("msgNtfs=");
        long msgNtfsB = in.optionalLong("msgNtfsB=");
        long msgNtfNoSub = in.optionalLong("msgNtfNoSub=");
        long msgNtfLost = in.optionalLong("msgNtfLost=");
        long msgNtfExpired = in.optionalLong("msgNtfExpired=");
        PeriodStatsData activeQueues;
        if (in.optionalMarker("activeQueues:")) {
            activeQueues = in.periodStats();
        } else {
            long[] day = in.requireHashes("dayMsgQueues=");
            long[] week = in.requireHashes("weekMsgQueues=");
            long[] month = in.requireHashes("monthMsgQueues=");
            activeQueues = new PeriodStatsData(day, week, month);
        }
        if (in.optionalMarker("subscribedQueues:")) {
            in.periodStats(); // no longer kept (memory); read past it as the reference does
        }
        PeriodStatsData activeQueuesNtf =
                in.optionalMarker("activeQueuesNtf:") ? in.periodStats() : PeriodStatsData.EMPTY;
        ProxyStatsData pRelays = proxyStats(in, "pRelays:");
        ProxyStatsData pRelaysOwn = proxyStats(in, "pRelaysOwn:");
        ProxyStatsData pMsgFwds = proxyStats(in, "pMsgFwds:");
        ProxyStatsData pMsgFwdsOwn = proxyStats(in, "pMsgFwdsOwn:");
        long pMsgFwdsRecv = in.optionalLong("pMsgFwdsRecv=");
        ServiceStatsData rcvServices = serviceStats(in, "rcvServices:");
        ServiceStatsData ntfServices = serviceStats(in, "ntfServices:");
        in.requireEnd();
        return new SmpServerStatsData(
                fromTime,
                qCreated,
                qSecured,
                qDeletedAll,
                qDeletedAllB,
                qDeletedNew,
                qDeletedSecured,
                qBlocked,
                qSub,
                qSubAllB,
                qSubAuth,
                qSubDuplicate,
                qSubProhibited,
                qSubEnd,
                qSubEndB,
                ntfCreated,
                ntfNewCreated,
                ntfDeleted,
                ntfDeletedB,
                ntfSub,
                ntfSubB,
                ntfSubAuth,
                ntfSubDuplicate,
                msgSent,
                msgSentAuth,
                msgSentQuota,
                msgSentLarge,
                msgSentBlock,
                msgRecv,
                TimeBucketsData.EMPTY,
                msgRecvGet,
                msgGet,
                msgGetNoMsg,
                msgGetAuth,
                msgGetDuplicate,
                msgGetProhibited,
                msgExpired,
                activeQueues,
                msgSentNtf,
                msgRecvNtf,
                activeQueuesNtf,
                msgNtfs,
                msgNtfsB,
                msgNtfNoSub,
                msgNtfLost,
                msgNtfExpired,
                pRelays,
                pRelaysOwn,
                pMsgFwds,
                pMsgFwdsOwn,
                pMsgFwdsRecv,
                rcvServices,
                ntfServices,
                qCount,
                0,
                0);
    }

    private static ProxyStatsData proxyStats(StateLines in, String marker) throws StatsFormatException {
        return in.optionalMarker(marker) ? ProxyStatsData.read(in) : ProxyStatsData.ZERO;
    }

    private static ServiceStatsData serviceStats(StateLines in, String marker) throws StatsFormatException {
        return in.optionalMarker(marker) ? ServiceStatsData.read(in) : ServiceStatsData.ZERO;
    }

    private static void line(StringBuilder sb, String s) {
        sb.append(s).append('\n');
    }
}
