package dev.relayj.smp.server;

import static dev.relayj.smp.server.QueueLifecycleTest.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.crypto.CbNonce;
import dev.relayj.crypto.CryptoBox;
import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.crypto.Hashes;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.protocol.BasicAuth;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.ClientTransmission;
import dev.relayj.smp.protocol.Command;
import dev.relayj.protocol.CommandError;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.protocol.MsgFlags;
import dev.relayj.smp.protocol.NotificationMeta;
import dev.relayj.smp.protocol.QueueLinkData;
import dev.relayj.smp.protocol.QueueMode;
import dev.relayj.smp.protocol.QueueRequestData;
import dev.relayj.smp.protocol.RcvMessageBody;
import dev.relayj.smp.protocol.SubscriptionMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Scenarios of tests/ServerTests.hs that a client can observe. */
class ServerScenariosTest {
    static final BrokerMessage OK = BrokerMessage.OK;
    static final BrokerMessage AUTH = BrokerMessage.err(ErrorType.Simple.AUTH);

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

    TestSmpClient connect(int version) throws Exception {
        return TestSmpClient.connect(server.port(), version);
    }

    static Command send(String body) {
        return new Command.Send(MsgFlags.NONE, text(body));
    }

    static byte[] msgId(BrokerMessage message) {
        return assertInstanceOf(BrokerMessage.Msg.class, message).msgId();
    }

    @Test
    void aBlockOfSendsIsAnsweredInOrderAndEachMessageDelivered() throws Exception {
        try (TestSmpClient r = connect(18); TestSmpClient s = connect(18)) {
            TestSmpClient.TestQueue q1 = r.createQueue();
            TestSmpClient.TestQueue q2 = r.createQueue();
            // one block of three SENDs: the journal is waited for once, after the last of them, and
            // the answers keep the block's order; the commands run last to first, as the reference's
            // client loop folds the block from the right (foldrM in Server.hs), so q1 gets "three" first
            List<CorrId> corrIds = List.of(TestSmpClient.corrId(), TestSmpClient.corrId(), TestSmpClient.corrId());
            s.sendTransmissions(List.of(
                    s.transmission(corrIds.get(0), q1.sndId(), send("one"), null),
                    s.transmission(corrIds.get(1), q2.sndId(), send("two"), null),
                    s.transmission(corrIds.get(2), q1.sndId(), send("three"), null)));
            for (CorrId corrId : corrIds) {
                ClientTransmission answer = s.receive();
                assertEquals(corrId, answer.corrId());
                assertEquals(OK, answer.message().value());
            }
            Map<EntityId, String> delivered = new HashMap<>();
            byte[] firstOfQ1 = null;
            for (int i = 0; i < 2; i++) {
                ClientTransmission t = r.receive();
                TestSmpClient.TestQueue q = t.entityId().equals(q1.rcvId()) ? q1 : q2;
                delivered.put(t.entityId(), new String(TestSmpClient.bodyOf(q, t.message().value()), StandardCharsets.UTF_8));
                if (q == q1) {
                    firstOfQ1 = msgId(t.message().value());
                }
            }
            assertEquals(Map.of(q1.rcvId(), "three", q2.rcvId(), "two"), delivered);
            BrokerMessage next = r.call(q1.rcvId(), new Command.Ack(firstOfQ1), q1.rcvKey());
            assertEquals("one", new String(TestSmpClient.bodyOf(q1, next), StandardCharsets.UTF_8));
        }
    }

    @Test
    void senderSecuresQueueWithSkey() throws Exception {
        try (TestSmpClient r = connect(18); TestSmpClient s = connect(18)) {
            TestSmpClient.TestQueue q = r.createQueue();
            assertEquals(QueueMode.MESSAGING, q.ids().queueMode());
            Ed25519PrivateKey sndKey = Ed25519PrivateKey.generate(TestSmpClient.RANDOM);
            assertEquals(OK, s.call(q.sndId(), new Command.SKey(sndKey.publicKey()), sndKey));
            // securing again with the same key is allowed, with another key it is not
            assertEquals(OK, s.call(q.sndId(), new Command.SKey(sndKey.publicKey()), sndKey));
            Ed25519PrivateKey other = Ed25519PrivateKey.generate(TestSmpClient.RANDOM);
            assertEquals(AUTH, s.call(q.sndId(), new Command.SKey(other.publicKey()), other));
            assertEquals(AUTH, s.call(q.sndId(), send("no signature"), null));
            assertEquals(OK, s.call(q.sndId(), send("hi"), sndKey));
            assertArrayEquals(text("hi"), TestSmpClient.bodyOf(q, r.event(q.rcvId())));
        }
    }

