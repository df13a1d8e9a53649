package dev.relayj.stats;

/**
 * Active-id counts as the CSV and metrics show them (the reference's {@code PeriodStatCounts}):
 * decimal text, or empty text for a period that did not end at this write.
 */
public record PeriodStatCounts(String day, String week, String month) {}
