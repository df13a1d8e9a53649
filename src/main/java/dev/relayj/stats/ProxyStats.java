package dev.relayj.stats;

/** Counters of proxied sessions or forwarded messages ({@code ProxyStats} in {@code Server/Stats.hs}). */
public final class ProxyStats {
    public final Counter requests = new Counter();
    /** Includes destination server errors that are forwarded to the client. */
    public final Counter successes = new Counter();
    public final Counter errorsConnect = new Counter();
    public final Counter errorsCompat = new Counter();
    public final Counter errorsOther = new Counter();

    public ProxyStatsData snapshot() {
        return new ProxyStatsData(requests.get(), successes.get(), errorsConnect.get(), errorsCompat.get(),
                errorsOther.get());
    }

    public ProxyStatsData snapshotThenReset() {
        return new ProxyStatsData(requests.getAndReset(), successes.getAndReset(), errorsConnect.getAndReset(),
                errorsCompat.getAndReset(), errorsOther.getAndReset());
    }

    public void restore(ProxyStatsData d) {
        requests.set(d.requests());
        successes.set(d.successes());
        errorsConnect.set(d.errorsConnect());
        errorsCompat.set(d.errorsCompat());
        errorsOther.set(d.errorsOther());
    }
}
