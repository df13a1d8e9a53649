package dev.relayj.control;

import static dev.relayj.stats.SmpCounter.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.control.SmpControlTarget.QueueBlockResult;
import dev.relayj.control.SmpControlTarget.QueueEntityStatus;
import dev.relayj.control.SmpControlTarget.QueueUnblockResult;
import dev.relayj.protocol.BlockingInfo;
import dev.relayj.protocol.ClientNotice;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class SmpControlPortTest {
    private static final ControlPasswords PASSWORDS = ControlPasswords.of(Optional.of("adminpw"), Optional.of("userpw"));
    private final FakeSmpTarget target = new FakeSmpTarget();
    private ControlPortServer server;

    @BeforeEach
    void start() throws IOException {
        server = ControlPortServer.startSmp(config(PASSWORDS, 16, Duration.ofSeconds(30), 1000), target);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static ControlPortConfig config(ControlPasswords passwords, int maxSessions, Duration idle, int maxLine) {
        return new ControlPortConfig(0, passwords, maxSessions, idle, maxLine,
                Clock.fixed(Instant.ofEpochSecond(1_100), ZoneOffset.UTC));
    }

    private ControlClient as(String password) throws IOException {
        ControlClient c = ControlClient.connected(server.port());
        if (password != null) {
            c.ask("auth " + password);
        }
        return c;
    }

    @Test
    void bannerThenHelp() throws IOException {
        try (ControlClient c = new ControlClient(server.port())) {
            assertEquals("SMP server control port", c.readLine());
            assertEquals("'help' for supported commands", c.readLine());
            assertEquals("commands: stats, stats-rts, clients, sockets, socket-threads, threads, server-info, "
                    + "delete, save, help, quit", c.ask("help"));
        }
    }

    @Test
    void reloadCertsNeedsTheAdminRole() throws IOException {
        try (ControlClient c = ControlClient.connected(server.port())) {
            assertEquals("AUTH", c.ask("reload-certs"));
            assertEquals("Current role is CPRUser", c.ask("auth userpw"));
            assertEquals("AUTH", c.ask("reload-certs"));
            assertEquals(List.of(), target.calls);
        }
        try (ControlClient c = ControlClient.connected(server.port())) {
            assertEquals("Current role is CPRAdmin", c.ask("auth adminpw"));
            assertEquals("certificates reloaded", c.ask("reload-certs"));
            assertEquals(List.of("reload-certs"), target.calls);
        }
    }

    @Test
    void authGivesTheRoleOfThePassword() throws IOException {
        try (ControlClient c = ControlClient.connected(server.port())) {
            assertEquals("Current role is CPRAdmin", c.ask("auth adminpw"));
            assertEquals("Current role is CPRAdmin", c.ask("auth adminpw"));
            assertEquals("Current role is CPRAdmin, start new session to change.", c.ask("auth userpw"));
        }
        try (ControlClient c = ControlClient.connected(server.port())) {
            assertEquals("Current role is CPRUser", c.ask("auth userpw"));
            assertEquals("Current role is CPRUser, start new session to change.", c.ask("auth adminpw"));
        }
    }

    @Test
    void wrongPasswordLeavesTheSessionUsable() throws IOException {
        try (ControlClient c = ControlClient.connected(server.port())) {
            assertEquals("Current role is CPRNone", c.ask("auth nope"));
            assertEquals("AUTH", c.ask("status AQID"));
            assertEquals("Current role is CPRUser", c.ask("auth userpw"));
            assertEquals("error: AUTH", c.ask("status AQID"));
        }
    }

    @Test
    void withoutPasswordsNoRoleCanBeHad() throws IOException {
        server.close();
        server = ControlPortServer.startSmp(config(ControlPasswords.NONE, 4, Duration.ofSeconds(30), 200), target);
        try (ControlClient c = ControlClient.connected(server.port())) {
            assertEquals("Current role is CPRNone", c.ask("auth adminpw"));
            assertEquals("AUTH", c.ask("stats"));
            assertTrue(c.ask("stats-rts").startsWith("JVMStats {"));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "suspend, ADMIN", "resume, ADMIN", "clients, ADMIN", "threads, ADMIN", "socket-threads, ADMIN",
        "delete AQID, ADMIN", "save, ADMIN",
        "stats, USER", "sockets, USER", "server-info, USER", "status AQID, USER", "block AQID reason=spam, USER",
        "unblock AQID, USER",
    })
    void rolesAreCheckedPerCommand(String command, ControlRole required) throws IOException {
        try (ControlClient none = as(null)) {
            assertEquals("AUTH", none.ask(command));
            assertTrue(none.ask("help").startsWith("commands: "), "the session goes on");
        }
        assertEquals(List.of(), target.calls, "no server call without a role");
        try (ControlClient user = as("userpw")) {
            if (required == ControlRole.ADMIN) {
                assertEquals("AUTH", user.ask(command));
                assertEquals(List.of(), target.calls, "no server call for a user");
            } else {
                assertNotEquals("AUTH", user.ask(command));
            }
        }
        try (ControlClient admin = as("adminpw")) {
            assertNotEquals("AUTH", admin.ask(command));
        }
    }

    @Test
    void suspendAndResumeAreNotImplementedAsInTheReference() throws IOException {
        try (ControlClient c = as("adminpw")) {
            assertEquals("suspend not implemented", c.ask("suspend"));
            assertEquals("resume not implemented", c.ask("resume"));
        }
    }

    @Test
    void queueCommandResults() throws IOException {
        try (ControlClient c = as("adminpw")) {
            assertEquals("ok, 5 messages deleted", c.ask("delete AQID"));
            assertEquals("error: AUTH", c.ask("delete " + "A".repeat(400)));
            assertEquals("delete 300", target.calls.get(target.calls.size() - 1));

            target.statusResult = FakeSmpTarget.found(new QueueEntityStatus.Active());
            assertEquals("status: EntityActive, updatedAt: Just (RoundedSystemTime {roundedSeconds = 1714521600}), "
                    + "queueMode: Just QMMessaging", c.ask("status AQID"));
            target.statusResult = FakeSmpTarget.found(new QueueEntityStatus.Blocked(
                    new BlockingInfo(BlockingInfo.Reason.CONTENT, new ClientNotice(86400L))));
            assertEquals("status: EntityBlocked (BlockingInfo {reason = BRContent, notice = Just (ClientNotice "
                    + "{ttl = Just 86400})}), updatedAt: Just (RoundedSystemTime {roundedSeconds = 1714521600}), "
                    + "queueMode: Just QMMessaging", c.ask("status AQID"));

            assertEquals("ok, queue blocked: EntityBlocked (BlockingInfo {reason = BRSpam, notice = Nothing})",
                    c.ask("block AQID reason=spam"));
            assertEquals("block reason=content,notice={\"ttl\":60}", askAndLastCall(c, "block AQID reason=content,notice={\"ttl\":60}"));
            target.blockResult = new QueueBlockResult.AlreadyInactive(new BlockingInfo(BlockingInfo.Reason.SPAM, new ClientNotice(null)));
            assertEquals("ok, already inactive: EntityBlocked (BlockingInfo {reason = BRSpam, notice = Just "
                    + "(ClientNotice {ttl = Nothing})})", c.ask("block AQID reason=spam"));
            target.blockResult = new QueueBlockResult.QuotaReached(20);
            assertEquals("error: reached limit of 20 queues blocked daily", c.ask("block AQID reason=spam"));

            assertEquals("ok, queue was active", c.ask("unblock AQID"));
            target.unblockResult = new QueueUnblockResult.Unblocked(new BlockingInfo(BlockingInfo.Reason.SPAM, null));
            assertEquals("ok, queue unblocked, reason to block was: BlockingInfo {reason = BRSpam, notice = Nothing}",
                    c.ask("unblock AQID"));
            target.unblockResult = new QueueUnblockResult.Inactive();
            assertEquals("error, queue is inactive", c.ask("unblock AQID"));
            target.unblockResult = new QueueUnblockResult.Failed("AUTH");
            assertEquals("error: AUTH", c.ask("unblock AQID"));
        }
    }

    private String askAndLastCall(ControlClient c, String line) throws IOException {
        c.ask(line);
        return target.calls.get(target.calls.size() - 1);
    }

    @Test
    void saveSaysSoBeforeAndAfter() throws IOException {
        try (ControlClient c = as("adminpw")) {
            c.send("save");
            assertEquals(List.of("saving server state...", "server state saved!"), c.readLines(2));
            assertTrue(target.calls.contains("save"));
        }
    }

    @Test
    void clientsSocketsAndThreads() throws IOException {
        try (ControlClient c = as("adminpw")) {
            c.send("clients");
            assertEquals(List.of("clientId,sessionId,connected,createdAt,rcvActiveAt,sndActiveAt,age,subscriptions",
                    "3,+/8B,True,1000,1010,1020,100,2"), c.readLines(2));
            c.send("sockets");
            assertEquals(List.of("Sockets for port 5223:", "accepted: 10", "closed: 4", "active: 5", "leaked: 1"),
                    c.readLines(5));
            assertEquals("443,9,,gone,", c.ask("socket-threads"));
            String threads = c.ask("threads");
            assertTrue(threads.startsWith("Threads: "), threads);
            int count = Integer.parseInt(threads.substring("Threads: ".length()));
            List<String> lines = c.readLines(count);
            assertTrue(lines.stream().allMatch(l -> l.startsWith("ThreadId ")), lines.toString());
            assertEquals("ok, 5 messages deleted", c.ask("delete AQID"), "the listing ended where it said");
        }
    }

    @Test
    void serverInfoForUserAndAdmin() throws IOException {
        try (ControlClient c = as("userpw")) {
            c.send("server-info");
            List<String> lines = c.readLines(8);
            assertTrue(lines.get(0).startsWith("Threads: "));
            assertEquals(List.of("Clients: 2", "SMP subscriptions: 4", "SMP subscribed clients: 2",
                    "SMP subscribed clients count 2: 2", "Ntf subscriptions: 1", "Ntf subscribed clients: 1 [2]",
                    "Ntf subscribed clients count 2: 1 fromList [2]"), lines.subList(1, 8));
        }
        try (ControlClient c = as("adminpw")) {
            c.send("server-info");
            List<String> lines = c.readLines(16);
            assertEquals(List.of("Clients: 2", "Client queues (rcvQ, sndQ, msgQ): (1,2,3)",
                    "SMP subscriptions (via clients): 4",
                    "SMP subscriptions (by group: NoSub, SubPending, SubThread, ProhibitSub): (1,0,3,0)",
                    "SMP subscribed clients (via clients): 2",
                    "SMP subscribed clients queues (via clients, rcvQ, sndQ, msgQ): (1,2,3)",
                    "Ntf subscriptions (via clients): 5", "Ntf subscribed clients (via clients): 1",
                    "Ntf subscribed clients queues (via clients, rcvQ, sndQ, msgQ): (0,0,0)",
                    "SMP subscriptions: 4"), lines.subList(1, 11));
        }
    }

    @Test
    void statsInTheReferencesOrder() throws IOException {
        target.stats.add(Q_CREATED, 3);
        target.stats.add(Q_SUB_AUTH, 1);
        target.stats.pRelays.requests.add(9);
        target.stats.activeQueues.update(new byte[] {1});
        List<String> expected = List.of("fromTime: 2024-05-01 10:20:30.5 UTC", "qCreated: 3", "qSecured: 0",
                "qDeletedAll: 0", "qDeletedAllB: 0", "qDeletedNew: 0", "qDeletedSecured: 0", "daily active queues: 1",
                "qSub: 0", "qSubAllB: 0", "qSubEnd: 0", "qSubEndB: 0",
                "other SUB events (auth, duplicate, prohibited): (1,0,0)", "msgSent: 0", "msgRecv: 0",
                "msgRecvGet: 0", "msgGet: 0", "msgGetNoMsg: 0",
                "other GET events (auth, duplicate, prohibited): (0,0,0)", "msgSentNtf: 0", "msgRecvNtf: 0",
                "msgNtfs: 0", "msgNtfsB: 0", "msgNtfExpired: 0", "qCount: 0", "qCount 2: 11", "notifiers: 12",
                "msgCount: 0", "ntfCount: 0",
                "pRelays: requests=9, successes=0, errorsConnect=0, errorsCompat=0, errorsOther=0",
                "pRelaysOwn: requests=0, successes=0, errorsConnect=0, errorsCompat=0, errorsOther=0",
                "pMsgFwds: requests=0, successes=0, errorsConnect=0, errorsCompat=0, errorsOther=0",
                "pMsgFwdsOwn: requests=0, successes=0, errorsConnect=0, errorsCompat=0, errorsOther=0",
                "pMsgFwdsRecv: 0", "rcvServiceCount: 13", "ntfServiceCount: 14", "rcvServiceQueuesCount: 15",
                "ntfServiceQueuesCount: 16");
        try (ControlClient c = as("userpw")) {
            c.send("stats");
            assertEquals(expected, c.readLines(expected.size()));
            assertEquals("ok, queue was active", c.ask("unblock AQID"));
        }
        try (ControlClient c = as("adminpw")) {
            c.send("stats");
            List<String> lines = c.readLines(expected.size() + 1);
            assertEquals("ntfCount 2: 7", lines.get(29));
        }
    }

    @Test
    void parseErrorsAreReportedAndTheSessionGoesOn() throws IOException {
        try (ControlClient c = as("adminpw")) {
            assertEquals("error: Failed reading: bad ControlProtocol command", c.ask("frobnicate"));
            assertEquals("error: space: not enough input", c.ask("delete"));
            assertEquals("error: endOfInput", c.ask("quit now"));
            c.send("");
            c.send("stats\r");
            assertEquals("fromTime: 2024-05-01 10:20:30.5 UTC", c.readLine());
        }
    }

    @Test
    void quitClosesTheSession() throws IOException {
        try (ControlClient c = ControlClient.connected(server.port())) {
            c.send("quit");
            assertNull(c.readLine());
        }
    }

    @Test
    void aLastLineWithoutNewlineIsStillServed() throws IOException {
        try (ControlClient c = ControlClient.connected(server.port())) {
            c.sendRaw("help".getBytes());
            c.shutdownOutput();
            assertTrue(c.readLine().startsWith("commands: "));
            assertNull(c.readLine());
        }
    }

    @Test
    void longLinesAreRefusedAndTheSessionGoesOn() throws IOException {
        try (ControlClient c = ControlClient.connected(server.port())) {
            assertEquals("error: line longer than 1000 bytes", c.ask("auth " + "x".repeat(100_000)));
            assertEquals("Current role is CPRUser", c.ask("auth userpw"));
            assertEquals("error: space: not enough input", c.ask("delete" + " ".repeat(0)));
        }
    }

    @Test
    void garbageBytesGetErrorsNotCrashes() throws IOException {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        try (ControlClient c = ControlClient.connected(server.port())) {
            c.sendRaw(garbage);
            c.sendRaw("\nhelp\n".getBytes());
            String line;
            do {
                line = c.readLine();
            } while (line != null && !line.startsWith("commands: "));
            assertTrue(line != null, "the session survived");
        }
        try (ControlClient c = ControlClient.connected(server.port())) {
            assertEquals("Current role is CPRAdmin", c.ask("auth adminpw"));
        }
    }

    @Test
    void manyConcurrentSessions() throws Exception {
        int n = 16;
        List<Thread> threads = new java.util.ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean admin = i % 2 == 0;
            threads.add(Thread.ofVirtual().start(() -> {
                try (ControlClient c = ControlClient.connected(server.port())) {
                    assertEquals(admin ? "Current role is CPRAdmin" : "Current role is CPRUser",
                            c.ask("auth " + (admin ? "adminpw" : "userpw")));
                    for (int k = 0; k < 20; k++) {
                        assertEquals(admin ? "ok, 5 messages deleted" : "AUTH", c.ask("delete AQID"));
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread t : threads) {
            assertTrue(t.join(Duration.ofSeconds(20)));
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void sessionsOverTheLimitAreClosedOnAccept() throws IOException {
        server.close();
        server = ControlPortServer.startSmp(config(PASSWORDS, 2, Duration.ofSeconds(30), 200), target);
        try (ControlClient a = ControlClient.connected(server.port());
                ControlClient b = ControlClient.connected(server.port());
                ControlClient c = new ControlClient(server.port())) {
            assertNull(c.readLine());
            assertTrue(a.ask("help").startsWith("commands: "));
            assertTrue(b.ask("help").startsWith("commands: "));
        }
    }

    @Test
    void idleSessionsAreClosed() throws IOException {
        server.close();
        server = ControlPortServer.startSmp(config(PASSWORDS, 4, Duration.ofMillis(200), 200), target);
        try (ControlClient c = ControlClient.connected(server.port())) {
            assertNull(c.readLine(), "closed after the idle timeout");
        }
    }

    @Test
    void aLongServerCallIsNotIdleness() throws IOException {
        server.close();
        server = ControlPortServer.startSmp(config(PASSWORDS, 4, Duration.ofMillis(100), 200), target);
        target.onSave = () -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try (ControlClient c = ControlClient.connected(server.port())) {
            c.ask("auth adminpw");
            c.send("save");
            assertEquals(List.of("saving server state...", "server state saved!"), c.readLines(2));
        }
    }

    @Test
    void closeEndsListenerAndSessions() throws Exception {
        ControlClient a = ControlClient.connected(server.port());
        ControlClient b = ControlClient.connected(server.port());
        int port = server.port();
        server.close();
        assertNull(a.readLine());
        assertNull(b.readLine());
        a.close();
        b.close();
        for (int i = 0; i < 100 && server.sessionCount() > 0; i++) {
            Thread.sleep(10);
        }
        assertEquals(0, server.sessionCount());
        boolean refused;
        try (ControlClient c = new ControlClient(port)) {
            refused = c.readLine() == null;
        } catch (java.net.SocketException e) {
            // refused, or reset when the connect raced the listener's close into its backlog
            refused = true;
        }
        assertTrue(refused);
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        var addresses = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress())
                .toList();
        for (var address : addresses) {
            try (var s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress(address, server.port()), 1000);
                throw new AssertionError("reachable on " + address);
            } catch (IOException expected) {
                // refused: bound to 127.0.0.1 only
            }
        }
    }
}
