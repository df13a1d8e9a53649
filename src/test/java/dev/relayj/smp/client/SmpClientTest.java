package dev.relayj.smp.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.crypto.CbNonce;
import dev.relayj.crypto.CryptoBox;
import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.crypto.X25519Secret;
import dev.relayj.encoding.VersionRange;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.Command;
import dev.relayj.protocol.Authorization;
import dev.relayj.protocol.CommandAuthorization;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.protocol.ForwardedResponse;
import dev.relayj.smp.protocol.ForwardedTransmission;
import dev.relayj.smp.protocol.MsgFlags;
import dev.relayj.smp.protocol.NetworkError;
import dev.relayj.smp.protocol.ServerTransmission;
import dev.relayj.smp.protocol.SmpServerAddress;
import dev.relayj.transport.SmpVersions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SmpClientTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration SHORT = Duration.ofMillis(300);

    static NetworkSettings network(Duration commandTimeout) {
        return NetworkSettings.defaults().withTimeouts(Duration.ofSeconds(10), commandTimeout);
    }

    private static SmpClient connect(FakeRelay relay, SmpClientConfig config, ServerEventListener listener)
            throws SmpClientException {
        return SmpClient.connect(relay.address(), config, null, listener, client -> {});
    }

    private static SmpClient connectProxy(FakeRelay relay) throws SmpClientException {
        return connect(relay, SmpClientConfig.forProxy(network(Duration.ofSeconds(10))), ServerEventListener.IGNORE);
    }

    @Test
    void pingPong() throws Exception {
        try (FakeRelay relay = new FakeRelay(FakeRelay::pong); SmpClient client = connectProxy(relay)) {
            assertInstanceOf(BrokerMessage.Pong.class, client.sendCommand(EntityId.NONE, Command.PING, null));
            assertEquals(SmpVersions.CURRENT_SERVER_SMP_RELAY_VERSION, client.version());
            FakeRelay.Session session = relay.nextSession();
            assertArrayEquals(session.handle.params().sessionId(), client.sessionId());
            assertFalse(session.handle.transport().encrypted(), "a proxy's connection has no block encryption");
        }
    }

    @Test
    void ordinaryClientEncryptsBlocks() throws Exception {
        try (FakeRelay relay = new FakeRelay(FakeRelay::pong);
                SmpClient client = connect(relay, SmpClientConfig.forClient(network(Duration.ofSeconds(10))),
                        ServerEventListener.IGNORE)) {
            assertInstanceOf(BrokerMessage.Pong.class, client.sendCommand(EntityId.NONE, Command.PING, null));
            assertTrue(relay.nextSession().handle.transport().encrypted());
        }
    }

    @Test
    void concurrentResponsesReachTheirCallers() throws Exception {
        int count = 8;
        List<ServerTransmission.Received> received = new ArrayList<>();
        FakeRelay.Responder reverse = (session, t) -> {
            List<ServerTransmission.Received> batch = null;
            synchronized (received) {
                received.add(t);
                if (received.size() == count) {
                    batch = new ArrayList<>(received);
                }
            }
            if (batch != null) {
                for (int i = batch.size() - 1; i >= 0; i--) {
                    ServerTransmission.Received r = batch.get(i);
                    boolean even = r.entityId().bytes()[0] % 2 == 0;
                    session.send(r.corrId(), r.entityId(),
                            even ? new BrokerMessage.Ok() : BrokerMessage.err(ErrorType.Simple.AUTH));
                }
            }
        };
        try (FakeRelay relay = new FakeRelay(reverse); SmpClient client = connectProxy(relay)) {
            BlockingQueue<String> outcomes = new LinkedBlockingQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int id = i;
                threads.add(Thread.ofVirtual().start(() -> {
                    EntityId entity = new EntityId(new byte[] {(byte) id, 1, 2});
                    try {
                        BrokerMessage response = client.sendCommand(entity,
                                new Command.Send(MsgFlags.NONE, new byte[] {(byte) id}), null);
                        outcomes.add(id + (response instanceof BrokerMessage.Ok ? " ok" : " ?"));
                    } catch (SmpClientException e) {
                        outcomes.add(id + (e.error().equals(new SmpClientError.Protocol(ErrorType.Simple.AUTH)) ? " auth" : " ?"));
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join(10_000);
            }
            List<String> all = new ArrayList<>();
            outcomes.drainTo(all);
            assertEquals(count, all.size());
            for (String outcome : all) {
                int id = Integer.parseInt(outcome.split(" ")[0]);
                assertEquals(id + (id % 2 == 0 ? " ok" : " auth"), outcome);
            }
        }
    }

    @Test
    void timeoutThenLateResponseGoesToTheListener() throws Exception {
        BlockingQueue<ServerTransmission.Received> unanswered = new LinkedBlockingQueue<>();
        BlockingQueue<ServerEvent> events = new LinkedBlockingQueue<>();
        try (FakeRelay relay = new FakeRelay((session, t) -> unanswered.add(t));
                SmpClient client = connect(relay, SmpClientConfig.forProxy(network(SHORT)), (c, e) -> events.add(e))) {
            SmpClientException e = assertThrows(SmpClientException.class,
                    () -> client.sendCommand(EntityId.NONE, Command.PING, null));
            assertEquals(new SmpClientError.ResponseTimeout(), e.error());
            assertTrue(e.error().temporary());
            ServerTransmission.Received late = unanswered.poll(5, TimeUnit.SECONDS);
            relay.nextSession().send(late.corrId(), late.entityId(), new BrokerMessage.Pong());
            ServerEvent.Unexpected event = assertInstanceOf(ServerEvent.Unexpected.class, events.poll(5, TimeUnit.SECONDS));
            assertEquals(late.corrId(), event.corrId());
            assertTrue(client.isOpen());
        }
    }

    @Test
    void serverClosingFailsPendingCommands() throws Exception {
        CountDownLatch closedCallback = new CountDownLatch(1);
        CountDownLatch commandArrived = new CountDownLatch(1);
        try (FakeRelay relay = new FakeRelay((session, t) -> commandArrived.countDown())) {
            SmpClient client = SmpClient.connect(relay.address(), SmpClientConfig.forProxy(network(Duration.ofSeconds(20))),
                    null, ServerEventListener.IGNORE, c -> closedCallback.countDown());
            FakeRelay.Session session = relay.nextSession();
            Thread.ofVirtual().start(() -> {
                try {
                    commandArrived.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                session.close();
            });
            long start = System.nanoTime();
            SmpClientException e = assertThrows(SmpClientException.class,
                    () -> client.sendCommand(EntityId.NONE, Command.PING, null));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15), "failed before its own timeout");
            assertInstanceOf(SmpClientError.Network.class, e.error());
            assertTrue(closedCallback.await(5, TimeUnit.SECONDS));
            assertFalse(client.isOpen());
            assertNotNull(client.closeReason());
            SmpClientException after = assertThrows(SmpClientException.class,
                    () -> client.sendCommand(EntityId.NONE, Command.PING, null));
            assertInstanceOf(SmpClientError.Network.class, after.error());
        }
    }

    @Test
    void serverEventsGoToTheListener() throws Exception {
        BlockingQueue<ServerEvent> events = new LinkedBlockingQueue<>();
        EntityId queue = new EntityId(new byte[] {9, 9, 9});
        try (FakeRelay relay = new FakeRelay(FakeRelay::pong);
                SmpClient client = connect(relay, SmpClientConfig.forClient(network(Duration.ofSeconds(10))),
                        (c, e) -> events.add(e))) {
            relay.nextSession().send(CorrId.NONE, queue, new BrokerMessage.End());
            ServerEvent.Message event = assertInstanceOf(ServerEvent.Message.class, events.poll(5, TimeUnit.SECONDS));
            assertEquals(queue, event.entityId());
            assertInstanceOf(BrokerMessage.End.class, event.message());
            assertTrue(client.isOpen());
        }
    }

    @Test
    void commandsAreAuthorizedWithSignaturesAndAuthenticators() throws Exception {
        Ed25519PrivateKey signer = Ed25519PrivateKey.generate(RANDOM);
        X25519PrivateKey dhKey = X25519PrivateKey.generate(RANDOM);
        FakeRelay.Responder verify = (session, t) -> {
            boolean ok = CommandAuthorization.verify(session.handle.auth().serverPrivateKey(), Authorization.authOf(t.authorization()),
                    t.authorized(), t.corrId(), t.entityId().bytes()[0] == 1 ? signer.publicKey() : dhKey.publicKey());
            session.send(t.corrId(), t.entityId(), ok ? new BrokerMessage.Ok() : BrokerMessage.err(ErrorType.Simple.AUTH));
        };
        try (FakeRelay relay = new FakeRelay(verify);
                SmpClient client = connect(relay, SmpClientConfig.forClient(network(Duration.ofSeconds(10))),
                        ServerEventListener.IGNORE)) {
            assertInstanceOf(BrokerMessage.Ok.class, client.sendCommand(new EntityId(new byte[] {1}), Command.SUB, signer));
            assertInstanceOf(BrokerMessage.Ok.class, client.sendCommand(new EntityId(new byte[] {2}), Command.SUB, dhKey));
            SmpClientException wrong = assertThrows(SmpClientException.class,
                    () -> client.sendCommand(new EntityId(new byte[] {1}), Command.SUB, Ed25519PrivateKey.generate(RANDOM)));
            assertEquals(new SmpClientError.Protocol(ErrorType.Simple.AUTH), wrong.error());
        }
    }

    @Test
    void forwardsTransmissionsWithTheSessionSecret() throws Exception {
        byte[] inner = "encrypted for the relay".getBytes();
        byte[] answer = "encrypted for the client".getBytes();
        CorrId clientCorrId = new CorrId(CbNonce.random(RANDOM).bytes());
        X25519PrivateKey clientKey = X25519PrivateKey.generate(RANDOM);
        FakeRelay.Responder relayResponder = (session, t) -> {
            Command.Rfwd rfwd = (Command.Rfwd) t.command();
            X25519Secret secret = session.handle.auth().sessionSecret();
            CbNonce nonce = new CbNonce(t.corrId().bytes());
            try {
                ForwardedTransmission forwarded = ForwardedTransmission.decode(
                        CryptoBox.cbDecryptNoPad(secret, nonce, rfwd.encryptedForwarded()));
                boolean as = forwarded.clientCorrId().equals(clientCorrId) && forwarded.clientVersion() == 17
                        && forwarded.clientKey().equals(clientKey.publicKey())
                        && java.util.Arrays.equals(forwarded.encryptedTransmission(), inner);
                byte[] response = new ForwardedResponse(forwarded.clientCorrId(), as ? answer : new byte[0]).encode();
                session.send(t.corrId(), t.entityId(),
                        new BrokerMessage.Rres(CryptoBox.cbEncryptNoPad(secret, nonce.reversed(), response)));
            } catch (Exception e) {
                throw new IOException(e);
            }
        };
        try (FakeRelay relay = new FakeRelay(relayResponder); SmpClient client = connectProxy(relay)) {
            byte[] result = client.forwardTransmission(clientCorrId, 17, clientKey.publicKey(), inner);
            assertArrayEquals(answer, result);
        }
    }

    @Test
    void proxiedRelayKeyCapsTheVersionRange() throws Exception {
        try (FakeRelay relay = new FakeRelay(FakeRelay::pong); SmpClient client = connectProxy(relay)) {
            BrokerMessage.Pkey pkey = assertInstanceOf(BrokerMessage.Pkey.class, client.proxiedRelayKey());
            assertArrayEquals(client.sessionId(), pkey.sessionId());
            assertEquals(new VersionRange(SmpVersions.SENDING_PROXY_SMP_VERSION, SmpVersions.PROXIED_SMP_RELAY_VERSION),
                    pkey.versionRange());
            assertArrayEquals(FakeRelay.pem("ca.crt"), pkey.certKey().certificateChain().certificate(1));
        }
    }

    @Test
    void oldRelayCannotBeProxiedTo() throws Exception {
        try (FakeRelay relay = new FakeRelay(FakeRelay::pong);
                SmpClient client = connect(relay, SmpClientConfig.forProxy(network(Duration.ofSeconds(10)))
                        .withVersionRange(new VersionRange(6, 7)), ServerEventListener.IGNORE)) {
            BrokerMessage.Err err = assertInstanceOf(BrokerMessage.Err.class, client.proxiedRelayKey());
            assertEquals("PROXY BROKER TRANSPORT VERSION", new String(err.error().encode()));
        }
    }

    @Test
    void identityMismatchIsUnknownCa() throws Exception {
        try (FakeRelay relay = new FakeRelay(FakeRelay::pong)) {
            SmpServerAddress wrong = new SmpServerAddress(relay.address().hosts(), relay.address().port(), new byte[32]);
            SmpClientException e = assertThrows(SmpClientException.class, () -> SmpClient.connect(wrong,
                    SmpClientConfig.forProxy(network(SHORT)), null, ServerEventListener.IGNORE, c -> {}));
            SmpClientError.Network network = assertInstanceOf(SmpClientError.Network.class, e.error());
            assertEquals(NetworkError.Simple.UNKNOWNCA, network.error());
            assertEquals("PROXY BROKER NETWORK", new String(e.error().toProxyError().encode()));
        }
    }

    @Test
    void silentServerTimesOutConnecting() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SmpServerAddress address = SmpServerAddress.parse(
                    "smp://" + FakeRelay.fingerprint() + "@127.0.0.1:" + silent.getLocalPort());
            NetworkSettings settings = NetworkSettings.defaults().withTimeouts(SHORT, SHORT);
            long start = System.nanoTime();
            SmpClientException e = assertThrows(SmpClientException.class, () -> SmpClient.connect(address,
                    SmpClientConfig.forProxy(settings), null, ServerEventListener.IGNORE, c -> {}));
            assertEquals(NetworkError.Simple.TIMEOUT, assertInstanceOf(SmpClientError.Network.class, e.error()).error());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        }
    }

    @Test
    void refusedConnectionIsANetworkError() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        SmpServerAddress address = SmpServerAddress.parse("smp://" + FakeRelay.fingerprint() + "@127.0.0.1:" + port);
        SmpClientException e = assertThrows(SmpClientException.class, () -> SmpClient.connect(address,
                SmpClientConfig.forProxy(network(SHORT)), null, ServerEventListener.IGNORE, c -> {}));
        assertInstanceOf(SmpClientError.Network.class, e.error());
        assertTrue(e.error().temporary());
    }

    @Test
    void pingsKeepSubscriptionsAlive() throws Exception {
        AtomicInteger pings = new AtomicInteger();
        CountDownLatch twoPings = new CountDownLatch(2);
        FakeRelay.Responder counting = (session, t) -> {
            if (t.command() instanceof Command.Ping) {
                pings.incrementAndGet();
                twoPings.countDown();
            }
            FakeRelay.pong(session, t);
        };
        NetworkSettings settings = network(Duration.ofSeconds(5)).withPings(Duration.ofMillis(100), 3, Duration.ZERO);
        try (FakeRelay relay = new FakeRelay(counting);
                SmpClient client = connect(relay, SmpClientConfig.forClient(settings), ServerEventListener.IGNORE)) {
            Thread.sleep(350);
            assertEquals(0, pings.get(), "no pings before a subscription");
            client.sendCommand(new EntityId(new byte[] {1}), Command.SUB, Ed25519PrivateKey.generate(RANDOM));
            assertTrue(twoPings.await(10, TimeUnit.SECONDS));
            assertTrue(client.isOpen());
        }
    }

    @Test
    void connectionWhoseCommandsKeepTimingOutIsDropped() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        FakeRelay.Responder silent = (session, t) -> {};
        NetworkSettings settings = network(Duration.ofMillis(100)).withPings(Duration.ofMillis(100), 2, Duration.ZERO);
        try (FakeRelay relay = new FakeRelay(silent)) {
            SmpClient client = SmpClient.connect(relay.address(), SmpClientConfig.forClient(settings), null,
                    ServerEventListener.IGNORE, c -> closed.countDown());
            client.enablePings();
            assertTrue(closed.await(10, TimeUnit.SECONDS));
            assertEquals(new SmpClientError.ResponseTimeout(), client.closeReason());
        }
    }
}
