package dev.relayj.smp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.ClientTransmission;
import dev.relayj.smp.protocol.Command;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.protocol.MsgFlags;
import dev.relayj.tls.ServerCredentials;
import dev.relayj.transport.ServiceRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Service certificates: the notifier-as-service scenarios of tests/ServerTests.hs. */
@Timeout(60)
class ServiceSubscriptionTest {
    static final BrokerMessage OK = BrokerMessage.OK;

    @TempDir
    Path dir;

    SmpServer start(boolean acceptServices) throws IOException {
        SmpServerConfig c = TestServer.config(dir, TestServer.Settings.DEFAULT);
        SmpServerConfig.Transport t = c.transport();
        SmpServerConfig config = new SmpServerConfig(new SmpServerConfig.Transport(t.ports(), t.host(), t.logTlsErrors(),
                acceptServices, t.controlPort()), c.credentials(), c.store(), c.auth(), c.expiry(), c.stats(), c.proxy(),
                c.information(), c.web());
        ServerCredentials credentials = ServerCredentials.load(dir.resolve("ca.crt"), dir.resolve("server.crt"),
                dir.resolve("server.key"));
        return SmpServer.start(config, credentials, Optional.empty(), "127.0.0.1", TestServer.TUNING);
    }

    static int port(SmpServer server) {
        return server.ports().get(0);
    }

    /** A secured queue with its sender key and a notifier. */
    record Queue(TestSmpClient.TestQueue queue, Ed25519PrivateKey senderKey, EntityId notifierId, Ed25519PrivateKey notifierKey) {}

    static Queue createQueue(TestSmpClient recipient) throws IOException {
        TestSmpClient.TestQueue q = recipient.createQueue();
        Ed25519PrivateKey senderKey = Ed25519PrivateKey.generate(TestSmpClient.RANDOM);
        assertEquals(OK, recipient.call(q.rcvId(), new Command.Key(senderKey.publicKey()), q.rcvKey()));
        return withNotifier(recipient, new Queue(q, senderKey, null, null));
    }

    static Queue withNotifier(TestSmpClient recipient, Queue queue) throws IOException {
        Ed25519PrivateKey notifierKey = Ed25519PrivateKey.generate(TestSmpClient.RANDOM);
        X25519PrivateKey dh = X25519PrivateKey.generate(TestSmpClient.RANDOM);
        BrokerMessage.Nid nid = assertInstanceOf(BrokerMessage.Nid.class, recipient.call(queue.queue().rcvId(),
                new Command.NKey(notifierKey.publicKey(), dh.publicKey()), queue.queue().rcvKey()));
        return new Queue(queue.queue(), queue.senderKey(), nid.notifierId(), notifierKey);
    }

