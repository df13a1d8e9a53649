package dev.relayj.stats;

import java.util.List;

/** A copy of {@link ServiceStats} ({@code ServiceStatsData} of the reference). */
public record ServiceStatsData(
        long assocNew,
        long assocDuplicate,
        long assocUpdated,
        long assocRemoved,
        long subCount,
        long subDuplicate,
        long subQueues,
        long subEnd) {
    public static final ServiceStatsData ZERO = new ServiceStatsData(0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * Eight lines, no newline after the last ({@code strEncode}). The key {@code assocUpdatedt=}
     * is spelled as the reference spells it.
     */
    public String encode() {
        return "assocNew=" + assocNew
                + "\nassocDuplicate=" + assocDuplicate
                + "\nassocUpdatedt=" + assocUpdated
                + "\nassocRemoved=" + assocRemoved
                + "\nsubCount=" + subCount
                + "\nsubDuplicate=" + subDuplicate
                + "\nsubQueues=" + subQueues
                + "\nsubEnd=" + subEnd;
    }

    /** The CSV columns, in the order of {@code showServiceStats} in {@code Server.hs}. */
    List<String> csvColumns() {
        return List.of(Long.toString(assocNew), Long.toString(assocDuplicate), Long.toString(assocUpdated),
                Long.toString(assocRemoved), Long.toString(subCount), Long.toString(subDuplicate),
                Long.toString(subQueues), Long.toString(subEnd));
    }

    static ServiceStatsData read(StateLines in) throws StatsFormatException {
        return new ServiceStatsData(
                in.requireLong("assocNew="),
                in.requireLong("assocDuplicate="),
                in.requireLong("assocUpdatedt="),
                in.requireLong("assocRemoved="),
                in.requireLong("subCount="),
                in.requireLong("subDuplicate="),
                in.requireLong("subQueues="),
                in.requireLong("subEnd="));
    }
}
