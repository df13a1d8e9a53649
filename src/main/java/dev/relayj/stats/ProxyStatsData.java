package dev.relayj.stats;

import java.util.List;

/** A copy of {@link ProxyStats} ({@code ProxyStatsData} of the reference). */
public record ProxyStatsData(long requests, long successes, long errorsConnect, long errorsCompat, long errorsOther) {
    public static final ProxyStatsData ZERO = new ProxyStatsData(0, 0, 0, 0, 0);

    /** Five lines, no newline after the last ({@code strEncode}). */
    public String encode() {
        return "requests=" + requests
                + "\nsuccesses=" + successes
                + "\nerrorsConnect=" + errorsConnect
                + "\nerrorsCompat=" + errorsCompat
                + "\nerrorsOther=" + errorsOther;
    }

    /** The CSV columns, in the order of {@code showProxyStats} in {@code Server.hs}. */
    List<String> csvColumns() {
        return List.of(Long.toString(requests), Long.toString(successes), Long.toString(errorsConnect),
                Long.toString(errorsCompat), Long.toString(errorsOther));
    }

    static ProxyStatsData read(StateLines in) throws StatsFormatException {
        return new ProxyStatsData(
                in.requireLong("requests="),
                in.requireLong("successes="),
                in.requireLong("errorsConnect="),
                in.requireLong("errorsCompat="),
                in.requireLong("errorsOther="));
    }
}
