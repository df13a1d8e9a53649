package dev.relayj.smp.server;

import java.time.Clock;
import java.time.Duration;

/**
 * Settings of the relay that smp-server.ini does not change: the reference's hard-coded defaults
 * ({@code serverConfig} in Server/Main.hs), which its own tests shorten ({@code cfg} in
 * tests/SMPClient.hs), as ours do.
 *
 * @param msgQueueQuota messages a queue holds before QUOTA ({@code msgQueueQuota})
 * @param clientQueueSize bound of each client's outgoing queues ({@code tbqSize})
 * @param pendingEndInterval how often END/DELD events are sent to clients that lost a subscription
 * @param ntfDeliveryInterval how often notifications are delivered to notifier subscribers
 * @param journalSyncInterval how often the message journal is made durable in the background
 *     (sent messages are made durable before OK anyway; this bounds the loss of ACKs and deletions)
 * @param allowSmpProxy whether clients may use this relay as a proxy ({@code allowSMPProxy}: always on
 *     in Server/Main.hs, off in the reference's test configuration)
 * @param handshakeTimeout the SMP handshake after TLS must end within it, or the connection is closed
 *     ({@code smpHandshakeTimeout}, 120 s in Server/Main.hs)
 */
public record ServerTuning(
        int msgQueueQuota,
        int clientQueueSize,
        Duration pendingEndInterval,
        Duration ntfDeliveryInterval,
        Duration journalSyncInterval,
        Clock clock,
        boolean allowSmpProxy,
        Duration handshakeTimeout) {

    public static final ServerTuning DEFAULT = new ServerTuning(SmpServerConfig.MSG_QUEUE_QUOTA, 128,
            SmpServerConfig.PENDING_END_INTERVAL, SmpServerConfig.NTF_DELIVERY_INTERVAL, Duration.ofSeconds(1),
            Clock.systemUTC());

    public ServerTuning(int msgQueueQuota, int clientQueueSize, Duration pendingEndInterval, Duration ntfDeliveryInterval,
            Duration journalSyncInterval, Clock clock) {
        this(msgQueueQuota, clientQueueSize, pendingEndInterval, ntfDeliveryInterval, journalSyncInterval, clock, true,
                SmpServerConfig.HANDSHAKE_TIMEOUT);
    }

    public ServerTuning withAllowSmpProxy(boolean allow) {
        return new ServerTuning(msgQueueQuota, clientQueueSize, pendingEndInterval, ntfDeliveryInterval,
                journalSyncInterval, clock, allow, handshakeTimeout);
    }

    public ServerTuning withHandshakeTimeout(Duration timeout) {
        return new ServerTuning(msgQueueQuota, clientQueueSize, pendingEndInterval, ntfDeliveryInterval,
                journalSyncInterval, clock, allowSmpProxy, timeout);
    }

    public ServerTuning {
        if (msgQueueQuota < 1 || clientQueueSize < 1) {
            throw new IllegalArgumentException("quota and client queue size must be positive");
        }
        if (!handshakeTimeout.isPositive()) {
            throw new IllegalArgumentException("the handshake timeout must be positive");
        }
    }
}