    /** {@code deliverMessage}: sent, received and acknowledged, and notified to the notifier connection. */
    static void deliver(TestSmpClient recipient, TestSmpClient sender, Queue queue, ServiceTestClient notifier, String text)
            throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        assertEquals(OK, sender.call(queue.queue().sndId(), new Command.Send(MsgFlags.NOTIFY, body), queue.senderKey()));
        BrokerMessage.Msg msg = assertInstanceOf(BrokerMessage.Msg.class, recipient.event(queue.queue().rcvId()));
        assertArrayEquals(body, TestSmpClient.bodyOf(queue.queue(), msg));
        assertEquals(OK, recipient.call(queue.queue().rcvId(), new Command.Ack(msg.msgId()), queue.queue().rcvKey()));
        ClientTransmission ntf = notifier.receive();
        assertEquals(CorrId.NONE, ntf.corrId());
        assertInstanceOf(BrokerMessage.Nmsg.class, ntf.message().value());
    }

    static BrokerMessage subscribeAsService(ServiceTestClient notifier, Queue queue) throws IOException {
        return notifier.call(queue.notifierId(), new Command.NSub(), queue.notifierKey(), true);
    }

    static void assertEvent(ServiceTestClient client, EntityId entityId, BrokerMessage event) throws IOException {
        ClientTransmission t = client.receive();
        assertEquals(CorrId.NONE, t.corrId());
        assertEquals(entityId, t.entityId());
        assertEquals(event, t.message().value());
    }

    @Test
    void refusesServiceUnlessAccepted() throws Exception {
        try (SmpServer server = start(false)) {
            Ed25519PrivateKey serviceKey = Ed25519PrivateKey.generate(TestSmpClient.RANDOM);
            assertThrowsIo(() -> ServiceTestClient.connect(port(server), ServiceRole.NOTIFIER, serviceKey).close());
        }
    }

    @Test
    void subscribesNotifierAsServiceAndDeliversNotifications() throws Exception {
        Ed25519PrivateKey serviceKey = Ed25519PrivateKey.generate(TestSmpClient.RANDOM);
        try (SmpServer server = start(true);
                TestSmpClient rh = TestSmpClient.connect(port(server), 18);
                TestSmpClient sh = TestSmpClient.connect(port(server), 18);
                ServiceTestClient nh1 = ServiceTestClient.connect(port(server), ServiceRole.NOTIFIER, serviceKey)) {
            Queue q = createQueue(rh);
            EntityId serviceId = nh1.serviceId();
            // a service session must sign with the service key too
            assertEquals(BrokerMessage.err(ErrorType.Simple.SERVICE),
                    nh1.call(q.notifierId(), new Command.NSub(), q.notifierKey(), false));
            assertEquals(new BrokerMessage.Sok(serviceId), subscribeAsService(nh1, q));
            // repeated, to support retries
            assertEquals(new BrokerMessage.Sok(serviceId), subscribeAsService(nh1, q));
            deliver(rh, sh, q, nh1, "hello");
            try (ServiceTestClient nh2 = ServiceTestClient.connect(port(server), ServiceRole.NOTIFIER, serviceKey)) {
                assertEquals(serviceId, nh2.serviceId());
                assertEquals(new BrokerMessage.Sok(serviceId), subscribeAsService(nh2, q));
                assertEvent(nh1, serviceId, new BrokerMessage.Ends(1));
                deliver(rh, sh, q, nh2, "hello again");
                assertTrue(nh1.silentFor(300), "nothing more goes to the first notifier connection");
                assertEquals(OK, rh.call(q.queue().rcvId(), new Command.NDel(), q.queue().rcvKey()));
                assertEvent(nh2, q.notifierId(), BrokerMessage.DELD);
                assertEquals(OK, sh.call(q.queue().sndId(), new Command.Send(MsgFlags.NOTIFY, text("hello there")),
                        q.senderKey()));
                BrokerMessage.Msg msg = assertInstanceOf(BrokerMessage.Msg.class, rh.event(q.queue().rcvId()));
                assertEquals(OK, rh.call(q.queue().rcvId(), new Command.Ack(msg.msgId()), q.queue().rcvKey()));
                assertTrue(nh2.silentFor(300), "no notifier: no notification");
                // new notifier credentials
                Queue q1 = withNotifier(rh, q);
                assertNotEquals(q.notifierId(), q1.notifierId());
                assertEquals(new BrokerMessage.Sok(serviceId), subscribeAsService(nh2, q1));
                // another queue
                Queue q2 = createQueue(rh);
                assertEquals(new BrokerMessage.Sok(serviceId), subscribeAsService(nh2, q2));
                deliver(rh, sh, q1, nh2, "connection 1");
                deliver(rh, sh, q2, nh2, "connection 2");
                // another client makes the service subscription
                assertEquals(new BrokerMessage.Soks(2), nh1.subscribeService());
                assertEvent(nh2, serviceId, new BrokerMessage.Ends(2));
                deliver(rh, sh, q1, nh1, "connection 1 one more");
                deliver(rh, sh, q2, nh1, "connection 2 one more");
                // the ntfServices columns of the daily statistics, counted as Server.hs counts them
                dev.relayj.stats.ServiceStats stats = server.stats().ntfServices;
                assertEquals(3, stats.assocNew.get());
                assertEquals(2, stats.assocDuplicate.get());
                assertEquals(3, stats.subCount.get());
                assertEquals(4, stats.subQueues.get());
            }
        }
    }

    @Test
    void associatesQueuesCreatedByMessagingService() throws Exception {
        Ed25519PrivateKey serviceKey = Ed25519PrivateKey.generate(TestSmpClient.RANDOM);
        try (SmpServer server = start(true);
                ServiceTestClient rh1 = ServiceTestClient.connect(port(server), ServiceRole.MESSAGING, serviceKey);
                ServiceTestClient rh2 = ServiceTestClient.connect(port(server), ServiceRole.MESSAGING, serviceKey)) {
            EntityId serviceId = rh1.serviceId();
            assertEquals(serviceId, rh2.serviceId());
            Ed25519PrivateKey rcvKey = Ed25519PrivateKey.generate(TestSmpClient.RANDOM);
            X25519PrivateKey dh = X25519PrivateKey.generate(TestSmpClient.RANDOM);
            Command.New create = new Command.New(new dev.relayj.smp.protocol.NewQueueRequest(rcvKey.publicKey(),
                    dh.publicKey(), null, dev.relayj.smp.protocol.SubscriptionMode.SUBSCRIBE,
                    new dev.relayj.smp.protocol.QueueRequestData.Messaging(null), null));
            // NEW in a service session needs the service signature
            assertEquals(BrokerMessage.err(ErrorType.Simple.SERVICE), rh1.call(EntityId.NONE, create, rcvKey, false));
            BrokerMessage.Ids ids = assertInstanceOf(BrokerMessage.Ids.class, rh1.call(EntityId.NONE, create, rcvKey, true));
            assertEquals(serviceId, ids.ids().serviceId());
            // the service's next queue, made through another connection, takes the service subscription
            Ed25519PrivateKey rcvKey2 = Ed25519PrivateKey.generate(TestSmpClient.RANDOM);
            Command.New create2 = new Command.New(new dev.relayj.smp.protocol.NewQueueRequest(rcvKey2.publicKey(),
                    dh.publicKey(), null, dev.relayj.smp.protocol.SubscriptionMode.SUBSCRIBE,
                    new dev.relayj.smp.protocol.QueueRequestData.Messaging(null), null));
            assertInstanceOf(BrokerMessage.Ids.class, rh2.call(EntityId.NONE, create2, rcvKey2, true));
            assertEvent(rh1, serviceId, new BrokerMessage.Ends(1));
            // SUBS is not served yet (Server.hs: "TODO [certs rcv]")
            assertEquals(BrokerMessage.err(ErrorType.cmd(dev.relayj.protocol.CommandError.PROHIBITED)),
                    rh2.call(serviceId, new Command.Subs(), serviceKey, false));
        }
    }

    @Test
    void deliversToServiceAfterTwoRestarts() throws Exception {
        Ed25519PrivateKey serviceKey = Ed25519PrivateKey.generate(TestSmpClient.RANDOM);
        Queue q;
        EntityId serviceId;
        try (SmpServer server = start(true);
                TestSmpClient sh = TestSmpClient.connect(port(server), 18);
                TestSmpClient rh = TestSmpClient.connect(port(server), 18);
                ServiceTestClient nh = ServiceTestClient.connect(port(server), ServiceRole.NOTIFIER, serviceKey)) {
            q = createQueue(rh);
            serviceId = nh.serviceId();
            assertEquals(new BrokerMessage.Sok(serviceId), subscribeAsService(nh, q));
            deliver(rh, sh, q, nh, "hello");
        }
        for (int restart = 2; restart <= 3; restart++) {
            try (SmpServer server = start(true);
                    TestSmpClient sh = TestSmpClient.connect(port(server), 18);
                    TestSmpClient rh = TestSmpClient.connect(port(server), 18);
                    ServiceTestClient nh = ServiceTestClient.connect(port(server), ServiceRole.NOTIFIER, serviceKey)) {
                assertEquals(serviceId, nh.serviceId(), "the service is known from the store log");
                // the association survived the restart (QUEUE_SERVICE, then the compacted queue record)
                assertEquals(new BrokerMessage.Soks(1), nh.subscribeService());
                assertEquals(new BrokerMessage.Sok(null), rh.call(q.queue().rcvId(), new Command.Sub(), q.queue().rcvKey()));
                deliver(rh, sh, q, nh, "hello " + restart);
            }
        }
        List<String> log = Files.readAllLines(dir.resolve("smp-server-store.log"));
        assertTrue(log.stream().anyMatch(line -> line.startsWith("NEW_SERVICE")), "service in the store log");
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    interface IoAction {
        void run() throws IOException;
    }

    private static void assertThrowsIo(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            return;
        }
        throw new AssertionError("the service handshake was accepted");
    }
}
