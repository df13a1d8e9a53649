package dev.relayj.stats;

import static dev.relayj.stats.SmpCounter.*;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Live statistics of the SMP server: every counter of the reference's {@code ServerStats}
 * ({@code Server/Stats.hs}) — the plain ones declared by {@link SmpCounter}, the structured ones
 * here — each safe to update from any connection thread.
 * The server increments them where the reference does; this class produces the daily CSV row,
 * the saved state and its restore.
 */
public final class SmpServerStats {
    private final AtomicReference<Instant> fromTime;
    private final CounterSet<SmpCounter> counters = new CounterSet<>(SmpCounter.class);
    public final TimeBuckets msgRecvAckTimes = new TimeBuckets();
    public final PeriodStats activeQueues = new PeriodStats();
    public final PeriodStats activeQueuesNtf = new PeriodStats();
    public final ProxyStats pRelays = new ProxyStats();
    public final ProxyStats pRelaysOwn = new ProxyStats();
    public final ProxyStats pMsgFwds = new ProxyStats();
    public final ProxyStats pMsgFwdsOwn = new ProxyStats();
    public final ServiceStats rcvServices = new ServiceStats();
    public final ServiceStats ntfServices = new ServiceStats();

    public SmpServerStats(Instant fromTime) {
        this.fromTime = new AtomicReference<>(fromTime);
    }

    /** Start of the current stats period. */
    public Instant fromTime() {
        return fromTime.get();
    }

    public Counter counter(SmpCounter counter) {
        return counters.get(counter);
    }

    public void increment(SmpCounter counter) {
        counters.get(counter).increment();
    }

    public void add(SmpCounter counter, long delta) {
        counters.get(counter).add(delta);
    }

    public SmpServerStatsData snapshot() {
        return new SmpServerStatsData(fromTime.get(), counters.snapshot(), msgRecvAckTimes.snapshot(),
                activeQueues.snapshot(), activeQueuesNtf.snapshot(), pRelays.snapshot(), pRelaysOwn.snapshot(),
                pMsgFwds.snapshot(), pMsgFwdsOwn.snapshot(), rcvServices.snapshot(), ntfServices.snapshot());
    }

    /** Sets every counter from saved data ({@code setServerStats}); used once at start, before traffic. */
    public void restore(SmpServerStatsData d) {
        fromTime.set(d.fromTime());
        counters.restore(d.counters());
        activeQueues.restore(d.activeQueues());
        activeQueuesNtf.restore(d.activeQueuesNtf());
        pRelays.restore(d.pRelays());
        pRelaysOwn.restore(d.pRelaysOwn());
        pMsgFwds.restore(d.pMsgFwds());
        pMsgFwdsOwn.restore(d.pMsgFwdsOwn());
        rcvServices.restore(d.rcvServices());
        ntfServices.restore(d.ntfServices());
    }

    /**
     * The daily CSV row (without the newline) for a write at {@code now}, as {@code logServerStats}
     * in the reference's {@code Server.hs} writes it; it ends the period: the date column is the UTC
     * day of the period's start, {@code fromTime} moves to {@code now}, and the period counters are
     * reset. 96 columns; those the reference no longer counts are written as 0 where it does.
     */
    public String csvRow(Instant now, EntityCounts counts) {
        Instant from = fromTime.getAndSet(now);
        long[] v = new long[SmpCounter.values().length];
        for (SmpCounter c : SmpCounter.values()) {
            v[c.ordinal()] = c.resetDaily() ? counters.get(c).getAndReset() : counters.get(c).get();
        }
        PeriodStatCounts ps = activeQueues.countsForRow(now);
        PeriodStatCounts psNtf = activeQueuesNtf.countsForRow(now);
        ProxyStatsData pRelays = this.pRelays.snapshotThenReset();
        ProxyStatsData pRelaysOwn = this.pRelaysOwn.snapshotThenReset();
        ProxyStatsData pMsgFwds = this.pMsgFwds.snapshotThenReset();
        ProxyStatsData pMsgFwdsOwn = this.pMsgFwdsOwn.snapshotThenReset();
        // service counters accumulate: the reference reads them here without resetting
        ServiceStatsData rcvServices = this.rcvServices.snapshot();
        ServiceStatsData ntfServices = this.ntfServices.snapshot();

        Row row = new Row(v);
        row.text(UtcTimeText.formatDay(from));
        row.counters(Q_CREATED, Q_SECURED, Q_DELETED_ALL, MSG_SENT, MSG_RECV);
        row.periods(ps);
        row.counters(MSG_SENT_NTF, MSG_RECV_NTF);
        row.periods(psNtf);
        row.counters(Q_COUNT, MSG_COUNT, MSG_EXPIRED, Q_DELETED_NEW, Q_DELETED_SECURED);
        row.cols.addAll(pRelays.csvColumns());
        row.cols.addAll(pRelaysOwn.csvColumns());
        row.cols.addAll(pMsgFwds.csvColumns());
        row.cols.addAll(pMsgFwdsOwn.csvColumns());
        row.counters(P_MSG_FWDS_RECV, Q_SUB, Q_SUB_AUTH, Q_SUB_DUPLICATE, Q_SUB_PROHIBITED, MSG_SENT_AUTH,
                MSG_SENT_QUOTA, MSG_SENT_LARGE, MSG_NTFS, MSG_NTF_NO_SUB, MSG_NTF_LOST);
        row.text("0"); // qSubNoMsg, no longer counted
        row.counters(MSG_RECV_GET, MSG_GET, MSG_GET_NO_MSG, MSG_GET_AUTH, MSG_GET_DUPLICATE, MSG_GET_PROHIBITED);
        row.text("0"); // day, week and month counts of subscribed queues, no longer kept
        row.text("0");
        row.text("0");
        row.values(counts.queueCount());
        row.counters(NTF_CREATED, NTF_DELETED, NTF_SUB, NTF_SUB_AUTH, NTF_SUB_DUPLICATE);
        row.values(counts.notifierCount());
        row.counters(Q_DELETED_ALL_B, Q_SUB_ALL_B, Q_SUB_END, Q_SUB_END_B, NTF_DELETED_B, NTF_SUB_B, MSG_NTFS_B,
                MSG_NTF_EXPIRED, NTF_COUNT);
        row.values(counts.rcvServiceCount(), counts.ntfServiceCount(), counts.rcvServiceQueuesCount(),
                counts.ntfServiceQueuesCount());
        row.cols.addAll(rcvServices.csvColumns());
        row.cols.addAll(ntfServices.csvColumns());
        return String.join(",", row.cols);
    }

    /** The columns of one CSV row, taken from the counter values read for it. */
    private static final class Row {
        final List<String> cols = new ArrayList<>(96);
        private final long[] values;

        Row(long[] values) {
            this.values = values;
        }

        void text(String col) {
            cols.add(col);
        }

        void counters(SmpCounter... counters) {
            for (SmpCounter c : counters) {
                cols.add(Long.toString(values[c.ordinal()]));
            }
        }

        void values(long... values) {
            for (long v : values) {
                cols.add(Long.toString(v));
            }
        }

        void periods(PeriodStatCounts counts) {
            cols.add(counts.day());
            cols.add(counts.week());
            cols.add(counts.month());
        }
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
}
