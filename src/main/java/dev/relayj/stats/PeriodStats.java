package dev.relayj.stats;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Distinct ids active in the current day, week and month ({@code PeriodStats} in
 * {@code Server/Stats.hs}). Ids are kept as 64-bit hashes ({@link IdHash}), as the reference
 * keeps them, so a month of activity costs a few bytes per id.
 */
public final class PeriodStats {
    private final IdHashSet day = new IdHashSet();
    private final IdHashSet week = new IdHashSet();
    private final IdHashSet month = new IdHashSet();

    /** Records activity of an entity ({@code updatePeriodStats}). */
    public void update(byte[] entityId) {
        long h = IdHash.of(entityId);
        day.add(h);
        week.add(h);
        month.add(h);
    }

    /**
     * The counts for a stats row written at {@code now} ({@code periodStatCounts}): the day set is
     * counted and emptied at every write; the week set only when {@code now} is a Monday and the
     * month set only on the first day of a month (UTC) — otherwise their count is empty text and
     * they keep growing.
     */
    public PeriodStatCounts countsForRow(Instant now) {
        LocalDate d = LocalDate.ofInstant(now, ZoneOffset.UTC);
        String dayCount = Integer.toString(day.sizeThenClear());
        String weekCount = d.getDayOfWeek() == DayOfWeek.MONDAY ? Integer.toString(week.sizeThenClear()) : "";
        String monthCount = d.getDayOfMonth() == 1 ? Integer.toString(month.sizeThenClear()) : "";
        return new PeriodStatCounts(dayCount, weekCount, monthCount);
    }

    public PeriodStatsData snapshot() {
        return new PeriodStatsData(day.toSortedArray(), week.toSortedArray(), month.toSortedArray());
    }

    /** Replaces the sets with saved ones; used once at start, before traffic. */
    public void restore(PeriodStatsData data) {
        day.replaceWith(data.day());
        week.replaceWith(data.week());
        month.replaceWith(data.month());
    }
}
