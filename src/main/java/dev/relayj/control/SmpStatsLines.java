package dev.relayj.control;

import dev.relayj.stats.Counter;
import dev.relayj.stats.EntityCounts;
import dev.relayj.stats.ProxyStats;
import dev.relayj.stats.ProxyStatsData;
import dev.relayj.stats.SmpServerStats;
import java.io.IOException;

/** The lines of SMP {@code stats}, in the order and wording of the {@code CPStats} case in {@code Server.hs}. */
final class SmpStatsLines {
    private SmpStatsLines() {}

    static void write(ControlSession session, SmpControlTarget target, boolean admin) throws IOException {
        SmpServerStats s = session.callTarget(target::stats);
        EntityCounts counts = session.callTarget(target::entityCounts);
        session.println("fromTime: " + ReferenceShow.utcTime(s.fromTime()));
        stat(session, "qCreated", s.qCreated);
        stat(session, "qSecured", s.qSecured);
        stat(session, "qDeletedAll", s.qDeletedAll);
        stat(session, "qDeletedAllB", s.qDeletedAllB);
        stat(session, "qDeletedNew", s.qDeletedNew);
        stat(session, "qDeletedSecured", s.qDeletedSecured);
        session.println("daily active queues: " + s.activeQueues.snapshot().day().length);
        stat(session, "qSub", s.qSub);
        stat(session, "qSubAllB", s.qSubAllB);
        stat(session, "qSubEnd", s.qSubEnd);
        stat(session, "qSubEndB", s.qSubEndB);
        session.println("other SUB events (auth, duplicate, prohibited): "
                + ReferenceShow.tuple(s.qSubAuth.get(), s.qSubDuplicate.get(), s.qSubProhibited.get()));
        stat(session, "msgSent", s.msgSent);
        stat(session, "msgRecv", s.msgRecv);
        stat(session, "msgRecvGet", s.msgRecvGet);
        stat(session, "msgGet", s.msgGet);
        stat(session, "msgGetNoMsg", s.msgGetNoMsg);
        session.println("other GET events (auth, duplicate, prohibited): "
                + ReferenceShow.tuple(s.msgGetAuth.get(), s.msgGetDuplicate.get(), s.msgGetProhibited.get()));
        stat(session, "msgSentNtf", s.msgSentNtf);
        stat(session, "msgRecvNtf", s.msgRecvNtf);
        stat(session, "msgNtfs", s.msgNtfs);
        stat(session, "msgNtfsB", s.msgNtfsB);
        stat(session, "msgNtfExpired", s.msgNtfExpired);
        stat(session, "qCount", s.qCount);
        session.println("qCount 2: " + counts.queueCount());
        session.println("notifiers: " + counts.notifierCount());
        stat(session, "msgCount", s.msgCount);
        stat(session, "ntfCount", s.ntfCount);
        if (admin) {
            session.println("ntfCount 2: " + session.callTarget(target::storedNotificationCount));
        }
        proxy(session, "pRelays", s.pRelays);
        proxy(session, "pRelaysOwn", s.pRelaysOwn);
        proxy(session, "pMsgFwds", s.pMsgFwds);
        proxy(session, "pMsgFwdsOwn", s.pMsgFwdsOwn);
        stat(session, "pMsgFwdsRecv", s.pMsgFwdsRecv);
        session.println("rcvServiceCount: " + counts.rcvServiceCount());
        session.println("ntfServiceCount: " + counts.ntfServiceCount());
        session.println("rcvServiceQueuesCount: " + counts.rcvServiceQueuesCount());
        session.println("ntfServiceQueuesCount: " + counts.ntfServiceQueuesCount());
    }

    private static void stat(ControlSession session, String label, Counter counter) throws IOException {
        session.println(label + ": " + counter.get());
    }

    private static void proxy(ControlSession session, String label, ProxyStats stats) throws IOException {
        ProxyStatsData d = stats.snapshot();
        session.println(label + ": requests=" + d.requests() + ", successes=" + d.successes()
                + ", errorsConnect=" + d.errorsConnect() + ", errorsCompat=" + d.errorsCompat()
                + ", errorsOther=" + d.errorsOther());
    }
}
