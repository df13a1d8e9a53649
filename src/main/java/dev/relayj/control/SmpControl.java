package dev.relayj.control;

import dev.relayj.control.SmpControlCommand.Auth;
import dev.relayj.control.SmpControlCommand.Block;
import dev.relayj.control.SmpControlCommand.Clients;
import dev.relayj.control.SmpControlCommand.Delete;
import dev.relayj.control.SmpControlCommand.Help;
import dev.relayj.control.SmpControlCommand.Quit;
import dev.relayj.control.SmpControlCommand.Resume;
import dev.relayj.control.SmpControlCommand.Save;
import dev.relayj.control.SmpControlCommand.ServerInfo;
import dev.relayj.control.SmpControlCommand.Skip;
import dev.relayj.control.SmpControlCommand.SocketThreads;
import dev.relayj.control.SmpControlCommand.Sockets;
import dev.relayj.control.SmpControlCommand.Stats;
import dev.relayj.control.SmpControlCommand.StatsRts;
import dev.relayj.control.SmpControlCommand.Status;
import dev.relayj.control.SmpControlCommand.Suspend;
import dev.relayj.control.SmpControlCommand.Threads;
import dev.relayj.control.SmpControlCommand.Unblock;
import dev.relayj.control.SmpControlTarget.QueueBlockResult;
import dev.relayj.control.SmpControlTarget.QueueDeleteResult;
import dev.relayj.control.SmpControlTarget.QueueStatusResult;
import dev.relayj.control.SmpControlTarget.QueueUnblockResult;
import java.io.IOException;
import java.time.Clock;
import java.util.Base64;

/**
 * The SMP server's control port: {@code runCPClient} in {@code Server.hs}, command by command,
 * with the same role checks and the same output lines.
 */
final class SmpControl implements ControlDialect {
    static final String BANNER = "SMP server control port\n'help' for supported commands\n";
    static final String HELP = "commands: stats, stats-rts, clients, sockets, socket-threads, threads, server-info, "
            + "delete, save, help, quit";

    private final SmpControlTarget target;
    private final Clock clock;

    SmpControl(SmpControlTarget target, Clock clock) {
        this.target = target;
        this.clock = clock;
    }

    @Override
    public String banner() {
        return BANNER;
    }

    @Override
    public boolean handle(byte[] line, ControlSession session) throws IOException {
        SmpControlCommand command;
        try {
            command = SmpControlCommand.parse(line);
        } catch (ControlParseException e) {
            session.println("error: " + e.getMessage());
            return true;
        }
        if (command instanceof Quit) {
            return false;
        }
        ControlLog.command(line, !(command instanceof Auth || command instanceof Help || command instanceof Skip));
        execute(command, session);
        return true;
    }

    private void execute(SmpControlCommand command, ControlSession session) throws IOException {
        switch (command) {
            case Auth auth -> session.authenticate(auth.password());
            case Suspend s -> {
                if (session.allowed(ControlRole.ADMIN)) {
                    session.println("suspend not implemented");
                }
            }
            case Resume r -> {
                if (session.allowed(ControlRole.ADMIN)) {
                    session.println("resume not implemented");
                }
            }
            case Clients c -> {
                if (session.allowed(ControlRole.ADMIN)) {
                    clients(session);
                }
            }
            case Stats s -> {
                if (session.allowed(ControlRole.USER)) {
                    SmpStatsLines.write(session, target, session.role() == ControlRole.ADMIN);
                }
            }
            // the reference checks no role for stats-rts
            case StatsRts s -> session.println(JvmRuntime.statsLine());
            case Threads t -> {
                if (session.allowed(ControlRole.ADMIN)) {
                    for (String l : JvmRuntime.threadLines()) {
                        session.println(l);
                    }
                }
            }
            case Sockets s -> {
                if (session.allowed(ControlRole.USER)) {
                    sockets(session);
                }
            }
            case SocketThreads s -> {
                if (session.allowed(ControlRole.ADMIN)) {
                    socketThreads(session);
                }
            }
            case ServerInfo s -> {
                if (session.allowed(ControlRole.USER)) {
                    serverInfo(session);
                }
            }
            case Delete d -> {
                if (session.allowed(ControlRole.ADMIN)) {
                    delete(session, d.queueId());
                }
            }
            case Status s -> {
                if (session.allowed(ControlRole.USER)) {
                    status(session, s.queueId());
                }
            }
            case Block b -> {
                if (session.allowed(ControlRole.USER)) {
                    block(session, b);
                }
            }
            case Unblock u -> {
                if (session.allowed(ControlRole.USER)) {
                    unblock(session, u.queueId());
                }
            }
            case Save s -> {
                if (session.allowed(ControlRole.ADMIN)) {
                    session.println("saving server state...");
                    session.flush();
                    session.callTarget(() -> {
                        target.save();
                        return null;
                    });
                    session.println("server state saved!");
                }
            }
            case SmpControlCommand.ReloadCerts r -> {
                if (session.allowed(ControlRole.ADMIN)) {
                    session.println(target.reloadCertificates());
                }
            }
            case Help h -> session.println(HELP);
            case Quit q -> throw new IllegalStateException("quit is handled before execution");
            case Skip s -> {
                // an empty line does nothing
            }
        }
    }

    private void clients(ControlSession session) throws IOException {
        var clients = session.callTarget(target::clients);
        session.println("clientId,sessionId,connected,createdAt,rcvActiveAt,sndActiveAt,age,subscriptions");
        long now = clock.instant().getEpochSecond();
        for (var c : clients) {
            session.println(c.clientId() + "," + Base64.getEncoder().encodeToString(c.sessionId()) + ","
                    + (c.connected() ? "True" : "False") + "," + c.createdAtSeconds() + ","
                    + c.rcvActiveAtSeconds() + "," + c.sndActiveAtSeconds() + ","
                    + (now - c.createdAtSeconds()) + "," + c.subscriptions());
        }
    }

