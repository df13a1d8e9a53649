package dev.relayj.smp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.protocol.BlockingInfo;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.Command;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.protocol.MsgFlags;
import dev.relayj.tls.ServerCredentials;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control port of a running relay, against real queues and a subscribed client. */
class SmpControlPortEndToEndTest {
    @TempDir
    Path dir;

    static SmpServer startWithControlPort(Path dir, Optional<String> adminPassword) throws IOException {
        SmpServerConfig base = TestServer.config(dir, TestServer.Settings.DEFAULT);
        SmpServerConfig.Transport t = base.transport();
        SmpServerConfig.Auth a = base.auth();
        SmpServerConfig config = new SmpServerConfig(
                new SmpServerConfig.Transport(t.ports(), t.host(), t.logTlsErrors(), t.acceptServiceCredentials(),
                        OptionalInt.of(0)),
                base.credentials(), base.store(),
                new SmpServerConfig.Auth(a.allowNewQueues(), a.createPassword(), adminPassword, Optional.of("user1"),
                        a.dailyBlockQueueQuota()),
                base.expiry(), base.stats(), base.proxy(), base.information(), base.web());
        ServerCredentials credentials = ServerCredentials.load(dir.resolve("ca.crt"), dir.resolve("server.crt"),
                dir.resolve("server.key"));
        return SmpServer.start(config, credentials, Optional.empty(), "127.0.0.1", TestServer.TUNING);
    }

    @Test
    void controlsRealQueues() throws Exception {
        try (SmpServer server = startWithControlPort(dir, Optional.of("admin1"));
                TestSmpClient recipient = TestSmpClient.connect(server.ports().get(0), 18);
                TestSmpClient sender = TestSmpClient.connect(server.ports().get(0), 18);
                Control control = new Control(server.controlPort().getAsInt())) {
            TestSmpClient.TestQueue q = recipient.createQueue();
            String sndId = Base64.getUrlEncoder().encodeToString(q.sndId().bytes());

            assertEquals("AUTH", control.ask("stats"));
            String rts = control.ask("stats-rts");
            assertTrue(rts.contains(", gcs = ") && rts.contains(", peak_threads = "), rts);
            assertEquals("AUTH", control.ask("status " + sndId));
            assertEquals("Current role is CPRUser", control.ask("auth user1"));
            assertTrue(control.ask("status " + sndId).startsWith("status: EntityActive, updatedAt: "));
            assertEquals("error: AUTH", control.ask("status AAAA"));

            assertEquals("ok, queue blocked: EntityBlocked (BlockingInfo {reason = BRSpam, notice = Nothing})",
                    control.ask("block " + sndId + " reason=spam"));
            BrokerMessage event = recipient.event(q.rcvId());
            ErrorType.Blocked blocked = assertInstanceOf(ErrorType.Blocked.class,
                    assertInstanceOf(BrokerMessage.Err.class, event).error());
            assertEquals(BlockingInfo.Reason.SPAM, blocked.info().reason());
            assertEquals("ok, already inactive: EntityBlocked (BlockingInfo {reason = BRSpam, notice = Nothing})",
                    control.ask("block " + sndId + " reason=spam"));
            BrokerMessage refused = sender.call(q.sndId(), new Command.Send(MsgFlags.NONE, new byte[] {1}), null);
            assertInstanceOf(ErrorType.Blocked.class, assertInstanceOf(BrokerMessage.Err.class, refused).error());

            assertEquals("ok, queue unblocked, reason to block was: BlockingInfo {reason = BRSpam, notice = Nothing}",
                    control.ask("unblock " + sndId));
            assertEquals("ok, queue was active", control.ask("unblock " + sndId));
            assertEquals(BrokerMessage.OK, sender.call(q.sndId(), new Command.Send(MsgFlags.NONE, new byte[] {1}), null));

            assertEquals("AUTH", control.ask("delete " + sndId));
            try (Control admin = new Control(server.controlPort().getAsInt())) {
                assertEquals("Current role is CPRAdmin", admin.ask("auth admin1"));
                assertEquals("ok, 1 messages deleted", admin.ask("delete " + sndId));
                assertEquals("error: AUTH", admin.ask("status " + sndId));
                assertEquals("error: AUTH", admin.ask("delete " + sndId));
                assertEquals("saving server state...", admin.ask("save"));
                assertEquals("server state saved!", admin.readLine());
                assertEquals("clientId,sessionId,connected,createdAt,rcvActiveAt,sndActiveAt,age,subscriptions",
                        admin.ask("clients"));
                assertTrue(admin.readLine().startsWith("0,"));
                assertTrue(admin.readLine().startsWith("1,"));
                assertEquals("Sockets for port 0:", admin.ask("sockets"));
                assertEquals(List.of("accepted: 2", "closed: 0", "active: 2", "leaked: 0"),
                        List.of(admin.readLine(), admin.readLine(), admin.readLine(), admin.readLine()));
            }
        }
    }

    @Test
    void invalidPasswordStopsStartNamingTheKey() {
        IOException e = assertThrows(IOException.class, () -> startWithControlPort(dir, Optional.of("")).close());
        assertTrue(e.getMessage().contains("control_port_admin_password"), e.getMessage());
    }

    /** A line client with bounded waits, as nc would be. */
    static final class Control implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Control(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(5000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
            assertEquals("SMP server control port", in.readLine());
            in.readLine();
        }

        String ask(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return in.readLine();
        }

        String readLine() throws IOException {
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
