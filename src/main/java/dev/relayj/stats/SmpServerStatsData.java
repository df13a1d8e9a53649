package dev.relayj.stats;

import java.time.Instant;

/**
 * A copy of every SMP server counter ({@code ServerStatsData} in {@code Server/Stats.hs}): the
 * {@link SmpCounter} values by ordinal and the structured statistics, and its text form in the
 * stats state file {@code smp-server-stats.log}.
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
        CounterValues<SmpCounter> counters,
        TimeBucketsData msgRecvAckTimes,
        PeriodStatsData activeQueues,
        PeriodStatsData activeQueuesNtf,
        ProxyStatsData pRelays,
        ProxyStatsData pRelaysOwn,
        ProxyStatsData pMsgFwds,
        ProxyStatsData pMsgFwdsOwn,
        ServiceStatsData rcvServices,
        ServiceStatsData ntfServices) {

    public long get(SmpCounter counter) {
        return counters.get(counter);
    }

    /** The state file text: one {@code key=value} line per field, in the reference's order. */
    public String encode() {
        StringBuilder sb = new StringBuilder(1024);
        line(sb, "fromTime=" + UtcTimeText.format(fromTime));
        counterLines(sb, SmpCounter.Saved.REQUIRED, SmpCounter.Saved.OPTIONAL);
        section(sb, "activeQueues:", activeQueues.encode());
        section(sb, "activeQueuesNtf:", activeQueuesNtf.encode());
        section(sb, "pRelays:", pRelays.encode());
        section(sb, "pRelaysOwn:", pRelaysOwn.encode());
        section(sb, "pMsgFwds:", pMsgFwds.encode());
        section(sb, "pMsgFwdsOwn:", pMsgFwdsOwn.encode());
        counterLines(sb, SmpCounter.Saved.OPTIONAL_AFTER_PROXIES, SmpCounter.Saved.OPTIONAL_AFTER_PROXIES);
        section(sb, "rcvServices:", rcvServices.encode());
        section(sb, "ntfServices:", ntfServices.encode());
        return sb.toString();
    }

    private void counterLines(StringBuilder sb, SmpCounter.Saved a, SmpCounter.Saved b) {
        for (SmpCounter c : SmpCounter.values()) {
            if (c.saved() == a || c.saved() == b) {
                line(sb, c.key() + "=" + get(c));
            }
        }
    }

    private static void section(StringBuilder sb, String marker, String text) {
        line(sb, marker);
        line(sb, text);
    }

    /** Reads a state file's text; the exception names the line at fault. */
    public static SmpServerStatsData parse(String text) throws StatsFormatException {
        StateLines in = new StateLines(text);
        Instant fromTime = UtcTimeText.parse(in.requireValue("fromTime="));
        long[] counters = new long[SmpCounter.values().length];
        boolean oldestDeleted = false;
        for (SmpCounter c : SmpCounter.values()) {
            switch (c.saved()) {
                case NOT_SAVED, OPTIONAL_AFTER_PROXIES -> {
                    continue;
                }
                default -> {}
            }
            if (c == SmpCounter.Q_DELETED_ALL && in.hasPrefix("qDeleted=")) {
                // the oldest files count all deletions as qDeleted= and lack the next two
                counters[c.ordinal()] = in.requireLong("qDeleted=");
                oldestDeleted = true;
                continue;
            }
            if (oldestDeleted && (c == SmpCounter.Q_DELETED_NEW || c == SmpCounter.Q_DELETED_SECURED)) {
                continue;
            }
            String key = c.key() + "=";
            counters[c.ordinal()] = c.saved() == SmpCounter.Saved.REQUIRED ? in.requireLong(key) : in.optionalLong(key);
            if (c == SmpCounter.Q_SUB) {
                in.optionalLong("qSubNoMsg="); // no longer counted; read past it as the reference does
            }
        }
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
        for (SmpCounter c : SmpCounter.values()) {
            if (c.saved() == SmpCounter.Saved.OPTIONAL_AFTER_PROXIES) {
                counters[c.ordinal()] = in.optionalLong(c.key() + "=");
            }
        }
        ServiceStatsData rcvServices = serviceStats(in, "rcvServices:");
        ServiceStatsData ntfServices = serviceStats(in, "ntfServices:");
        in.requireEnd();
        return new SmpServerStatsData(fromTime, new CounterValues<>(SmpCounter.class, counters), TimeBucketsData.EMPTY,
                activeQueues, activeQueuesNtf,
                pRelays, pRelaysOwn, pMsgFwds, pMsgFwdsOwn, rcvServices, ntfServices);
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
