package dev.relayj.smp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.Command;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.protocol.MsgFlags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Create, secure, send, receive, acknowledge ({@code testCreateSecure} of tests/ServerTests.hs). */
class QueueLifecycleTest {
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

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 7, 10, 18})
    void createSecureSendReceiveAck(int version) throws Exception {
        try (TestSmpClient recipient = TestSmpClient.connect(server.port(), version);
                TestSmpClient sender = TestSmpClient.connect(server.port(), version)) {
            assertEquals(version, recipient.version());
            TestSmpClient.TestQueue q = recipient.createQueue();

            assertEquals(BrokerMessage.OK, sender.call(q.sndId(), new Command.Send(MsgFlags.NONE, text("hello")), null));
            BrokerMessage msg = recipient.event(q.rcvId());
            assertArrayEquals(text("hello"), TestSmpClient.bodyOf(q, msg));
            byte[] msgId = ((BrokerMessage.Msg) msg).msgId();
            assertEquals(BrokerMessage.OK, recipient.call(q.rcvId(), new Command.Ack(msgId), q.rcvKey()));

            Ed25519PrivateKey sndKey = Ed25519PrivateKey.generate(TestSmpClient.RANDOM);
            assertEquals(BrokerMessage.OK, recipient.call(q.rcvId(), new Command.Key(sndKey.publicKey()), q.rcvKey()));
            assertEquals(BrokerMessage.err(ErrorType.Simple.AUTH),
                    sender.call(q.sndId(), new Command.Send(MsgFlags.NONE, text("unsigned")), null));
            Ed25519PrivateKey otherKey = Ed25519PrivateKey.generate(TestSmpClient.RANDOM);
            assertEquals(BrokerMessage.err(ErrorType.Simple.AUTH),
                    sender.call(q.sndId(), new Command.Send(MsgFlags.NONE, text("wrong key")), otherKey));
            assertEquals(BrokerMessage.OK, sender.call(q.sndId(), new Command.Send(MsgFlags.NONE, text("signed")), sndKey));
            BrokerMessage second = recipient.event(q.rcvId());
            assertArrayEquals(text("signed"), TestSmpClient.bodyOf(q, second));
            assertEquals(BrokerMessage.OK, recipient.call(q.rcvId(), new Command.Ack(((BrokerMessage.Msg) second).msgId()),
                    q.rcvKey()));
            assertEquals(BrokerMessage.err(ErrorType.Simple.NO_MSG),
                    recipient.call(q.rcvId(), new Command.Ack(((BrokerMessage.Msg) second).msgId()), q.rcvKey()));
            assertTrue(recipient.silentFor(200));
            assertInstanceOf(BrokerMessage.Pong.class, sender.call(dev.relayj.protocol.EntityId.NONE, Command.PING, null));
        }
    }
}
