package dev.relayj.stats;

import static dev.relayj.stats.SmpCounter.*;

import java.time.Instant;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The SMP metrics file ({@code smp-server-metrics.txt}) in Prometheus text format, exactly as
 * {@code prometheusMetrics} in the reference's {@code Server/Prometheus.hs} writes it, misspelt
 * metric names ("subscribtion") and HELP texts included: samples of counters carry the recording
 * time in epoch milliseconds and a comment naming their source; the live gauges at the end carry
 * neither, as there.
 */
public final class SmpPrometheusMetrics {
    /** The environment variable the info metric names for runtime options. */
    public static final String RTS_OPTIONS_ENV = "SMP_RTS_OPTIONS";

    private static final long[][] BUCKET_SUM_PERIODS = {{0, 60}, {60, 300}, {300, 1200}, {1200, 3600},
            {3600, Long.MAX_VALUE}};

    private SmpPrometheusMetrics() {}

    public static String render(SmpServerStatsData d, EntityCounts ec, SmpRealTimeMetrics rt, Instant recordedAt,
            String version, String runtimeOptions) {
        String ts = " " + recordedAt.toEpochMilli();
        Out o = new Out(ts);
        PeriodStatCounts ps = d.activeQueues().counts();
        PeriodStatCounts psNtf = d.activeQueuesNtf().counts();
        StringBuilder sb = o.sb;
        sb.append("# Recorded at: ").append(UtcTimeText.format(recordedAt)).append('\n');
        sb.append("# Stats from: ").append(UtcTimeText.format(d.fromTime())).append('\n');
        sb.append('\n');

        o.section("Queues");
        o.metric("simplex_smp_queues_created", "Created queues", "counter", "", d.get(Q_CREATED), "qCreated");
        o.metric("simplex_smp_queues_secured", "Secured queues", "counter", "", d.get(Q_SECURED), "qSecured");
        o.head("simplex_smp_queues_deleted", "Deleted queues", "counter");
        o.sample("simplex_smp_queues_deleted", "{type=\"all\"}", d.get(Q_DELETED_ALL), "qDeleted");
        o.sample("simplex_smp_queues_deleted", "{type=\"new\"}", d.get(Q_DELETED_NEW), "qDeletedNew");
        o.sample("simplex_smp_queues_deleted", "{type=\"secured\"}", d.get(Q_DELETED_SECURED), "qDeletedSecured");
        sb.append('\n');
        o.metric("simplex_smp_queues_blocked", "Deleted queues", "counter", "", d.get(Q_BLOCKED), "qBlocked");
        o.metric("simplex_smp_queues_deleted_batch", "Batched requests to delete queues", "counter", "",
                d.get(Q_DELETED_ALL_B), "qDeletedAllB");
        o.metric("simplex_smp_queues_total1", "Total number of stored queues (first type of count).", "gauge", "",
                d.get(Q_COUNT), "qCount");
        o.metric("simplex_smp_queues_total2", "Total number of stored queues (second type of count).", "gauge", "",
                ec.queueCount(), "qCount2");
        o.metricText("simplex_smp_queues_daily", "Daily active queues.", ps.day(), "dayMsgQueues");
        o.metricText("simplex_smp_queues_weekly", "Weekly active queues.", ps.week(), "weekMsgQueues");
        o.metricText("simplex_smp_queues_monthly", "Monthly active queues.", ps.month(), "monthMsgQueues");
        o.metricText("simplex_smp_queues_notify_daily", "Daily active queues with notifications.", psNtf.day(),
                "dayCountNtf");
        o.metricText("simplex_smp_queues_notify_weekly", "Weekly active queues with notifications.", psNtf.week(),
                "weekCountNtf");
        o.metricText("simplex_smp_queues_notify_monthly", "Monthly active queues with notifications.", psNtf.month(),
                "monthCountNtf");

        o.section("Subscriptions");
        o.metric("simplex_smp_subscribtion_successes", "Successful subscriptions.", "counter", "", d.get(Q_SUB), "qSub");
        o.metric("simplex_smp_subscribtion_successes_batch", "Batched successful subscriptions.", "counter", "",
                d.get(Q_SUB_ALL_B), "qSubAllB");
        o.metric("simplex_smp_subscribtion_end", "Ended subscriptions.", "counter", "", d.get(Q_SUB_END), "qSubEnd");
        o.metric("simplex_smp_subscribtion_end_batch", "Batched ended subscriptions.", "counter", "", d.get(Q_SUB_END_B),
                "qSubEndB");
        o.head("simplex_smp_subscribtion_errors", "Subscription errors.", "counter");
        o.sample("simplex_smp_subscribtion_errors", "{type=\"auth\"}", d.get(Q_SUB_AUTH), "qSubAuth");
        o.sample("simplex_smp_subscribtion_errors", "{type=\"duplicate\"}", d.get(Q_SUB_DUPLICATE), "qSubDuplicate");
        o.sample("simplex_smp_subscribtion_errors", "{type=\"prohibited\"}", d.get(Q_SUB_PROHIBITED), "qSubProhibited");
        sb.append('\n');

        o.section("Messages");
        o.metric("simplex_smp_messages_sent", "Sent messages.", "counter", "", d.get(MSG_SENT), "msgSent");
        o.head("simplex_smp_messages_sent_errors", "Total number of messages errors by type.", "counter");
        o.sample("simplex_smp_messages_sent_errors", "{type=\"auth\"}", d.get(MSG_SENT_AUTH), "msgSentAuth");
        o.sample("simplex_smp_messages_sent_errors", "{type=\"quota\"}", d.get(MSG_SENT_QUOTA), "msgSentQuota");
        o.sample("simplex_smp_messages_sent_errors", "{type=\"large\"}", d.get(MSG_SENT_LARGE), "msgSentLarge");
        o.sample("simplex_smp_messages_sent_errors", "{type=\"block\"}", d.get(MSG_SENT_BLOCK), "msgSentBlock");
        sb.append('\n');
        o.metric("simplex_smp_messages_received", "Received messages.", "counter", "", d.get(MSG_RECV), "msgRecv");
        o.metric("simplex_smp_messages_expired", "Expired messages.", "counter", "", d.get(MSG_EXPIRED), "msgExpired");
        o.metric("simplex_smp_messages_total", "Total number of messages stored.", "gauge", "", d.get(MSG_COUNT),
                "msgCount");

        o.section("Notification messages (client)");
        o.metric("simplex_smp_messages_notify_sent", "Sent messages with notification flag (cleint).", "counter", "",
                d.get(MSG_SENT_NTF), "msgSentNtf");
        o.metric("simplex_smp_messages_notify_received", "Received messages with notification flag (client).",
                "counter", "", d.get(MSG_RECV_NTF), "msgRecvNtf");
        o.metric("simplex_smp_messages_notify_get_sent", "Requests to get messages with notification flag (client).",
                "counter", "", d.get(MSG_GET), "msgGet");
        o.metric("simplex_smp_messages_notify_get_received",
                "Succesfully received get requests messages with notification flag (client).", "counter", "",
                d.get(MSG_RECV_GET), "msgRecvGet");
        o.head("simplex_smp_messages_notify_get_errors",
                "Error events with messages with notification flag (client). ", "counter");
        o.sample("simplex_smp_messages_notify_get_errors", "{type=\"nomsg\"}", d.get(MSG_GET_NO_MSG), "msgGetNoMsg");
        o.sample("simplex_smp_messages_notify_get_errors", "{type=\"auth\"}", d.get(MSG_GET_AUTH), "msgGetAuth");
        o.sample("simplex_smp_messages_notify_get_errors", "{type=\"duplicate\"}", d.get(MSG_GET_DUPLICATE),
                "msgGetDuplicate");
        o.sample("simplex_smp_messages_notify_get_errors", "{type=\"prohibited\"}", d.get(MSG_GET_PROHIBITED),
                "msgGetProhibited");
        sb.append('\n');
        o.metric("simplex_smp_queues_notify_created", "Created queue notification credentials.", "counter", "",
                d.get(NTF_CREATED), "ntfCreated");
        o.metric("simplex_smp_queues_notify_new_created", "Created new queues with notification credentials.",
                "counter", "", d.get(NTF_NEW_CREATED), "ntfNewCreated");
        o.metric("simplex_smp_queues_notify_deleted", "Deleted queue notification credentials.", "counter", "",
                d.get(NTF_DELETED), "ntfDeleted");
        o.metric("simplex_smp_queues_notify_deleted_batch", "Deleted batched queue notification credentials.",
                "counter", "", d.get(NTF_DELETED_B), "ntfDeletedB");
        o.metric("simplex_smp_queues_notify_total1",
                "Total number of stored queues with notification flag (first type of count).", "gauge", "",
                d.get(NTF_COUNT), "ntfCount1");
        o.metric("simplex_smp_queues_notify_total2",
                "Total number of stored queues with notification flag (second type of count).", "gauge", "",
                ec.notifierCount(), "ntfCount2");

        o.section("Notifications (server)");
        o.metric("simplex_smp_messages_ntf_successes",
                "Successful events with notification messages (to ntf server). ", "counter", "", d.get(MSG_NTFS),
                "msgNtfs");
        o.metric("simplex_smp_messages_ntf_successes_batch",
                "Successful batched events with notification messages (to ntf server). ", "counter", "",
                d.get(MSG_NTFS_B), "msgNtfsB");
        o.head("simplex_smp_messages_ntf_errors", "Error events with notification messages (to ntf server). ",
                "counter");
        o.sample("simplex_smp_messages_ntf_errors", "{type=\"nosub\"}", d.get(MSG_NTF_NO_SUB), "msgNtfNoSub");
        o.sample("simplex_smp_messages_ntf_errors", "{type=\"lost\"}", d.get(MSG_NTF_LOST), "msgNtfLost");
        o.sample("simplex_smp_messages_ntf_errors", "{type=\"expired\"}", d.get(MSG_NTF_EXPIRED), "msgNtfExpired");
        sb.append('\n');
        o.metric("simplex_smp_subscription_ntf_requests",
                "Subscription requests with notification flag (from ntf server). ", "counter", "", d.get(NTF_SUB),
                "ntfSub");
        o.metric("simplex_smp_subscription_ntf_requests_batch",
                "Batched subscription requests with notification flag (from ntf server). ", "counter", "",
                d.get(NTF_SUB_B), "ntfSubB");
        o.head("simplex_smp_subscribtion_ntf_errors",
                "Subscription errors with notification flag (from ntf server). ", "counter");
        o.sample("simplex_smp_subscribtion_ntf_errors", "{type=\"auth\"}", d.get(NTF_SUB_AUTH), "ntfSubAuth");
        o.sample("simplex_smp_subscribtion_ntf_errors", "{type=\"duplicate\"}", d.get(NTF_SUB_DUPLICATE),
                "ntfSubDuplicate");
        sb.append('\n');

        o.section("Relays");
        o.proxy("simplex_smp_relay_sessions_requests", "Session requests through relay.", d.pRelays(), d.pRelaysOwn(),
                "pRelays", ProxyStatsData::requests, "pRequests");
        o.proxy("simplex_smp_relay_sessions_successes", "Successful session events through relay.", d.pRelays(),
                d.pRelaysOwn(), "pRelays", ProxyStatsData::successes, "pSuccesses");
        o.proxyErrors("simplex_smp_relay_sessions_errors", "Error session events through relay.", d.pRelays(),
                d.pRelaysOwn(), "pRelays");
        o.proxy("simplex_smp_relay_messages_requests", "Message requests sent through relay.", d.pMsgFwds(),
                d.pMsgFwdsOwn(), "pMsgFwds", ProxyStatsData::requests, "pRequests");
        o.proxy("simplex_smp_relay_messages_successes", "Successful messages sent through relay.", d.pMsgFwds(),
                d.pMsgFwdsOwn(), "pMsgFwds", ProxyStatsData::successes, "pSuccesses");
        o.proxyErrors("simplex_smp_relay_messages_errors", "Error events with messages sent through relay.",
                d.pMsgFwds(), d.pMsgFwdsOwn(), "pMsgFwds");
        o.metric("simplex_smp_relay_messages_received", "Relay messages statistics.", "counter", "",
                d.get(P_MSG_FWDS_RECV), "pMsgFwdsRecv");

        // no blank line after this heading in the reference
        sb.append("# Services\n# --------\n");
        o.metric("simplex_smp_rcv_services_count", "The count of receiving services.", "gauge", "",
                ec.rcvServiceCount(), "rcvServiceCount");
        o.metric("simplex_smp_rcv_services_queues_count", "The count of queues associated with receiving services.",
                "gauge", "", ec.rcvServiceQueuesCount(), "rcv.rcvServiceQueuesCount");
        o.metric("simplex_smp_ntf_services_count", "The count of notification services.", "gauge", "",
                ec.ntfServiceCount(), "ntfServiceCount");
        o.metric("simplex_smp_ntf_services_queues_count",
                "The count of queues associated with notification services.", "gauge", "",
                ec.ntfServiceQueuesCount(), "ntfServiceQueuesCount");
        o.services(d.rcvServices(), "rcv", "receiving");
        o.services(d.ntfServices(), "ntf", "notification");

        o.section("Info");
        sb.append("# HELP simplex_smp_info Server information. RTS options have to be passed via ")
                .append(RTS_OPTIONS_ENV).append(" env var\n");
        sb.append("# TYPE simplex_smp_info gauge\n");
        sb.append("simplex_smp_info{version=\"").append(version).append("\",rts_options=\"").append(runtimeOptions)
                .append("\"} 1\n\n");
        o.sockets("simplex_smp_sockets_accepted", "Accepted sockets", rt, SmpRealTimeMetrics.PortSockets::accepted);
        o.sockets("simplex_smp_sockets_closed", "Closed sockets", rt, SmpRealTimeMetrics.PortSockets::closed);
        o.sockets("simplex_smp_sockets_active", "Active sockets", rt, SmpRealTimeMetrics.PortSockets::active);
        o.sockets("simplex_smp_sockets_leaked", "Leaked sockets", rt, SmpRealTimeMetrics.PortSockets::leaked);
        o.live("simplex_smp_threads_total", "Threads", rt.threads(), null);
        o.live("simplex_smp_clients_total", "Clients", rt.clients(), null);
        o.live("simplex_smp_delivered_total", "Total SMP subscriptions with delivered messages",
                rt.delivered().subscriptions(), "delivered.subsCount");
        o.live("simplex_smp_delivered_clients_total", "Subscribed clients", rt.delivered().clients(),
                "delivered.subClientsCount");
        String ack = "simplex_smp_delivery_ack_confirmed_time";
        long confirmed = d.get(MSG_RECV) + d.get(MSG_RECV_GET);
        sb.append("# HELP ").append(ack).append(" Times to confirm message delivery, only confirmed deliveries\n");
        sb.append("# TYPE ").append(ack).append(" histogram\n");
        sb.append(ack).append("_sum ").append(d.msgRecvAckTimes().sumTime()).append(ts).append('\n');
        sb.append(ack).append("_count ").append(confirmed).append(ts).append('\n');
        o.timeBuckets(ack, d.msgRecvAckTimes().buckets());
        o.timeBucket(ack, "+Inf", confirmed);
        sb.append('\n');
        sb.append("# HELP simplex_smp_delivery_ack_confirmed_count Counts for confirmed deliveries\n");
        sb.append("# TYPE simplex_smp_delivery_ack_confirmed_count counter\n");
        o.bucketSums("simplex_smp_delivery_ack_confirmed_count", d.msgRecvAckTimes().buckets());
        sb.append('\n');
        sb.append("# HELP simplex_smp_delivery_ack_pending_count Counts for pending delivery\n");
        sb.append("# TYPE simplex_smp_delivery_ack_pending_count gauge\n");
        o.bucketSums("simplex_smp_delivery_ack_pending_count", rt.deliveredTimes().buckets());
        sb.append('\n');
        o.live("simplex_smp_delivery_ack_time_max", "Max time to confirm message delivery",
                rt.deliveredTimes().maxTime(), "delivered.maxTime");
        o.live("simplex_smp_subscribtion_total", "Total SMP subscriptions", rt.smpSubscribers().subscriptions(),
                "smp.subsCount");
        o.live("simplex_smp_subscribtion_clients_total", "Subscribed clients", rt.smpSubscribers().clients(),
                "smp.subClientsCount");
        o.live("simplex_smp_subscribtion_services_total", "Subscribed services, first counting method",
                rt.smpSubscribers().services(), "smp.subServicesCount");
        o.live("simplex_smp_subscription_ntf_total", "Total notification subscripbtions (from ntf server)",
                rt.ntfSubscribers().subscriptions(), "ntf.subsCount");
        o.live("simplex_smp_subscription_ntf_clients_total", "Total subscribed NTF servers",
                rt.ntfSubscribers().clients(), "ntf.subClientsCount");
        o.live("simplex_smp_subscribtion_nts_services_total", "Subscribed NTF services, first counting method",
                rt.ntfSubscribers().services(), "ntf.subServicesCount");
        SmpRealTimeMetrics.LoadedCounts l = rt.loaded();
        o.live("simplex_smp_loaded_queues_queue_count",
                "Total loaded queues count (all queues for memory/journal storage)", l.queues(),
                "loadedCounts.loadedQueueCount");
        o.live("simplex_smp_loaded_queues_ntf_count",
                "Total loaded ntf credential references (all ntf credentials for memory/journal storage)",
                l.notifiers(), "loadedCounts.loadedNotifierCount");
        o.live("simplex_smp_loaded_queues_open_journal_count", "Total opened queue journals (0 for memory storage)",
                l.openJournals(), "loadedCounts.openJournalCount");
        o.live("simplex_smp_loaded_queues_queue_lock_count", "Total queue locks (0 for memory storage)",
                l.queueLocks(), "loadedCounts.queueLockCount");
        // the last metric ends without a blank line
        sb.append("# HELP simplex_smp_loaded_queues_ntf_lock_count Total notifier locks (0 for memory/journal storage)\n");
        sb.append("# TYPE simplex_smp_loaded_queues_ntf_lock_count gauge\n");
        sb.append("simplex_smp_loaded_queues_ntf_lock_count ").append(l.notifierLocks()).append(ts).append('\n');
        sb.append("# loadedCounts.notifierLockCount\n");
        return sb.toString();
    }

