package dev.relayj.control;

import static dev.relayj.stats.SmpCounter.*;

import dev.relayj.stats.EntityCounts;
import dev.relayj.stats.ProxyStats;
import dev.relayj.stats.ProxyStatsData;
import dev.relayj.stats.SmpCounter;
import dev.relayj.stats.SmpServerStats;
import java.io.IOException;

/** The lines of SMP {@code stats}, in the order and wording of the {@code CPStats} case in {@code Server.hs}. */
final class SmpStatsLines {
    private SmpStatsLines() {}

    static void write(ControlSession session, SmpControlTarget target, boolean admin) throws IOException {
        SmpServerStats s = session.callTarget(target::stats);
        EntityCounts counts = session.callTarget(target::entityCounts);
        session.println("fromTime: " + ReferenceShow.utcTime(s.fromTime()));
        stat(session, s, Q_CREATED);
        stat(session, s, Q_SECURED);
        stat(session, s, Q_DELETED_ALL);
        stat(session, s, Q_DELETED_ALL_B);
        stat(session, s, Q_DELETED_NEW);
        stat(session, s, Q_DELETED_SECURED);
        session.println("daily active queues: " + s.activeQueues.snapshot().day().length);
        stat(session, s, Q_SUB);
        stat(session, s, Q_SUB_ALL_B);
        stat(session, s, Q_SUB_END);
        stat(session, s, Q_SUB_END_B);
        session.println("other SUB events (auth, duplicate, prohibited): "
                + ReferenceShow.tuple(s.counter(Q_SUB_AUTH).get(), s.counter(Q_SUB_DUPLICATE).get(), s.counter(Q_SUB_PROHIBITED).get()));
        stat(session, s, MSG_SENT);
        stat(session, s, MSG_RECV);
        stat(session, s, MSG_RECV_GET);
        stat(session, s, MSG_GET);
        stat(session, s, MSG_GET_NO_MSG);
        session.println("other GET events (auth, duplicate, prohibited): "
                + ReferenceShow.tuple(s.counter(MSG_GET_AUTH).get(), s.counter(MSG_GET_DUPLICATE).get(), s.counter(MSG_GET_PROHIBITED).get()));
        stat(session, s, MSG_SENT_NTF);
        stat(session, s, MSG_RECV_NTF);
        stat(session, s, MSG_NTFS);
        stat(session, s, MSG_NTFS_B);
        stat(session, s, MSG_NTF_EXPIRED);
        stat(session, s, Q_COUNT);
        session.println("qCount 2: " + counts.queueCount());
        session.println("notifiers: " + counts.notifierCount());
        stat(session, s, MSG_COUNT);
        stat(session, s, NTF_COUNT);
        if (admin) {
            session.println("ntfCount 2: " + session.callTarget(target::storedNotificationCount));
        }
        proxy(session, "pRelays", s.pRelays);
        proxy(session, "pRelaysOwn", s.pRelaysOwn);
        proxy(session, "pMsgFwds", s.pMsgFwds);
        proxy(session, "pMsgFwdsOwn", s.pMsgFwdsOwn);
        stat(session, s, P_MSG_FWDS_RECV);
        session.println("rcvServiceCount: " + counts.rcvServiceCount());
        session.println("ntfServiceCount: " + counts.ntfServiceCount());
        session.println("rcvServiceQueuesCount: " + counts.rcvServiceQueuesCount());
        session.println("ntfServiceQueuesCount: " + counts.ntfServiceQueuesCount());
    }

    private static void stat(ControlSession session, SmpServerStats stats, SmpCounter counter) throws IOException {
        session.println(counter.key() + ": " + stats.counter(counter).get());
    }

    private static void proxy(ControlSession session, String label, ProxyStats stats) throws IOException {
        ProxyStatsData d = stats.snapshot();
        session.println(label + ": requests=" + d.requests() + ", successes=" + d.successes()
                + ", errorsConnect=" + d.errorsConnect() + ", errorsCompat=" + d.errorsCompat()
                + ", errorsOther=" + d.errorsOther());
    }
}