    @Test
    void contactQueueWithShortLink() throws Exception {
        try (TestSmpClient r = connect(18); TestSmpClient s = connect(18)) {
            CorrId corrId = TestSmpClient.corrId();
            EntityId senderId = new EntityId(Arrays.copyOf(Hashes.sha3_384(corrId.bytes()), 24));
            EntityId linkId = new EntityId(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
                21, 22, 23, 24});
            QueueLinkData data = new QueueLinkData(text("fixed"), text("user"));
            Ed25519PrivateKey rcvKey = Ed25519PrivateKey.generate(TestSmpClient.RANDOM);
            X25519PrivateKey dh = X25519PrivateKey.generate(TestSmpClient.RANDOM);
            r.send(corrId, EntityId.NONE, new Command.New(new dev.relayj.smp.protocol.NewQueueRequest(rcvKey.publicKey(),
                    dh.publicKey(), null, SubscriptionMode.SUBSCRIBE,
                    new QueueRequestData.Contact(linkId, new QueueRequestData.SenderLink(senderId, data)), null)), rcvKey);
            var ids = assertInstanceOf(BrokerMessage.Ids.class, r.receive().message().value()).ids();
            assertEquals(senderId, ids.senderId());
            assertEquals(linkId, ids.linkId());
            assertEquals(QueueMode.CONTACT, ids.queueMode());

            assertEquals(new BrokerMessage.Lnk(senderId, data), s.call(linkId, Command.LGET, null));
            QueueLinkData updated = new QueueLinkData(text("fixed"), text("user 2"));
            assertEquals(OK, r.call(ids.recipientId(), new Command.LSet(linkId, updated), rcvKey));
            assertEquals(new BrokerMessage.Lnk(senderId, updated), s.call(linkId, Command.LGET, null));
            // the fixed data and the link id cannot change
            assertEquals(AUTH, r.call(ids.recipientId(), new Command.LSet(linkId, new QueueLinkData(text("x"), text("y"))), rcvKey));
            // a contact queue cannot be secured by its sender
            Ed25519PrivateKey sndKey = Ed25519PrivateKey.generate(TestSmpClient.RANDOM);
            assertEquals(AUTH, s.call(linkId, new Command.LKey(sndKey.publicKey()), sndKey));
            assertEquals(AUTH, s.call(senderId, new Command.SKey(sndKey.publicKey()), sndKey));
            assertEquals(OK, r.call(ids.recipientId(), Command.LDEL, rcvKey));
            assertEquals(AUTH, s.call(linkId, Command.LGET, null));
            // a client-chosen sender id must be the hash of the correlation id
            assertEquals(BrokerMessage.err(CommandError.PROHIBITED), r.call(EntityId.NONE,
                    new Command.New(new dev.relayj.smp.protocol.NewQueueRequest(rcvKey.publicKey(), dh.publicKey(), null,
                            SubscriptionMode.SUBSCRIBE, new QueueRequestData.Contact(linkId,
                                    new QueueRequestData.SenderLink(senderId, data)), null)), rcvKey));
        }
    }

    @Test
    void messagingQueueLinkSecuredWithLkey() throws Exception {
        try (TestSmpClient r = connect(18); TestSmpClient s = connect(18)) {
            CorrId corrId = TestSmpClient.corrId();
            EntityId senderId = new EntityId(Arrays.copyOf(Hashes.sha3_384(corrId.bytes()), 24));
            QueueLinkData data = new QueueLinkData(text("fixed"), text("user"));
            Ed25519PrivateKey rcvKey = Ed25519PrivateKey.generate(TestSmpClient.RANDOM);
            X25519PrivateKey dh = X25519PrivateKey.generate(TestSmpClient.RANDOM);
            r.send(corrId, EntityId.NONE, new Command.New(new dev.relayj.smp.protocol.NewQueueRequest(rcvKey.publicKey(),
                    dh.publicKey(), null, SubscriptionMode.SUBSCRIBE,
                    new QueueRequestData.Messaging(new QueueRequestData.SenderLink(senderId, data)), null)), rcvKey);
            var ids = assertInstanceOf(BrokerMessage.Ids.class, r.receive().message().value()).ids();
            // LGET is for contact queues only
            assertEquals(AUTH, s.call(ids.linkId(), Command.LGET, null));
            Ed25519PrivateKey sndKey = Ed25519PrivateKey.generate(TestSmpClient.RANDOM);
            assertEquals(new BrokerMessage.Lnk(senderId, data), s.call(ids.linkId(), new Command.LKey(sndKey.publicKey()), sndKey));
            assertEquals(OK, s.call(senderId, send("hello"), sndKey));
            // the first message to a secured messaging queue deletes its link data
            assertEquals(AUTH, s.call(ids.linkId(), new Command.LKey(sndKey.publicKey()), sndKey));
        }
    }

    @Test
    void getAndSubCannotBeMixed() throws Exception {
        try (TestSmpClient r = connect(18); TestSmpClient s = connect(18); TestSmpClient r2 = connect(18)) {
            TestSmpClient.TestQueue q = r.createQueue(SubscriptionMode.ONLY_CREATE, new QueueRequestData.Messaging(null));
            assertEquals(OK, r2.call(q.rcvId(), Command.GET, q.rcvKey()));
            assertEquals(OK, s.call(q.sndId(), send("one"), null));
            BrokerMessage got = r2.call(q.rcvId(), Command.GET, q.rcvKey());
            assertArrayEquals(text("one"), TestSmpClient.bodyOf(q, got));
            assertEquals(BrokerMessage.err(CommandError.PROHIBITED), r2.call(q.rcvId(), Command.SUB, q.rcvKey()));
            assertEquals(OK, r2.call(q.rcvId(), new Command.Ack(msgId(got)), q.rcvKey()));
            assertEquals(OK, r2.call(q.rcvId(), Command.GET, q.rcvKey()));
            // another connection subscribes, and then may not GET
            assertEquals(new BrokerMessage.Sok(null), r.call(q.rcvId(), Command.SUB, q.rcvKey()));
            assertEquals(BrokerMessage.err(CommandError.PROHIBITED), r.call(q.rcvId(), Command.GET, q.rcvKey()));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 18})
    void subscriptionMovesWithEnd(int version) throws Exception {
        try (TestSmpClient r1 = connect(version); TestSmpClient r2 = connect(version); TestSmpClient s = connect(version)) {
            TestSmpClient.TestQueue q = r1.createQueue();
            assertEquals(OK, s.call(q.sndId(), send("first"), null));
            BrokerMessage first = r1.event(q.rcvId());
            // the unacknowledged message is delivered again to the new subscriber, the old one gets END
            BrokerMessage again = null;
            CorrId corrId = TestSmpClient.corrId();
            r2.send(corrId, q.rcvId(), Command.SUB, q.rcvKey());
            ClientTransmission ok = r2.receive();
            assertEquals(corrId, ok.corrId());
            again = r2.event(q.rcvId());
            assertArrayEquals(msgId(first), msgId(again));
            assertEquals(BrokerMessage.END, r1.event(q.rcvId()));
            assertEquals(BrokerMessage.err(ErrorType.Simple.NO_MSG), r1.call(q.rcvId(), new Command.Ack(msgId(first)), q.rcvKey()));
            assertEquals(OK, r2.call(q.rcvId(), new Command.Ack(msgId(again)), q.rcvKey()));
            assertEquals(OK, s.call(q.sndId(), send("second"), null));
            assertArrayEquals(text("second"), TestSmpClient.bodyOf(q, r2.event(q.rcvId())));
            assertTrue(r1.silentFor(300));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 10, 18})
    void deleteSendsDeldToOtherSubscriber(int version) throws Exception {
        try (TestSmpClient r1 = connect(version); TestSmpClient r2 = connect(version); TestSmpClient s = connect(version)) {
            TestSmpClient.TestQueue q = r1.createQueue();
            assertEquals(OK, r2.call(q.rcvId(), Command.DEL, q.rcvKey()));
            BrokerMessage event = r1.event(q.rcvId());
            assertEquals(version >= 10 ? "DELD" : "END", new String(event.encode(version)));
            assertEquals(AUTH, s.call(q.sndId(), send("gone"), null));
            assertEquals(AUTH, r2.call(q.rcvId(), Command.SUB, q.rcvKey()));
        }
    }

    @Test
    void suspendedQueueRefusesMessages() throws Exception {
        try (TestSmpClient r = connect(18); TestSmpClient s = connect(18)) {
            TestSmpClient.TestQueue q = r.createQueue();
            assertEquals(OK, s.call(q.sndId(), send("before"), null));
            BrokerMessage msg = r.event(q.rcvId());
            assertEquals(OK, r.call(q.rcvId(), Command.OFF, q.rcvKey()));
            assertEquals(AUTH, s.call(q.sndId(), send("after"), null));
            // messages already in the queue can still be received
            assertEquals(OK, r.call(q.rcvId(), new Command.Ack(msgId(msg)), q.rcvKey()));
            assertEquals(OK, r.call(q.rcvId(), Command.DEL, q.rcvKey()));
        }
    }

    @Test
    void quotaAndQuotaMarker() throws Exception {
        try (TestSmpClient r = connect(18); TestSmpClient s = connect(18)) {
            TestSmpClient.TestQueue q = r.createQueue(SubscriptionMode.ONLY_CREATE, new QueueRequestData.Messaging(null));
            for (int i = 0; i < 4; i++) {
                assertEquals(OK, s.call(q.sndId(), send("m" + i), null));
            }
            assertEquals(BrokerMessage.err(ErrorType.Simple.QUOTA), s.call(q.sndId(), send("m4"), null));
            assertEquals(BrokerMessage.err(ErrorType.Simple.QUOTA), s.call(q.sndId(), send("m5"), null));
            CorrId corrId = TestSmpClient.corrId();
            r.send(corrId, q.rcvId(), Command.SUB, q.rcvKey());
            assertEquals(corrId, r.receive().corrId());
            BrokerMessage msg = r.event(q.rcvId());
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(text("m" + i), TestSmpClient.bodyOf(q, msg));
                msg = r.call(q.rcvId(), new Command.Ack(msgId(msg)), q.rcvKey());
            }
            assertInstanceOf(RcvMessageBody.Quota.class, TestSmpClient.decrypt(q, msg));
            // the queue accepts again only once the marker is acknowledged
            assertEquals(BrokerMessage.err(ErrorType.Simple.QUOTA), s.call(q.sndId(), send("m6"), null));
            assertEquals(OK, r.call(q.rcvId(), new Command.Ack(msgId(msg)), q.rcvKey()));
            assertEquals(OK, s.call(q.sndId(), send("m7"), null));
            assertArrayEquals(text("m7"), TestSmpClient.bodyOf(q, r.event(q.rcvId())));
        }
    }

    @Test
    void notifierSubscriptionGetsNotifications() throws Exception {
        try (TestSmpClient r = connect(18); TestSmpClient s = connect(18); TestSmpClient n = connect(18)) {
            TestSmpClient.TestQueue q = r.createQueue();
            Ed25519PrivateKey ntfKey = Ed25519PrivateKey.generate(TestSmpClient.RANDOM);
            X25519PrivateKey ntfDh = X25519PrivateKey.generate(TestSmpClient.RANDOM);
            BrokerMessage.Nid nid = assertInstanceOf(BrokerMessage.Nid.class,
                    r.call(q.rcvId(), new Command.NKey(ntfKey.publicKey(), ntfDh.publicKey()), q.rcvKey()));
            assertEquals(AUTH, n.call(nid.notifierId(), Command.NSUB, Ed25519PrivateKey.generate(TestSmpClient.RANDOM)));
            assertEquals(new BrokerMessage.Sok(null), n.call(nid.notifierId(), Command.NSUB, ntfKey));
            assertEquals(OK, s.call(q.sndId(), new Command.Send(MsgFlags.NOTIFY, text("hello")), null));
            BrokerMessage msg = r.event(q.rcvId());
            BrokerMessage.Nmsg nmsg = assertInstanceOf(BrokerMessage.Nmsg.class, n.event(nid.notifierId()));
            byte[] meta = CryptoBox.cbDecrypt(ntfDh.dh(nid.serverNtfDhKey()), new CbNonce(nmsg.nonce()), nmsg.encryptedMeta());
            assertArrayEquals(msgId(msg), NotificationMeta.decode(meta).msgId());
            // a message without the notify flag gives no notification
            assertEquals(OK, r.call(q.rcvId(), new Command.Ack(msgId(msg)), q.rcvKey()));
            assertEquals(OK, s.call(q.sndId(), send("quiet"), null));
            r.event(q.rcvId());
            assertTrue(n.silentFor(400));
            // deleting the notifier ends the subscription
            assertEquals(OK, r.call(q.rcvId(), Command.NDEL, q.rcvKey()));
            assertEquals(BrokerMessage.DELD, n.event(nid.notifierId()));
            assertEquals(AUTH, n.call(nid.notifierId(), Command.NSUB, ntfKey));
        }
    }

    @Test
    void wrongKeysAndIdsAreAuth() throws Exception {
        try (TestSmpClient r = connect(18); TestSmpClient s = connect(18)) {
            TestSmpClient.TestQueue q = r.createQueue();
            Ed25519PrivateKey other = Ed25519PrivateKey.generate(TestSmpClient.RANDOM);
            X25519PrivateKey x25519 = X25519PrivateKey.generate(TestSmpClient.RANDOM);
            EntityId unknown = new EntityId(new byte[24]);
            assertEquals(AUTH, r.call(q.rcvId(), Command.SUB, other));
            assertEquals(AUTH, r.call(q.rcvId(), Command.SUB, x25519));
            assertEquals(AUTH, r.call(unknown, Command.SUB, q.rcvKey()));
            assertEquals(AUTH, r.call(q.sndId(), Command.SUB, q.rcvKey()));
            assertEquals(AUTH, s.call(unknown, send("x"), null));
            assertEquals(AUTH, s.call(q.rcvId(), send("x"), null));
            assertEquals(AUTH, r.call(unknown, Command.NSUB, q.rcvKey()));
        }
    }

    @Test
    void x25519AuthenticatorsAuthorizeCommands() throws Exception {
        try (TestSmpClient r = connect(18); TestSmpClient s = connect(18)) {
            TestSmpClient.TestQueue q = r.createQueue();
            X25519PrivateKey sndKey = X25519PrivateKey.generate(TestSmpClient.RANDOM);
            assertEquals(OK, s.call(q.sndId(), new Command.SKey(sndKey.publicKey()), sndKey));
            assertEquals(OK, s.call(q.sndId(), send("boxed"), sndKey));
            assertArrayEquals(text("boxed"), TestSmpClient.bodyOf(q, r.event(q.rcvId())));
        }
    }

    @Test
    void errorsOfMalformedTransmissions() throws Exception {
        try (TestSmpClient c = connect(18)) {
            TestSmpClient.TestQueue q = c.createQueue();
            // unknown command
            CorrId corrId = TestSmpClient.corrId();
            byte[] unknown = c.transmission(corrId, q.rcvId(), Command.PING, null);
            unknown[unknown.length - 1] = 'X';
            c.sendTransmissions(java.util.List.of(unknown));
            ClientTransmission t = c.receive();
            assertEquals(corrId, t.corrId());
            assertEquals(ErrorType.cmd(CommandError.UNKNOWN), t.message().error() == null
                    ? ((BrokerMessage.Err) t.message().value()).error() : t.message().error());
            // credentials: PING with an entity, SUB without signature, SEND without an entity
            assertEquals(BrokerMessage.err(CommandError.HAS_AUTH), c.call(q.rcvId(), Command.PING, null));
            assertEquals(BrokerMessage.err(CommandError.NO_AUTH), c.call(q.rcvId(), Command.SUB, null));
            assertEquals(BrokerMessage.err(CommandError.NO_ENTITY), c.call(EntityId.NONE, send("x"), null));
            assertEquals(BrokerMessage.err(CommandError.NO_AUTH), c.call(EntityId.NONE, Command.SUB, null));
            // a message too large for the version
            assertEquals(BrokerMessage.err(ErrorType.Simple.LARGE_MSG),
                    c.call(q.sndId(), new Command.Send(MsgFlags.NONE, new byte[16049]), null));
        }
    }

    @Test
    void garbageBlocksAreAnsweredAndOthersServed() throws Exception {
        try (TestSmpClient bad = connect(18); TestSmpClient plain = connect(10); TestSmpClient r = connect(18);
                TestSmpClient s = connect(18)) {
            TestSmpClient.TestQueue q = r.createQueue();
            bad.sendRaw(new byte[] {1, 2, 3});
            ClientTransmission t = bad.receive();
            assertEquals(BrokerMessage.err(ErrorType.Simple.BLOCK), t.message().value());
            assertInstanceOf(BrokerMessage.Pong.class, bad.call(EntityId.NONE, Command.PING, null));
            // a block that does not unpad: answered, and the connection goes on
            plain.sendBytes(new byte[16384]);
            assertEquals(BrokerMessage.err(ErrorType.Simple.BLOCK), plain.receive().message().value());
            assertInstanceOf(BrokerMessage.Pong.class, plain.call(EntityId.NONE, Command.PING, null));
            // an encrypted block that does not decrypt is answered too (its chain key is used up)
            bad.sendBytes(new byte[16384]);
            assertEquals(BrokerMessage.err(ErrorType.Simple.BLOCK), bad.receive().message().value());
            assertEquals(OK, s.call(q.sndId(), send("still served"), null));
            assertArrayEquals(text("still served"), TestSmpClient.bodyOf(q, r.event(q.rcvId())));
        }
    }

    @Test
    void queueInfo() throws Exception {
        try (TestSmpClient r = connect(18); TestSmpClient s = connect(18)) {
            TestSmpClient.TestQueue q = r.createQueue();
            assertEquals(OK, s.call(q.sndId(), send("x"), null));
            BrokerMessage msg = r.event(q.rcvId());
            var info = assertInstanceOf(BrokerMessage.Info.class, r.call(q.rcvId(), Command.QUE, q.rcvKey())).info();
            assertEquals(1, info.size());
            assertEquals(java.util.Base64.getEncoder().encodeToString(msgId(msg)), info.subscription().delivered());
            assertEquals(java.util.Base64.getEncoder().encodeToString(msgId(msg)), info.message().msgId());
        }
    }

    @Test
    void proxyCommandsWhenProxyingIsOff() throws Exception {
        try (TestSmpClient c = connect(18)) {
            assertEquals(BrokerMessage.err(new ErrorType.Proxy(dev.relayj.smp.protocol.ProxyError.Simple.NO_SESSION)),
                    c.call(new EntityId(new byte[24]), new Command.Pfwd(18, X25519PrivateKey.generate(TestSmpClient.RANDOM)
                            .publicKey(), new byte[32]), null));
            // outside a service session a service command fails its service check
            assertEquals(BrokerMessage.err(ErrorType.Simple.SERVICE), c.call(new EntityId(new byte[24]), Command.SUBS,
                    Ed25519PrivateKey.generate(TestSmpClient.RANDOM)));
        }
    }

    @Test
    void createPasswordIsRequired() throws Exception {
        server.close();
        server = TestServer.start(dir, TestServer.Settings.DEFAULT.withPassword("secret"));
        try (TestSmpClient c = connect(18)) {
            Ed25519PrivateKey key = Ed25519PrivateKey.generate(TestSmpClient.RANDOM);
            X25519PrivateKey dh = X25519PrivateKey.generate(TestSmpClient.RANDOM);
            assertEquals(AUTH, c.call(EntityId.NONE, new Command.New(new dev.relayj.smp.protocol.NewQueueRequest(
                    key.publicKey(), dh.publicKey(), null, SubscriptionMode.SUBSCRIBE, null, null)), key));
            assertEquals(AUTH, c.call(EntityId.NONE, new Command.New(new dev.relayj.smp.protocol.NewQueueRequest(
                    key.publicKey(), dh.publicKey(), BasicAuth.of("wrong"), SubscriptionMode.SUBSCRIBE, null, null)), key));
            c.createQueue(SubscriptionMode.SUBSCRIBE, new QueueRequestData.Messaging(null), BasicAuth.of("secret"));
        }
    }
}