    /** The text being written and the timestamp suffix of samples. */
    private static final class Out {
        final StringBuilder sb = new StringBuilder(16384);
        final String ts;

        Out(String ts) {
            this.ts = ts;
        }

        void section(String title) {
            sb.append("# ").append(title).append('\n').append("# ").append("-".repeat(title.length())).append("\n\n");
        }

        void head(String name, String help, String type) {
            sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
            sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        }

        void sample(String name, String labels, Object value, String source) {
            sb.append(name).append(labels).append(' ').append(value).append(ts).append('\n');
            sb.append("# ").append(source).append('\n');
        }

        void metric(String name, String help, String type, String labels, long value, String source) {
            head(name, help, type);
            sample(name, labels, value, source);
            sb.append('\n');
        }

        /** {@code mstr}: a period count is already text. */
        void metricText(String name, String help, String value, String source) {
            head(name, help, "gauge");
            sample(name, "", value, source);
            sb.append('\n');
        }

        void proxy(String name, String help, ProxyStatsData all, ProxyStatsData own, String source,
                ToLongFunction<ProxyStatsData> field, String fieldName) {
            head(name, help, "counter");
            sample(name, "{source=\"all\"}", field.applyAsLong(all), source + "_" + fieldName);
            sample(name, "{source=\"own\"}", field.applyAsLong(own), source + "Own_" + fieldName);
            sb.append('\n');
        }

