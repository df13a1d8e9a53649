package dev.relayj.smp.server;

import static dev.relayj.smp.server.QueueLifecycleTest.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.Command;
import dev.relayj.smp.protocol.CorrId;
import dev.relayj.smp.protocol.MsgFlags;
import dev.relayj.smp.protocol.QueueRequestData;
import dev.relayj.smp.protocol.SubscriptionMode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queues survive restarts through the store log, messages through the message log and the journal. */
class PersistenceTest {
    @TempDir
    Path dir;

    @Test
    void queuesAndMessagesSurviveCleanRestart() throws Exception {
        TestSmpClient.TestQueue q;
        try (TestServer server = TestServer.start(dir);
                TestSmpClient r = TestSmpClient.connect(server.port(), 18);
                TestSmpClient s = TestSmpClient.connect(server.port(), 18)) {
            q = r.createQueue(SubscriptionMode.ONLY_CREATE, new QueueRequestData.Messaging(null));
            assertEquals(BrokerMessage.OK, s.call(q.sndId(), new Command.Send(MsgFlags.NONE, text("one")), null));
            assertEquals(BrokerMessage.OK, s.call(q.sndId(), new Command.Send(MsgFlags.NONE, text("two")), null));
        }
        assertTrue(Files.exists(dir.resolve("smp-server-messages.log")), "messages are saved on a clean stop");
        try (TestServer server = TestServer.start(dir);
                TestSmpClient r = TestSmpClient.connect(server.port(), 18);
                TestSmpClient s = TestSmpClient.connect(server.port(), 18)) {
            assertTrue(Files.exists(dir.resolve("smp-server-messages.log.bak")), "the message log is kept as a backup");
            CorrId corrId = TestSmpClient.corrId();
            r.send(corrId, q.rcvId(), Command.SUB, q.rcvKey());
            assertEquals(corrId, r.receive().corrId());
            BrokerMessage one = r.event(q.rcvId());
            assertArrayEquals(text("one"), TestSmpClient.bodyOf(q, one));
            BrokerMessage two = r.call(q.rcvId(), new Command.Ack(((BrokerMessage.Msg) one).msgId()), q.rcvKey());
            assertArrayEquals(text("two"), TestSmpClient.bodyOf(q, two));
            assertEquals(BrokerMessage.OK, r.call(q.rcvId(), new Command.Ack(((BrokerMessage.Msg) two).msgId()), q.rcvKey()));
            assertEquals(BrokerMessage.OK, s.call(q.sndId(), new Command.Send(MsgFlags.NONE, text("three")), null));
            assertArrayEquals(text("three"), TestSmpClient.bodyOf(q, r.event(q.rcvId())));
        }
    }

    @Test
    void queuesWithoutStoreLogAreGoneAfterRestart() throws Exception {
        TestSmpClient.TestQueue q;
        TestServer.Settings settings = TestServer.Settings.DEFAULT.withoutPersistence();
        try (TestServer server = TestServer.start(dir, settings); TestSmpClient r = TestSmpClient.connect(server.port(), 18)) {
            q = r.createQueue();
        }
        try (TestServer server = TestServer.start(dir, settings); TestSmpClient r = TestSmpClient.connect(server.port(), 18)) {
            assertEquals(BrokerMessage.err(dev.relayj.smp.protocol.ErrorType.Simple.AUTH),
                    r.call(q.rcvId(), Command.SUB, q.rcvKey()));
        }
    }

    @Test
    void acknowledgedMessageSurvivesKill9() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ChildServer.class.getName(), dir.toString())
                .redirectErrorStream(true);
        Process child = builder.start();
        TestSmpClient.TestQueue q;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("port "));
            assertTrue(line != null, "child server did not start");
            int port = Integer.parseInt(line.substring("port ".length()));
            try (TestSmpClient r = TestSmpClient.connect(port, 18); TestSmpClient s = TestSmpClient.connect(port, 18)) {
                q = r.createQueue(SubscriptionMode.ONLY_CREATE, new QueueRequestData.Messaging(null));
                assertEquals(BrokerMessage.OK, s.call(q.sndId(), new Command.Send(MsgFlags.NONE, text("durable")), null));
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        try (TestServer server = TestServer.start(dir); TestSmpClient r = TestSmpClient.connect(server.port(), 18)) {
            BrokerMessage msg = r.call(q.rcvId(), Command.GET, q.rcvKey());
            assertArrayEquals(text("durable"), TestSmpClient.bodyOf(q, assertInstanceOf(BrokerMessage.Msg.class, msg)));
        }
    }
}
