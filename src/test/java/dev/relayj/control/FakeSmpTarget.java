package dev.relayj.control;

import dev.relayj.protocol.BlockingInfo;
import dev.relayj.smp.protocol.QueueMode;
import dev.relayj.stats.EntityCounts;
import dev.relayj.stats.SmpServerStats;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/** An SMP server stand-in with fixed answers, recording the calls it gets. */
final class FakeSmpTarget implements SmpControlTarget {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final SmpServerStats stats = new SmpServerStats(Instant.parse("2024-05-01T10:20:30.500Z"));
    QueueBlockResult blockResult;
    QueueUnblockResult unblockResult = new QueueUnblockResult.WasActive();
    QueueStatusResult statusResult = new QueueStatusResult.Failed("AUTH");
    volatile Runnable onSave = () -> {};

    @Override
    public SmpServerStats stats() {
        calls.add("stats");
        return stats;
    }

    @Override
    public EntityCounts entityCounts() {
        return new EntityCounts(11, 12, 13, 14, 15, 16);
    }

    @Override
    public long storedNotificationCount() {
        return 7;
    }

    @Override
    public List<ClientInfo> clients() {
        calls.add("clients");
        return List.of(new ClientInfo(3, new byte[] {(byte) 0xfb, (byte) 0xff, 1}, true, 1_000, 1_010, 1_020, 2));
    }

    @Override
    public List<PortSockets> sockets() {
        calls.add("sockets");
        return List.of(new PortSockets("5223", 10, 4, 5, 1));
    }

    @Override
    public List<SocketThread> socketThreads() {
        calls.add("socket-threads");
        return List.of(new SocketThread("443", 9, null));
    }

    @Override
    public SmpServerInfo serverInfo(boolean withAdminDetails) {
        calls.add("server-info " + withAdminDetails);
        var q = new SmpServerInfo.QueueLengths(1, 2, 3);
        Optional<SmpServerInfo.AdminDetails> admin = withAdminDetails
                ? Optional.of(new SmpServerInfo.AdminDetails(q, 4, new SmpServerInfo.SubscriptionStates(1, 0, 3, 0), 2,
                        q, 5, 1, SmpServerInfo.QueueLengths.ZERO))
                : Optional.empty();
        return new SmpServerInfo(2, admin, new SmpServerInfo.Subscribers(4, new long[] {2, 1, 2}, new long[] {1, 2}),
                new SmpServerInfo.Subscribers(1, new long[] {2}, new long[] {2}));
    }

    @Override
    public QueueDeleteResult deleteQueue(ControlEntityId queueId) {
        calls.add("delete " + queueId.bytes().length);
        return queueId.fitsStore() ? new QueueDeleteResult.Deleted(5) : new QueueDeleteResult.Failed("AUTH");
    }

    @Override
    public QueueStatusResult queueStatus(ControlEntityId queueId) {
        calls.add("status");
        return statusResult;
    }

    @Override
    public QueueBlockResult blockQueue(ControlEntityId queueId, BlockingInfo info) {
        calls.add("block " + info.toText());
        return blockResult != null ? blockResult : new QueueBlockResult.Blocked(info);
    }

    @Override
    public QueueUnblockResult unblockQueue(ControlEntityId queueId) {
        calls.add("unblock");
        return unblockResult;
    }

    @Override
    public String reloadCertificates() {
        calls.add("reload-certs");
        return "certificates reloaded";
    }

    @Override
    public void save() {
        calls.add("save");
        onSave.run();
    }

    static QueueStatusResult found(QueueEntityStatus status) {
        return new QueueStatusResult.Found(status, OptionalLong.of(1_714_521_600), Optional.of(QueueMode.MESSAGING));
    }
}