        void proxyErrors(String name, String help, ProxyStatsData all, ProxyStatsData own, String source) {
            head(name, help, "counter");
            for (boolean isOwn : new boolean[] {false, true}) {
                ProxyStatsData p = isOwn ? own : all;
                String src = isOwn ? "own" : "all";
                String comment = source + (isOwn ? "Own_" : "_");
                sample(name, "{source=\"" + src + "\",type=\"connect\"}", p.errorsConnect(), comment + "pErrorsConnect");
                sample(name, "{source=\"" + src + "\",type=\"compat\"}", p.errorsCompat(), comment + "pErrorsCompat");
                sample(name, "{source=\"" + src + "\",type=\"other\"}", p.errorsOther(), comment + "pErrorsOther");
            }
            sb.append('\n');
        }

        void services(ServiceStatsData s, String pfx, String name) {
            String m = "simplex_smp_" + pfx + "_services_";
            metric(m + "assoc_new", "New queue associations with " + name + " services.", "counter", "", s.assocNew(),
                    pfx + ".srvAssocNew");
            metric(m + "assoc_duplicate", "Duplicate queue associations with " + name + " services.", "counter", "",
                    s.assocDuplicate(), pfx + ".srvAssocDuplicate");
            metric(m + "assoc_updated", "Updated queue associations with " + name + " services.", "counter", "",
                    s.assocUpdated(), pfx + ".srvAssocUpdated");
            metric(m + "assoc_removed", "Removed queue associations with " + name + " services.", "counter", "",
                    s.assocRemoved(), pfx + ".srvAssocRemoved");
            metric(m + "sub_count", "Service subscriptions by " + name + " services.", "counter", "", s.subCount(),
                    pfx + ".srvSubCount");
            metric(m + "sub_duplicate", "Duplicate service subscriptions by " + name + " services.", "counter", "",
                    s.subDuplicate(), pfx + ".srvSubDuplicate");
            metric(m + "sub_queues", "Queues subscribed by " + name + " services.", "gauge", "", s.subQueues(),
                    pfx + ".srvSubQueues");
            metric(m + "sub_end", "Ended subscriptions with " + name + " services.", "gauge", "", s.subEnd(),
                    pfx + ".srvSubEnd");
        }

