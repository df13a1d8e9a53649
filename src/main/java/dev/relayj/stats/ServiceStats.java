package dev.relayj.stats;

/** Counters of client services ({@code ServiceStats} in {@code Server/Stats.hs}). */
public final class ServiceStats {
    public final Counter assocNew = new Counter();
    public final Counter assocDuplicate = new Counter();
    public final Counter assocUpdated = new Counter();
    public final Counter assocRemoved = new Counter();
    public final Counter subCount = new Counter();
    public final Counter subDuplicate = new Counter();
    public final Counter subQueues = new Counter();
    public final Counter subEnd = new Counter();

    public ServiceStatsData snapshot() {
        return new ServiceStatsData(assocNew.get(), assocDuplicate.get(), assocUpdated.get(), assocRemoved.get(),
                subCount.get(), subDuplicate.get(), subQueues.get(), subEnd.get());
    }

    public void restore(ServiceStatsData d) {
        assocNew.set(d.assocNew());
        assocDuplicate.set(d.assocDuplicate());
        assocUpdated.set(d.assocUpdated());
        assocRemoved.set(d.assocRemoved());
        subCount.set(d.subCount());
        subDuplicate.set(d.subDuplicate());
        subQueues.set(d.subQueues());
        subEnd.set(d.subEnd());
    }
}
