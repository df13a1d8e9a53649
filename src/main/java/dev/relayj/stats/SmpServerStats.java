package dev.relayj.stats;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Live statistics of the SMP server: every counter of the reference's {@code ServerStats}
 * ({@code Server/Stats.hs}), in its order, each safe to update from any connection thread.
 * The server increments them where the reference does; this class produces the daily CSV row,
 * the saved state and its restore.
 */
public final class SmpServerStats {
    private final AtomicReference<Instant> fromTime;
    public final Counter qCreated = new Counter();
    public final Counter qSecured = new Counter();
    public final Counter qDeletedAll = new Counter();
    public final Counter qDeletedAllB = new Counter();
    public final Counter qDeletedNew = new Counter();
    public final Counter qDeletedSecured = new Counter();
    public final Counter qBlocked = new Counter();
    /** Only subscriptions that found pending messages. */
    public final Counter qSub = new Counter();
    /** Subscription batches, with and without pending messages. */
    public final Counter qSubAllB = new Counter();
    public final Counter qSubAuth = new Counter();
    public final Counter qSubDuplicate = new Counter();
    public final Counter qSubProhibited = new Counter();
    public final Counter qSubEnd = new Counter();
    public final Counter qSubEndB = new Counter();
    public final Counter ntfCreated = new Counter();
    /** Notifier credentials created together with the queue. */
    public final Counter ntfNewCreated = new Counter();
    public final Counter ntfDeleted = new Counter();
    public final Counter ntfDeletedB = new Counter();
    public final Counter ntfSub = new Counter();
    public final Counter ntfSubB = new Counter();
    public final Counter ntfSubAuth = new Counter();
    public final Counter ntfSubDuplicate = new Counter();
    public final Counter msgSent = new Counter();
    public final Counter msgSentAuth = new Counter();
    public final Counter msgSentQuota = new Counter();
    public final Counter msgSentLarge = new Counter();
    public final Counter msgSentBlock = new Counter();
    public final Counter msgRecv = new Counter();
    public final TimeBuckets msgRecvAckTimes = new TimeBuckets();
    public final Counter msgRecvGet = new Counter();
    public final Counter msgGet = new Counter();
    public final Counter msgGetNoMsg = new Counter();
    public final Counter msgGetAuth = new Counter();
    public final Counter msgGetDuplicate = new Counter();
    public final Counter msgGetProhibited = new Counter();
    public final Counter msgExpired = new Counter();
    public final PeriodStats activeQueues = new PeriodStats();
    /** Sent messages with the notification flag. */
    public final Counter msgSentNtf = new Counter();
    /** Received messages with the notification flag. */
    public final Counter msgRecvNtf = new Counter();
    public final PeriodStats activeQueuesNtf = new PeriodStats();
    /** Message notifications delivered to notification servers. */
    public final Counter msgNtfs = new Counter();
    /** Batches of message notifications delivered to notification servers. */
    public final Counter msgNtfsB = new Counter();
    /** No subscriber to notifications (e.g. the notification server is not connected). */
    public final Counter msgNtfNoSub = new Counter();
    /** Notifications lost because the delivery queue was full. */
    public final Counter msgNtfLost = new Counter();
    public final Counter msgNtfExpired = new Counter();
    public final ProxyStats pRelays = new ProxyStats();
    public final ProxyStats pRelaysOwn = new ProxyStats();
    public final ProxyStats pMsgFwds = new ProxyStats();
    public final ProxyStats pMsgFwdsOwn = new ProxyStats();
    public final Counter pMsgFwdsRecv = new Counter();
    public final ServiceStats rcvServices = new ServiceStats();
    public final ServiceStats ntfServices = new ServiceStats();
    public final Counter qCount = new Counter();
    public final Counter msgCount = new Counter();
    public final Counter ntfCount = new Counter();

    public SmpServerStats(Instant fromTime) {
        this.fromTime = new AtomicReference<>(fromTime);
    }

    /** Start of the current stats period. */
    public Instant fromTime() {
        return fromTime.get();
    }

