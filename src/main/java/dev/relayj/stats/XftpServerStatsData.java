package dev.relayj.stats;

import java.time.Instant;

/**
 * A copy of every XFTP server counter ({@code FileServerStatsData} in
 * {@code FileTransfer/Server/Stats.hs}): the {@link XftpCounter} values by ordinal and the files
 * downloaded this day, week and month, and its text form in the state file
 * {@code file-server-stats.log}. {@link #parse(String)} accepts older files as the reference's
 * {@code strP} does: {@code filesExpired=}, {@code filesBlocked=}, {@code filesCount=} and
 * {@code filesSize=} may be missing.
 */
public record XftpServerStatsData(Instant fromTime, CounterValues<XftpCounter> counters, PeriodStatsData filesDownloaded) {

    public long get(XftpCounter counter) {
        return counters.get(counter);
    }

    public String encode() {
        StringBuilder sb = new StringBuilder();
        sb.append("fromTime=").append(UtcTimeText.format(fromTime)).append('\n');
        lines(sb, XftpCounter.Saved.REQUIRED, XftpCounter.Saved.OPTIONAL);
        sb.append("filesDownloaded:\n").append(filesDownloaded.encode()).append('\n');
        lines(sb, XftpCounter.Saved.REQUIRED_AFTER_DOWNLOADED, XftpCounter.Saved.REQUIRED_AFTER_DOWNLOADED);
        return sb.toString();
    }

    private void lines(StringBuilder sb, XftpCounter.Saved a, XftpCounter.Saved b) {
        for (XftpCounter c : XftpCounter.values()) {
            if (c.saved() == a || c.saved() == b) {
                sb.append(c.key()).append('=').append(get(c)).append('\n');
            }
        }
    }

    public static XftpServerStatsData parse(String text) throws StatsFormatException {
        StateLines in = new StateLines(text);
        Instant fromTime = UtcTimeText.parse(in.requireValue("fromTime="));
        long[] counters = new long[XftpCounter.values().length];
        read(in, counters, false);
        in.requireMarker("filesDownloaded:");
        PeriodStatsData filesDownloaded = in.periodStats();
        read(in, counters, true);
        in.requireEnd();
        return new XftpServerStatsData(fromTime, new CounterValues<>(XftpCounter.class, counters), filesDownloaded);
    }

    private static void read(StateLines in, long[] counters, boolean afterDownloaded) throws StatsFormatException {
        for (XftpCounter c : XftpCounter.values()) {
            boolean after = c.saved() == XftpCounter.Saved.REQUIRED_AFTER_DOWNLOADED;
            if (after != afterDownloaded) {
                continue;
            }
            String key = c.key() + "=";
            counters[c.ordinal()] = c.saved() == XftpCounter.Saved.OPTIONAL ? in.optionalLong(key) : in.requireLong(key);
        }
    }
}