    private void sockets(ControlSession session) throws IOException {
        for (var port : session.callTarget(target::sockets)) {
            session.println("Sockets for port " + port.port() + ":");
            session.println("accepted: " + port.accepted());
            session.println("closed: " + port.closed());
            session.println("active: " + port.active());
            session.println("leaked: " + port.leaked());
        }
    }

    private void socketThreads(ControlSession session) throws IOException {
        for (var st : session.callTarget(target::socketThreads)) {
            Thread t = st.thread();
            String prefix = st.port() + "," + st.socketId() + ",";
            session.println(t == null
                    ? prefix + ",gone,"
                    : prefix + "ThreadId " + t.threadId() + "," + t.getState() + "," + t.getName());
        }
    }

    private void serverInfo(ControlSession session) throws IOException {
        boolean admin = session.role() == ControlRole.ADMIN;
        session.println("Threads: " + JvmRuntime.threadCount());
        SmpServerInfo info = session.callTarget(() -> target.serverInfo(admin));
        session.println("Clients: " + info.clients());
        if (admin && info.adminDetails().isPresent()) {
            var d = info.adminDetails().get();
            session.println("Client queues (rcvQ, sndQ, msgQ): " + lengths(d.clientQueues()));
            session.println("SMP subscriptions (via clients): " + d.smpSubscriptions());
            var g = d.smpSubscriptionStates();
            session.println("SMP subscriptions (by group: NoSub, SubPending, SubThread, ProhibitSub): "
                    + ReferenceShow.tuple(g.noSub(), g.subPending(), g.subThread(), g.prohibitSub()));
            session.println("SMP subscribed clients (via clients): " + d.smpSubscribedClients());
            session.println("SMP subscribed clients queues (via clients, rcvQ, sndQ, msgQ): "
                    + lengths(d.smpSubscribedClientQueues()));
            session.println("Ntf subscriptions (via clients): " + d.ntfSubscriptions());
            session.println("Ntf subscribed clients (via clients): " + d.ntfSubscribedClients());
            session.println("Ntf subscribed clients queues (via clients, rcvQ, sndQ, msgQ): "
                    + lengths(d.ntfSubscribedClientQueues()));
        }
        subscribers(session, "SMP", info.smpSubscribers(), false);
        subscribers(session, "Ntf", info.ntfSubscribers(), true);
    }

    private static void subscribers(ControlSession session, String proto, SmpServerInfo.Subscribers s, boolean showIds)
            throws IOException {
        long[] subscribed = s.subscribedClientIds();
        long[] subClients = s.subClientIds();
        session.println(proto + " subscriptions: " + s.subscriptions());
        session.println(proto + " subscribed clients: " + subscribed.length
                + (showIds ? " " + ReferenceShow.list(subscribed) : ""));
        session.println(proto + " subscribed clients count 2: " + subClients.length
                + (showIds ? " " + ReferenceShow.intSet(subClients) : ""));
    }

    private static String lengths(SmpServerInfo.QueueLengths q) {
        return ReferenceShow.tuple(q.rcvQ(), q.sndQ(), q.msgQ());
    }

    private void delete(ControlSession session, ControlEntityId queueId) throws IOException {
        QueueDeleteResult r = session.callTarget(() -> target.deleteQueue(queueId));
        session.println(switch (r) {
            case QueueDeleteResult.Deleted d -> "ok, " + d.messagesDeleted() + " messages deleted";
            case QueueDeleteResult.Failed f -> "error: " + f.error();
        });
    }

    private void status(ControlSession session, ControlEntityId queueId) throws IOException {
        QueueStatusResult r = session.callTarget(() -> target.queueStatus(queueId));
        session.println(switch (r) {
            case QueueStatusResult.Found f -> "status: " + ReferenceShow.entityStatus(f.status())
                    + ", updatedAt: " + ReferenceShow.updatedAt(f.updatedAt())
                    + ", queueMode: " + ReferenceShow.queueMode(f.queueMode());
            case QueueStatusResult.Failed f -> "error: " + f.error();
        });
    }

    private void block(ControlSession session, Block b) throws IOException {
        QueueBlockResult r = session.callTarget(() -> target.blockQueue(b.queueId(), b.info()));
        session.println(switch (r) {
            case QueueBlockResult.Blocked x -> "ok, queue blocked: EntityBlocked ("
                    + ReferenceShow.blockingInfo(x.info()) + ")";
            case QueueBlockResult.AlreadyInactive x -> "ok, already inactive: EntityBlocked ("
                    + ReferenceShow.blockingInfo(x.info()) + ")";
            case QueueBlockResult.QuotaReached q -> "error: reached limit of " + q.quota() + " queues blocked daily";
            case QueueBlockResult.Failed f -> "error: " + f.error();
        });
    }

    private void unblock(ControlSession session, ControlEntityId queueId) throws IOException {
        QueueUnblockResult r = session.callTarget(() -> target.unblockQueue(queueId));
        session.println(switch (r) {
            case QueueUnblockResult.Unblocked u -> "ok, queue unblocked, reason to block was: "
                    + ReferenceShow.blockingInfo(u.previousInfo());
            case QueueUnblockResult.WasActive w -> "ok, queue was active";
            case QueueUnblockResult.Inactive i -> "error, queue is inactive";
            case QueueUnblockResult.Failed f -> "error: " + f.error();
        });
    }
}