    public SmpServerStatsData snapshot() {
        return new SmpServerStatsData(
                fromTime.get(),
                qCreated.get(),
                qSecured.get(),
                qDeletedAll.get(),
                qDeletedAllB.get(),
                qDeletedNew.get(),
                qDeletedSecured.get(),
                qBlocked.get(),
                qSub.get(),
                qSubAllB.get(),
                qSubAuth.get(),
                qSubDuplicate.get(),
                qSubProhibited.get(),
                qSubEnd.get(),
                qSubEndB.get(),
                ntfCreated.get(),
                ntfNewCreated.get(),
                ntfDeleted.get(),
                ntfDeletedB.get(),
                ntfSub.get(),
                ntfSubB.get(),
                ntfSubAuth.get(),
                ntfSubDuplicate.get(),
                msgSent.get(),
                msgSentAuth.get(),
                msgSentQuota.get(),
                msgSentLarge.get(),
                msgSentBlock.get(),
                msgRecv.get(),
                msgRecvAckTimes.snapshot(),
                msgRecvGet.get(),
                msgGet.get(),
                msgGetNoMsg.get(),
                msgGetAuth.get(),
                msgGetDuplicate.get(),
                msgGetProhibited.get(),
                msgExpired.get(),
                activeQueues.snapshot(),
                msgSentNtf.get(),
                msgRecvNtf.get(),
                activeQueuesNtf.snapshot(),
                msgNtfs.get(),
                msgNtfsB.get(),
                msgNtfNoSub.get(),
                msgNtfLost.get(),
                msgNtfExpired.get(),
                pRelays.snapshot(),
                pRelaysOwn.snapshot(),
                pMsgFwds.snapshot(),
                pMsgFwdsOwn.snapshot(),
                pMsgFwdsRecv.get(),
                rcvServices.snapshot(),
                ntfServices.snapshot(),
                qCount.get(),
                msgCount.get(),
                ntfCount.get());
    }

    /** Sets every counter from saved data ({@code setServerStats}); used once at start, before traffic. */
    public void restore(SmpServerStatsData d) {
        fromTime.set(d.fromTime());
        qCreated.set(d.qCreated());
        qSecured.set(d.qSecured());
        qDeletedAll.set(d.qDeletedAll());
        qDeletedAllB.set(d.qDeletedAllB());
        qDeletedNew.set(d.qDeletedNew());
        qDeletedSecured.set(d.qDeletedSecured());
        qBlocked.set(d.qBlocked());
        qSub.set(d.qSub());
        qSubAllB.set(d.qSubAllB());
        qSubAuth.set(d.qSubAuth());
        qSubDuplicate.set(d.qSubDuplicate());
        qSubProhibited.set(d.qSubProhibited());
        qSubEnd.set(d.qSubEnd());
        qSubEndB.set(d.qSubEndB());
        ntfCreated.set(d.ntfCreated());
        ntfNewCreated.set(d.ntfNewCreated());
        ntfDeleted.set(d.ntfDeleted());
        ntfDeletedB.set(d.ntfDeletedB());
        ntfSub.set(d.ntfSub());
        ntfSubB.set(d.ntfSubB());
        ntfSubAuth.set(d.ntfSubAuth());
        ntfSubDuplicate.set(d.ntfSubDuplicate());
        msgSent.set(d.msgSent());
        msgSentAuth.set(d.msgSentAuth());
        msgSentQuota.set(d.msgSentQuota());
        msgSentLarge.set(d.msgSentLarge());
        msgSentBlock.set(d.msgSentBlock());
        msgRecv.set(d.msgRecv());
        msgRecvGet.set(d.msgRecvGet());
        msgGet.set(d.msgGet());
        msgGetNoMsg.set(d.msgGetNoMsg());
        msgGetAuth.set(d.msgGetAuth());
        msgGetDuplicate.set(d.msgGetDuplicate());
        msgGetProhibited.set(d.msgGetProhibited());
        msgExpired.set(d.msgExpired());
        activeQueues.restore(d.activeQueues());
        msgSentNtf.set(d.msgSentNtf());
        msgRecvNtf.set(d.msgRecvNtf());
        activeQueuesNtf.restore(d.activeQueuesNtf());
        msgNtfs.set(d.msgNtfs());
        msgNtfsB.set(d.msgNtfsB());
        msgNtfNoSub.set(d.msgNtfNoSub());
        msgNtfLost.set(d.msgNtfLost());
        msgNtfExpired.set(d.msgNtfExpired());
        pRelays.restore(d.pRelays());
        pRelaysOwn.restore(d.pRelaysOwn());
        pMsgFwds.restore(d.pMsgFwds());
        pMsgFwdsOwn.restore(d.pMsgFwdsOwn());
        pMsgFwdsRecv.set(d.pMsgFwdsRecv());
        rcvServices.restore(d.rcvServices());
        ntfServices.restore(d.ntfServices());
        qCount.set(d.qCount());
        msgCount.set(d.msgCount());
        ntfCount.set(d.ntfCount());
    }

