package dev.relayj.smp.server;

import static dev.relayj.smp.server.QueueLifecycleTest.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.protocol.BlockingInfo;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.protocol.ClientNotice;
import dev.relayj.smp.protocol.Command;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.protocol.MsgFlags;
import dev.relayj.smp.protocol.QueueRequestData;
import dev.relayj.smp.protocol.SubscriptionMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** RKEY, and queues blocked by the operator (blockQueue, as the control port does). */
class BlockedQueueTest {
    private static final BlockingInfo INFO = new BlockingInfo(BlockingInfo.Reason.SPAM, new ClientNotice(3600L));

    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void rkeyReplacesRecipientKeys() throws Exception {
        try (TestSmpClient r = TestSmpClient.connect(server.port(), 18); TestSmpClient s = TestSmpClient.connect(server.port(), 18)) {
            // only contact queues take RKEY (checkMode QMContact in Server.hs)
            TestSmpClient.TestQueue messaging = r.createQueue(SubscriptionMode.ONLY_CREATE,
                    new QueueRequestData.Messaging(null));
            assertEquals(BrokerMessage.err(ErrorType.Simple.AUTH), r.call(messaging.rcvId(),
                    new Command.RKey(List.of(Ed25519PrivateKey.generate(TestSmpClient.RANDOM).publicKey())),
                    messaging.rcvKey()));
            TestSmpClient.TestQueue q = r.createQueue(SubscriptionMode.ONLY_CREATE, new QueueRequestData.Contact(null, null));
            Ed25519PrivateKey second = Ed25519PrivateKey.generate(TestSmpClient.RANDOM);
            Ed25519PrivateKey third = Ed25519PrivateKey.generate(TestSmpClient.RANDOM);
            assertEquals(BrokerMessage.OK, r.call(q.rcvId(), new Command.RKey(List.of(second.publicKey(), third.publicKey())),
                    q.rcvKey()));
            assertEquals(BrokerMessage.err(ErrorType.Simple.AUTH), r.call(q.rcvId(), Command.GET, q.rcvKey()));
            assertEquals(BrokerMessage.OK, s.call(q.sndId(), new Command.Send(MsgFlags.NONE, text("m")), null));
            assertArrayEquals(text("m"), TestSmpClient.bodyOf(q, r.call(q.rcvId(), Command.GET, third)));
            assertEquals(BrokerMessage.err(ErrorType.Simple.AUTH),
                    r.call(q.rcvId(), new Command.RKey(List.of(q.rcvKey().publicKey())), q.rcvKey()));
        }
    }

    private TestSmpClient.TestQueue blockedQueue() throws Exception {
        TestSmpClient.TestQueue q;
        try (TestSmpClient r = TestSmpClient.connect(server.port(), 18)) {
            q = r.createQueue(SubscriptionMode.ONLY_CREATE, new QueueRequestData.Messaging(null));
        }
        var store = server.env().queueStore;
        store.blockQueue(store.findByRecipient(q.rcvId()), INFO);
        return q;
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 11, 12, 17, 18})
    void blockedQueueRefusesCommandsByVersion(int version) throws Exception {
        TestSmpClient.TestQueue q = blockedQueue();
        // Protocol.hs encodeProtocol: AUTH before blockedEntitySMPVersion (12), the notice only from v18
        BrokerMessage expected = version < 12 ? BrokerMessage.err(ErrorType.Simple.AUTH)
                : BrokerMessage.err(new ErrorType.Blocked(version < 18 ? INFO.withoutNotice() : INFO));
        try (TestSmpClient r = TestSmpClient.connect(server.port(), version);
                TestSmpClient s = TestSmpClient.connect(server.port(), version)) {
            assertEquals(expected, s.call(q.sndId(), new Command.Send(MsgFlags.NONE, text("m")), null), "SEND");
            assertEquals(expected, r.call(q.rcvId(), Command.SUB, q.rcvKey()), "SUB");
            assertEquals(expected, r.call(q.rcvId(), Command.GET, q.rcvKey()), "GET");
        }
    }

    @Test
    void unblockedQueueWorksAgain() throws Exception {
        TestSmpClient.TestQueue q = blockedQueue();
        var store = server.env().queueStore;
        store.unblockQueue(store.findByRecipient(q.rcvId()));
        try (TestSmpClient s = TestSmpClient.connect(server.port(), 18)) {
            assertEquals(BrokerMessage.OK, s.call(q.sndId(), new Command.Send(MsgFlags.NONE, text("m")), null));
        }
    }
}