        void sockets(String name, String help, SmpRealTimeMetrics rt, ToLongFunction<SmpRealTimeMetrics.PortSockets> f) {
            head(name, help, "gauge");
            for (SmpRealTimeMetrics.PortSockets p : rt.sockets()) {
                sb.append(name).append("{port=\"").append(p.port()).append("\"} ").append(f.applyAsLong(p)).append(ts)
                        .append('\n');
            }
            sb.append('\n');
        }

        /** A live gauge; threads and clients have no source comment in the reference. */
        void live(String name, String help, long value, String source) {
            head(name, help, "gauge");
            sb.append(name).append(' ').append(value).append(ts).append('\n');
            if (source != null) {
                sb.append("# ").append(source).append('\n');
            }
            sb.append('\n');
        }

        /** {@code showTimeBuckets}: cumulative counts, with a bucket 60 s below each one after a gap. */
        void timeBuckets(String metric, Map<Integer, Long> buckets) {
            long prevSec = 0;
            long total = 0;
            for (Map.Entry<Integer, Long> b : buckets.entrySet()) {
                int sec = b.getKey();
                if (sec - 60 > prevSec) {
                    timeBucket(metric, Integer.toString(sec - 60), total);
                }
                total += b.getValue();
                timeBucket(metric, Integer.toString(sec), total);
                prevSec = sec;
            }
        }

        void timeBucket(String metric, String sec, long count) {
            sb.append(metric).append("_bucket{le=\"").append(sec).append("\"} ").append(count).append(ts).append('\n');
        }

        /**
         * {@code showBucketSums}. The reference filters the buckets by their counts (IntMap's
         * {@code filter} sees values), not by their seconds; so does this, to write the same numbers.
         */
        void bucketSums(String metric, Map<Integer, Long> buckets) {
            for (long[] period : BUCKET_SUM_PERIODS) {
                long min = period[0];
                long max = period[1];
                long sum = buckets.values().stream().filter(c -> min <= c && c < max).mapToLong(Long::longValue).sum();
                sb.append(metric).append("{period=\"").append(min).append(max <= 3600 ? "-" + max : "+").append("\"} ")
                        .append(sum).append(ts).append('\n');
            }
        }
    }
}