    /**
     * The daily CSV row (without the newline) for a write at {@code now}, as {@code logServerStats}
     * in the reference's {@code Server.hs} writes it; it ends the period: the date column is the UTC
     * day of the period's start, {@code fromTime} moves to {@code now}, and the period counters are
     * reset. 96 columns; those the reference no longer counts are written as 0 where it does.
     */
    public String csvRow(Instant now, EntityCounts counts) {
        Instant from = fromTime.getAndSet(now);
        long qCreated = this.qCreated.getAndReset();
        long qSecured = this.qSecured.getAndReset();
        long qDeletedAll = this.qDeletedAll.getAndReset();
        long qDeletedAllB = this.qDeletedAllB.getAndReset();
        long qDeletedNew = this.qDeletedNew.getAndReset();
        long qDeletedSecured = this.qDeletedSecured.getAndReset();
        long qSub = this.qSub.getAndReset();
        long qSubAllB = this.qSubAllB.getAndReset();
        long qSubAuth = this.qSubAuth.getAndReset();
        long qSubDuplicate = this.qSubDuplicate.getAndReset();
        long qSubProhibited = this.qSubProhibited.getAndReset();
        long qSubEnd = this.qSubEnd.getAndReset();
        long qSubEndB = this.qSubEndB.getAndReset();
        long ntfCreated = this.ntfCreated.getAndReset();
        long ntfDeleted = this.ntfDeleted.getAndReset();
        long ntfDeletedB = this.ntfDeletedB.getAndReset();
        long ntfSub = this.ntfSub.getAndReset();
        long ntfSubB = this.ntfSubB.getAndReset();
        long ntfSubAuth = this.ntfSubAuth.getAndReset();
        long ntfSubDuplicate = this.ntfSubDuplicate.getAndReset();
        long msgSent = this.msgSent.getAndReset();
        long msgSentAuth = this.msgSentAuth.getAndReset();
        long msgSentQuota = this.msgSentQuota.getAndReset();
        long msgSentLarge = this.msgSentLarge.getAndReset();
        long msgRecv = this.msgRecv.getAndReset();
        long msgRecvGet = this.msgRecvGet.getAndReset();
        long msgGet = this.msgGet.getAndReset();
        long msgGetNoMsg = this.msgGetNoMsg.getAndReset();
        long msgGetAuth = this.msgGetAuth.getAndReset();
        long msgGetDuplicate = this.msgGetDuplicate.getAndReset();
        long msgGetProhibited = this.msgGetProhibited.getAndReset();
        long msgExpired = this.msgExpired.getAndReset();
        PeriodStatCounts ps = activeQueues.countsForRow(now);
        long msgSentNtf = this.msgSentNtf.getAndReset();
        long msgRecvNtf = this.msgRecvNtf.getAndReset();
        PeriodStatCounts psNtf = activeQueuesNtf.countsForRow(now);
        long msgNtfs = this.msgNtfs.getAndReset();
        long msgNtfsB = this.msgNtfsB.getAndReset();
        long msgNtfNoSub = this.msgNtfNoSub.getAndReset();
        long msgNtfLost = this.msgNtfLost.getAndReset();
        long msgNtfExpired = this.msgNtfExpired.getAndReset();
        this.qBlocked.getAndReset(); // reset but not written, as in the reference
        ProxyStatsData pRelays = this.pRelays.snapshotThenReset();
        ProxyStatsData pRelaysOwn = this.pRelaysOwn.snapshotThenReset();
        ProxyStatsData pMsgFwds = this.pMsgFwds.snapshotThenReset();
        ProxyStatsData pMsgFwdsOwn = this.pMsgFwdsOwn.snapshotThenReset();
        long pMsgFwdsRecv = this.pMsgFwdsRecv.getAndReset();
        // service counters accumulate: the reference reads them here without resetting
        ServiceStatsData rcvServices = this.rcvServices.snapshot();
        ServiceStatsData ntfServices = this.ntfServices.snapshot();
        long qCount = this.qCount.get();
        long msgCount = this.msgCount.get();
        long ntfCount = this.ntfCount.get();

        List<String> cols = new ArrayList<>(96);
        cols.add(UtcTimeText.formatDay(from));
        add(cols, qCreated, qSecured, qDeletedAll, msgSent, msgRecv);
        cols.add(ps.day());
        cols.add(ps.week());
        cols.add(ps.month());
        add(cols, msgSentNtf, msgRecvNtf);
        cols.add(psNtf.day());
        cols.add(psNtf.week());
        cols.add(psNtf.month());
        add(cols, qCount, msgCount, msgExpired, qDeletedNew, qDeletedSecured);
        cols.addAll(pRelays.csvColumns());
        cols.addAll(pRelaysOwn.csvColumns());
        cols.addAll(pMsgFwds.csvColumns());
        cols.addAll(pMsgFwdsOwn.csvColumns());
        add(cols, pMsgFwdsRecv, qSub, qSubAuth, qSubDuplicate, qSubProhibited, msgSentAuth, msgSentQuota,
                msgSentLarge, msgNtfs, msgNtfNoSub, msgNtfLost);
        cols.add("0"); // qSubNoMsg, no longer counted
        add(cols, msgRecvGet, msgGet, msgGetNoMsg, msgGetAuth, msgGetDuplicate, msgGetProhibited);
        cols.add("0"); // day, week and month counts of subscribed queues, no longer kept
        cols.add("0");
        cols.add("0");
        add(cols, counts.queueCount(), ntfCreated, ntfDeleted, ntfSub, ntfSubAuth, ntfSubDuplicate,
                counts.notifierCount(), qDeletedAllB, qSubAllB, qSubEnd, qSubEndB, ntfDeletedB, ntfSubB, msgNtfsB,
                msgNtfExpired, ntfCount, counts.rcvServiceCount(), counts.ntfServiceCount(),
                counts.rcvServiceQueuesCount(), counts.ntfServiceQueuesCount());
        cols.addAll(rcvServices.csvColumns());
        cols.addAll(ntfServices.csvColumns());
        return String.join(",", cols);
    }

    /** Saves the state file ({@code saveServerStats}). */
    public void saveTo(StatsStateFile file) throws IOException {
        file.save(snapshot().encode());
    }

    /**
     * Restores the counters from the state file if it exists, then renames it to {@code .bak}
     * ({@code restoreServerStats}). Returns the saved data so that the server can replace the
     * store-derived counts ({@code qCount}, {@code msgCount}, {@code ntfCount}) with its own and
     * warn where they differ.
     */
    public Optional<SmpServerStatsData> restoreFrom(StatsStateFile file) throws IOException, StatsFormatException {
        Optional<SmpServerStatsData> data = file.load(SmpServerStatsData::parse);
        if (data.isPresent()) {
            restore(data.get());
            file.archive();
        }
        return data;
    }

    private static void add(List<String> cols, long... values) {
        for (long v : values) {
            cols.add(Long.toString(v));
        }
    }
}
