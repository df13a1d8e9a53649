package dev.relayj.stats;

/**
 * The plain counters of the SMP server ({@code ServerStats} in the reference's
 * {@code Server/Stats.hs}), declared once: each has its state-file key, where the state file
 * keeps it, whether an older file may lack it, and whether the daily CSV row resets it. The
 * declaration order is the state file's order. The CSV columns ({@link SmpServerStats#csvRow})
 * and the metrics ({@link SmpPrometheusMetrics}) name these constants in their own orders, which
 * are the reference's. The structured statistics (active-queue sets, proxy and service counters,
 * delivery times) have classes of their own.
 */
public enum SmpCounter {
    Q_CREATED("qCreated", Saved.REQUIRED, Daily.RESET),
    Q_SECURED("qSecured", Saved.REQUIRED, Daily.RESET),
    /** Written as {@code qDeleted=} by the oldest files, which lack the next two. */
    Q_DELETED_ALL("qDeletedAll", Saved.REQUIRED, Daily.RESET),
    Q_DELETED_NEW("qDeletedNew", Saved.REQUIRED, Daily.RESET),
    Q_DELETED_SECURED("qDeletedSecured", Saved.REQUIRED, Daily.RESET),
    Q_DELETED_ALL_B("qDeletedAllB", Saved.OPTIONAL, Daily.RESET),
    /** Reset by the daily row but not written to it, as in the reference. */
    Q_BLOCKED("qBlocked", Saved.OPTIONAL, Daily.RESET),
    Q_COUNT("qCount", Saved.OPTIONAL, Daily.KEEP),
    /** Only subscriptions that found pending messages; older files follow it with {@code qSubNoMsg=}. */
    Q_SUB("qSub", Saved.OPTIONAL, Daily.RESET),
    /** Subscription batches, with and without pending messages. */
    Q_SUB_ALL_B("qSubAllB", Saved.OPTIONAL, Daily.RESET),
    Q_SUB_AUTH("qSubAuth", Saved.OPTIONAL, Daily.RESET),
    Q_SUB_DUPLICATE("qSubDuplicate", Saved.OPTIONAL, Daily.RESET),
    Q_SUB_PROHIBITED("qSubProhibited", Saved.OPTIONAL, Daily.RESET),
    Q_SUB_END("qSubEnd", Saved.OPTIONAL, Daily.RESET),
    Q_SUB_END_B("qSubEndB", Saved.OPTIONAL, Daily.RESET),
    NTF_CREATED("ntfCreated", Saved.OPTIONAL, Daily.RESET),
    /** Notifier credentials created together with the queue. */
    NTF_NEW_CREATED("ntfNewCreated", Saved.OPTIONAL, Daily.KEEP),
    NTF_DELETED("ntfDeleted", Saved.OPTIONAL, Daily.RESET),
    NTF_DELETED_B("ntfDeletedB", Saved.OPTIONAL, Daily.RESET),
    NTF_SUB("ntfSub", Saved.OPTIONAL, Daily.RESET),
    NTF_SUB_B("ntfSubB", Saved.OPTIONAL, Daily.RESET),
    NTF_SUB_AUTH("ntfSubAuth", Saved.OPTIONAL, Daily.RESET),
    NTF_SUB_DUPLICATE("ntfSubDuplicate", Saved.OPTIONAL, Daily.RESET),
    MSG_SENT("msgSent", Saved.REQUIRED, Daily.RESET),
    MSG_SENT_AUTH("msgSentAuth", Saved.OPTIONAL, Daily.RESET),
    MSG_SENT_QUOTA("msgSentQuota", Saved.OPTIONAL, Daily.RESET),
    MSG_SENT_LARGE("msgSentLarge", Saved.OPTIONAL, Daily.RESET),
    MSG_SENT_BLOCK("msgSentBlock", Saved.OPTIONAL, Daily.KEEP),
    MSG_RECV("msgRecv", Saved.REQUIRED, Daily.RESET),
    MSG_RECV_GET("msgRecvGet", Saved.OPTIONAL, Daily.RESET),
    MSG_GET("msgGet", Saved.OPTIONAL, Daily.RESET),
    MSG_GET_NO_MSG("msgGetNoMsg", Saved.OPTIONAL, Daily.RESET),
    MSG_GET_AUTH("msgGetAuth", Saved.OPTIONAL, Daily.RESET),
    MSG_GET_DUPLICATE("msgGetDuplicate", Saved.OPTIONAL, Daily.RESET),
    MSG_GET_PROHIBITED("msgGetProhibited", Saved.OPTIONAL, Daily.RESET),
    MSG_EXPIRED("msgExpired", Saved.OPTIONAL, Daily.RESET),
    /** Sent messages with the notification flag. */
    MSG_SENT_NTF("msgSentNtf", Saved.OPTIONAL, Daily.RESET),
    /** Received messages with the notification flag. */
    MSG_RECV_NTF("msgRecvNtf", Saved.OPTIONAL, Daily.RESET),
    /** Message notifications delivered to notification servers. */
    MSG_NTFS("msgNtfs", Saved.OPTIONAL, Daily.RESET),
    /** Batches of message notifications delivered to notification servers. */
    MSG_NTFS_B("msgNtfsB", Saved.OPTIONAL, Daily.RESET),
    /** No subscriber to notifications (e.g. the notification server is not connected). */
    MSG_NTF_NO_SUB("msgNtfNoSub", Saved.OPTIONAL, Daily.RESET),
    /** Notifications lost because the delivery queue was full. */
    MSG_NTF_LOST("msgNtfLost", Saved.OPTIONAL, Daily.RESET),
    MSG_NTF_EXPIRED("msgNtfExpired", Saved.OPTIONAL, Daily.RESET),
    /** Saved after the proxy statistics, not with the counters above. */
    P_MSG_FWDS_RECV("pMsgFwdsRecv", Saved.OPTIONAL_AFTER_PROXIES, Daily.RESET),
    /** Recounted from the message store at start. */
    MSG_COUNT("msgCount", Saved.NOT_SAVED, Daily.KEEP),
    /** Recounted from the notification store at start. */
    NTF_COUNT("ntfCount", Saved.NOT_SAVED, Daily.KEEP);

    /** Where the state file keeps a counter, and whether an older file may lack it (then it reads as 0). */
    enum Saved {
        REQUIRED,
        OPTIONAL,
        OPTIONAL_AFTER_PROXIES,
        NOT_SAVED
    }

    /** What the daily CSV row does to a counter: reset it for the next period, or keep it (a gauge). */
    enum Daily {
        RESET,
        KEEP
    }

    private final String key;
    private final Saved saved;
    private final Daily daily;

    SmpCounter(String key, Saved saved, Daily daily) {
        this.key = key;
        this.saved = saved;
        this.daily = daily;
    }

    /** The name in the state file and in the reference ({@code qCreated}). */
    public String key() {
        return key;
    }

    Saved saved() {
        return saved;
    }

    boolean resetDaily() {
        return daily == Daily.RESET;
    }
}
