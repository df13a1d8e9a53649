package dev.relayj.stats;

import java.util.Arrays;

/**
 * A saved copy of {@link PeriodStats}: the id hashes active this day, week and month, each in
 * ascending order. Written as the reference's {@code strEncode} of {@code PeriodStatsData}:
 * three lines {@code dayHashes=}, {@code weekHashes=}, {@code monthHashes=} with comma-separated
 * integers (no newline after the last).
 */
public record PeriodStatsData(long[] day, long[] week, long[] month) {
    public static final PeriodStatsData EMPTY = new PeriodStatsData(new long[0], new long[0], new long[0]);

    public PeriodStatsData {
        day = day.clone();
        week = week.clone();
        month = month.clone();
    }

    @Override
    public long[] day() {
        return day.clone();
    }

    @Override
    public long[] week() {
        return week.clone();
    }

    @Override
    public long[] month() {
        return month.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeriodStatsData p
                && Arrays.equals(day, p.day) && Arrays.equals(week, p.week) && Arrays.equals(month, p.month);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(day) + Arrays.hashCode(week)) + Arrays.hashCode(month);
    }

    /** The set sizes, not resetting anything ({@code periodStatDataCounts}). */
    public PeriodStatCounts counts() {
        return new PeriodStatCounts(
                Integer.toString(day.length), Integer.toString(week.length), Integer.toString(month.length));
    }

    public String encode() {
        StringBuilder sb = new StringBuilder();
        sb.append("dayHashes=");
        appendList(sb, day);
        sb.append("\nweekHashes=");
        appendList(sb, week);
        sb.append("\nmonthHashes=");
        appendList(sb, month);
        return sb.toString();
    }

    private static void appendList(StringBuilder sb, long[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(values[i]);
        }
    }
}
