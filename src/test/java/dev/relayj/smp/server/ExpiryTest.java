package dev.relayj.smp.server;

import static dev.relayj.stats.SmpCounter.*;

import static dev.relayj.smp.server.QueueLifecycleTest.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.runtime.ExpirationConfig;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.Command;
import dev.relayj.smp.protocol.MsgFlags;
import dev.relayj.smp.protocol.QueueRequestData;
import dev.relayj.smp.protocol.SubscriptionMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Message, notification and inactive-client expiry, with a clock the test moves
 * ({@code expireMessagesThread_}, {@code expireNtfsThread}, {@code [INACTIVE_CLIENTS]} in Server.hs).
 */
class ExpiryTest {
    private static final ExpirationConfig TEN_SECONDS = new ExpirationConfig(Duration.ofSeconds(10), Duration.ofMillis(50));
    private static final ExpirationConfig NEVER = new ExpirationConfig(Duration.ofDays(21), Duration.ofHours(1));

    @TempDir
    Path dir;
    final TestClock clock = new TestClock();

    private TestServer start(SmpServerConfig.Expiry expiry) throws IOException {
        SmpServerConfig c = TestServer.config(dir, TestServer.Settings.DEFAULT);
        SmpServerConfig config = new SmpServerConfig(c.transport(), c.credentials(), c.store(), c.auth(), expiry,
                c.stats(), c.proxy(), c.information(), c.web());
        ServerTuning t = TestServer.TUNING;
        return TestServer.start(dir, config, new ServerTuning(t.msgQueueQuota(), t.clientQueueSize(),
                t.pendingEndInterval(), t.ntfDeliveryInterval(), t.journalSyncInterval(), clock));
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void oldMessagesExpire() throws Exception {
        try (TestServer server = start(new SmpServerConfig.Expiry(TEN_SECONDS, false, false, NEVER, Optional.empty()));
                TestSmpClient r = TestSmpClient.connect(server.port(), 18);
                TestSmpClient s = TestSmpClient.connect(server.port(), 18)) {
            TestSmpClient.TestQueue q = r.createQueue(SubscriptionMode.ONLY_CREATE, new QueueRequestData.Messaging(null));
            assertEquals(BrokerMessage.OK, s.call(q.sndId(), new Command.Send(MsgFlags.NONE, text("old")), null));
            clock.advance(Duration.ofSeconds(5));
            assertEquals(BrokerMessage.OK, s.call(q.sndId(), new Command.Send(MsgFlags.NONE, text("new")), null));
            clock.advance(Duration.ofSeconds(6));
            await(() -> server.env().stats.counter(MSG_EXPIRED).get() == 1, "the old message to expire");
            assertEquals(1, server.env().stats.counter(MSG_COUNT).get());
            BrokerMessage msg = r.call(q.rcvId(), Command.GET, q.rcvKey());
            assertArrayEquals(text("new"), TestSmpClient.bodyOf(q, msg));
        }
    }

    @Test
    void expireMessagesOnStartDropsOldSavedMessages() throws Exception {
        SmpServerConfig.Expiry onStart = new SmpServerConfig.Expiry(
                new ExpirationConfig(Duration.ofSeconds(10), Duration.ofHours(1)), true, false, NEVER, Optional.empty());
        SmpServerConfig.Expiry notOnStart = new SmpServerConfig.Expiry(
                new ExpirationConfig(Duration.ofSeconds(10), Duration.ofHours(1)), false, false, NEVER, Optional.empty());
        TestSmpClient.TestQueue q;
        try (TestServer server = start(onStart);
                TestSmpClient r = TestSmpClient.connect(server.port(), 18);
                TestSmpClient s = TestSmpClient.connect(server.port(), 18)) {
            q = r.createQueue(SubscriptionMode.ONLY_CREATE, new QueueRequestData.Messaging(null));
            assertEquals(BrokerMessage.OK, s.call(q.sndId(), new Command.Send(MsgFlags.NONE, text("one")), null));
        }
        clock.advance(Duration.ofSeconds(20));
        // without expire_messages_on_start the old message is restored
        try (TestServer server = start(notOnStart); TestSmpClient r = TestSmpClient.connect(server.port(), 18)) {
            assertEquals(1, server.env().stats.counter(MSG_COUNT).get());
        }
        try (TestServer server = start(onStart); TestSmpClient r = TestSmpClient.connect(server.port(), 18)) {
            assertEquals(0, server.env().stats.counter(MSG_COUNT).get());
            assertEquals(BrokerMessage.OK, r.call(q.rcvId(), Command.GET, q.rcvKey()));
        }
    }

    @Test
    void oldNotificationsExpire() throws Exception {
        try (TestServer server = start(new SmpServerConfig.Expiry(NEVER, false, false, TEN_SECONDS, Optional.empty()));
                TestSmpClient r = TestSmpClient.connect(server.port(), 18);
                TestSmpClient s = TestSmpClient.connect(server.port(), 18);
                TestSmpClient n = TestSmpClient.connect(server.port(), 18)) {
            TestSmpClient.TestQueue q = r.createQueue(SubscriptionMode.ONLY_CREATE, new QueueRequestData.Messaging(null));
            Ed25519PrivateKey ntfKey = Ed25519PrivateKey.generate(TestSmpClient.RANDOM);
            BrokerMessage.Nid nid = assertInstanceOf(BrokerMessage.Nid.class, r.call(q.rcvId(),
                    new Command.NKey(ntfKey.publicKey(), X25519PrivateKey.generate(TestSmpClient.RANDOM).publicKey()),
                    q.rcvKey()));
            assertEquals(BrokerMessage.OK, s.call(q.sndId(), new Command.Send(MsgFlags.NOTIFY, text("hi")), null));
            assertEquals(1, server.env().stats.counter(NTF_COUNT).get());
            clock.advance(Duration.ofSeconds(11));
            await(() -> server.env().stats.counter(MSG_NTF_EXPIRED).get() == 1, "the notification to expire");
            assertEquals(0, server.env().stats.counter(NTF_COUNT).get());
            assertEquals(new BrokerMessage.Sok(null), n.call(nid.notifierId(), Command.NSUB, ntfKey));
            assertTrue(n.silentFor(400), "an expired notification is not delivered");
        }
    }

    @Test
    void inactiveClientsWithoutSubscriptionsAreDisconnected() throws Exception {
        SmpServerConfig.Expiry expiry = new SmpServerConfig.Expiry(NEVER, false, false, NEVER, Optional.of(TEN_SECONDS));
        try (TestServer server = start(expiry);
                TestSmpClient idle = TestSmpClient.connect(server.port(), 18);
                TestSmpClient subscribed = TestSmpClient.connect(server.port(), 18);
                TestSmpClient active = TestSmpClient.connect(server.port(), 18)) {
            subscribed.createQueue();
            TestSmpClient.TestQueue q = active.createQueue(SubscriptionMode.ONLY_CREATE,
                    new QueueRequestData.Messaging(null));
            await(() -> server.env().clients().size() == 3, "three sessions");
            clock.advance(Duration.ofSeconds(6));
            assertEquals(BrokerMessage.OK, active.call(q.rcvId(), Command.GET, q.rcvKey()));
            clock.advance(Duration.ofSeconds(6));
            await(() -> server.env().clients().size() == 2, "the idle client to be disconnected");
            assertThrows(IOException.class, idle::receive);
            assertEquals(BrokerMessage.OK, active.call(q.rcvId(), Command.GET, q.rcvKey()));
            assertEquals(BrokerMessage.PONG, subscribed.call(dev.relayj.protocol.EntityId.NONE, Command.PING, null));
        }
    }
}
