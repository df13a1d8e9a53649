package dev.relayj.control;

import dev.relayj.protocol.BlockingInfo;
import dev.relayj.smp.protocol.QueueMode;
import dev.relayj.stats.EntityCounts;
import dev.relayj.stats.SmpServerStats;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the SMP server gives its control port. The control port checks roles, parses, and prints
 * every line in the reference's format; the server only answers with data. Calls come from
 * control-port threads, concurrently with traffic.
 *
 * <p>Queue commands name a queue by its sender id, or else by its link id (the reference's
 * {@code getSenderQueue}: {@code SSender}, then {@code SSenderLink} when that gives AUTH).
 * An id longer than {@link ControlEntityId#MAX_STORED_LENGTH} names no queue. Errors are the
 * reference's {@code show} of its {@code ErrorType}, e.g. {@code AUTH}.
 */
public interface SmpControlTarget {
    /** The live counters ({@code stats}). */
    SmpServerStats stats();

    /** Counts from the queue store ({@code getEntityCounts}). */
    EntityCounts entityCounts();

    /** Notifications held in memory, summed over queues (admin-only "ntfCount 2"). */
    long storedNotificationCount();

    /** Connected clients in id order ({@code clients}). */
    List<ClientInfo> clients();

    /** Socket counters of each listening port ({@code sockets}). */
    List<PortSockets> sockets();

    /** Each open socket's thread ({@code socket-threads}). */
    List<SocketThread> socketThreads();

    /** Clients and subscriptions ({@code server-info}); the admin part only when asked. */
    SmpServerInfo serverInfo(boolean withAdminDetails);

    /** {@code delete}: deletes the queue and its messages. */
    QueueDeleteResult deleteQueue(ControlEntityId queueId);

    /** {@code status}. */
    QueueStatusResult queueStatus(ControlEntityId queueId);

    /**
     * {@code block}: checks the daily quota of blocked queues first, blocks (and tells the
     * subscribed client {@code ERR BLOCKED}) unless already blocked with this same info, and counts
     * {@code qBlocked} only when the queue was active.
     */
    QueueBlockResult blockQueue(ControlEntityId queueId, BlockingInfo info);

    /** {@code unblock}. */
    QueueUnblockResult unblockQueue(ControlEntityId queueId);

    /** {@code save}: saves the server state under the server's saving lock. */
    void save() throws IOException;

    /**
     * {@code reload-certs}: new connections get the certificates now in the files, open ones keep
     * theirs; returns the line to show (what was loaded, or why nothing was).
     */
    String reloadCertificates();

    /**
     * One connected client, a row of {@code clients}.
     *
     * @param sessionId the TLS session id, printed in standard base64
     * @param createdAtSeconds when it connected, epoch seconds; its age is counted from this
     */
    record ClientInfo(
            long clientId,
            byte[] sessionId,
            boolean connected,
            long createdAtSeconds,
            long rcvActiveAtSeconds,
            long sndActiveAtSeconds,
            int subscriptions) {
        public ClientInfo {
            sessionId = sessionId.clone();
        }

        @Override
        public byte[] sessionId() {
            return sessionId.clone();
        }
    }

    /** The socket counters of one port; {@code leaked = accepted - closed - active}. */
    record PortSockets(String port, long accepted, long closed, long active, long leaked) {}

    /**
     * An open socket's serving thread.
     *
     * @param thread the thread, or null when it is gone
     */
    record SocketThread(String port, long socketId, Thread thread) {}

    /** The status of one queue, or why there is none. */
    sealed interface QueueStatusResult {
        /**
         * @param updatedAt the day of the last update, epoch seconds (a multiple of 86400), when known
         */
        record Found(QueueEntityStatus status, OptionalLong updatedAt, Optional<QueueMode> queueMode)
                implements QueueStatusResult {}

        record Failed(String error) implements QueueStatusResult {}
    }

    /** A queue's {@code ServerEntityStatus}. */
    sealed interface QueueEntityStatus {
        record Active() implements QueueEntityStatus {}

        record Blocked(BlockingInfo info) implements QueueEntityStatus {}

        record Off() implements QueueEntityStatus {}
    }

    sealed interface QueueDeleteResult {
        record Deleted(long messagesDeleted) implements QueueDeleteResult {}

        record Failed(String error) implements QueueDeleteResult {}
    }

    sealed interface QueueBlockResult {
        /** The queue was active and is blocked now. */
        record Blocked(BlockingInfo info) implements QueueBlockResult {}

        /** The queue was blocked or off before; it is blocked with {@code info} now. */
        record AlreadyInactive(BlockingInfo info) implements QueueBlockResult {}

        /** {@code daily_block_queue_quota} queues were blocked today already (a quota of 0 is no limit). */
        record QuotaReached(long quota) implements QueueBlockResult {}

        record Failed(String error) implements QueueBlockResult {}
    }

    sealed interface QueueUnblockResult {
        /** The queue was blocked for this reason and is active now. */
        record Unblocked(BlockingInfo previousInfo) implements QueueUnblockResult {}

        record WasActive() implements QueueUnblockResult {}

        /** The queue is off: it cannot be unblocked. */
        record Inactive() implements QueueUnblockResult {}

        record Failed(String error) implements QueueUnblockResult {}
    }
}
