package dev.relayj.smp.server;

import static dev.relayj.stats.SmpCounter.*;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.crypto.AuthPrivateKey;
import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.crypto.Ed448PrivateKey;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.smp.protocol.BrokerErrorType;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.ClientTransmission;
import dev.relayj.smp.protocol.Command;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.protocol.MessageLimits;
import dev.relayj.smp.protocol.ProxyError;
import dev.relayj.smp.protocol.SmpServerAddress;
import dev.relayj.tls.ServerCredentials;
import dev.relayj.transport.SmpVersions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import dev.relayj.testing.ForwardingSocksProxy;

/** Private message routing: the scenarios of tests/SMPProxyTests.hs a client can observe. */
@Timeout(60)
class ProxyDeliveryTest {
    /** The reference's proxy test settings: proxying on, and room for the stress tests' messages. */
    static final ServerTuning PROXY_TUNING = new ServerTuning(2048, 128, Duration.ofMillis(100), Duration.ofMillis(100),
            Duration.ofMillis(200), Clock.systemUTC());
    static final BrokerMessage BASIC_AUTH = BrokerMessage.err(new ErrorType.Proxy(ProxyError.Simple.BASIC_AUTH));

    @TempDir
    Path dir;
    final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    SmpServer relay(String name, ServerTuning tuning, String password, SmpServerConfig.Proxy proxy) throws IOException {
        Path relayDir = Files.createDirectories(dir.resolve(name));
        SmpServerConfig c = TestServer.config(relayDir, TestServer.Settings.DEFAULT.withPassword(password));
        SmpServerConfig config = new SmpServerConfig(c.transport(), c.credentials(), c.store(), c.auth(), c.expiry(),
                c.stats(), proxy == null ? c.proxy() : proxy, c.information(), c.web());
        ServerCredentials credentials = ServerCredentials.load(relayDir.resolve("ca.crt"), relayDir.resolve("server.crt"),
                relayDir.resolve("server.key"));
        SmpServer server = SmpServer.start(config, credentials, Optional.empty(), "127.0.0.1", tuning);
        resources.add(server);
        return server;
    }

    SmpServer relay(String name) throws IOException {
        return relay(name, PROXY_TUNING, null, null);
    }

    <T extends AutoCloseable> T open(T resource) {
        resources.add(resource);
        return resource;
    }

    static int port(SmpServer server) {
        return server.ports().get(0);
    }

    // ---- server configuration

    @Test
    void refusesProxyUnlessEnabled() throws Exception {
        SmpServer relay = relay("relay", TestServer.TUNING.withAllowSmpProxy(false), null, null);
        ProxiedSender sender = open(new ProxiedSender(port(relay)));
        assertEquals(BASIC_AUTH, sender.requestRelay(ProxiedSender.address(port(relay)), null));
    }

    @Test
    void checksBasicAuthInProxyRequests() throws Exception {
        SmpServer proxy = relay("proxy", PROXY_TUNING, "correct", null);
        SmpServer destination = relay("destination");
        ProxiedSender sender = open(new ProxiedSender(port(proxy)));
        SmpServerAddress address = ProxiedSender.address(port(destination));
        assertEquals(BASIC_AUTH, sender.requestRelay(address, "wrong"));
        assertEquals(BASIC_AUTH, sender.requestRelay(address, null));
        assertInstanceOf(BrokerMessage.Pkey.class, sender.requestRelay(address, "correct"));
    }

    // ---- delivery

    @Test
    void deliversViaProxyWithOneServer() throws Exception {
        SmpServer relay = relay("relay");
        deliver(port(relay), port(relay), Ed448PrivateKey::generate, List.of(text("hello 1")), List.of(text("hello 2")));
    }

    @Test
    void deliversViaProxyWithTwoServers() throws Exception {
        deliverTwoServers(Ed448PrivateKey::generate, text("hello 1"), text("hello 2"));
    }

    @Test
    void deliversMaxSizeMessagesEd448() throws Exception {
        deliverTwoServers(Ed448PrivateKey::generate, maxMessage(), maxMessage());
    }

    @Test
    void deliversMaxSizeMessagesEd25519() throws Exception {
        deliverTwoServers(Ed25519PrivateKey::generate, maxMessage(), maxMessage());
    }

    @Test
    void deliversMaxSizeMessagesX25519() throws Exception {
        deliverTwoServers(X25519PrivateKey::generate, maxMessage(), maxMessage());
    }

    private void deliverTwoServers(KeyGenerator keys, byte[] msg1, byte[] msg2) throws Exception {
        SmpServer proxy = relay("proxy");
        SmpServer destination = relay("destination");
        deliver(port(proxy), port(destination), keys, List.of(msg1), List.of(msg2));
        // two PRXY answered with PKEY, two PFWD forwarded, and the destination received two RFWD
        assertEquals(2, proxy.stats().pRelays.requests.get());
        assertEquals(2, proxy.stats().pRelays.successes.get());
        assertEquals(2, proxy.stats().pMsgFwds.requests.get());
        assertEquals(2, proxy.stats().pMsgFwds.successes.get());
        assertEquals(0, proxy.stats().pRelaysOwn.requests.get());
        assertEquals(2, destination.stats().counter(P_MSG_FWDS_RECV).get());
    }

    @Test
    void delivers1000Messages() throws Exception {
        stress(1, 1000);
    }

    @Test
    void delivers5x200Messages() throws Exception {
        stress(5, 200);
    }

    @Test
    void delivers10x100Messages() throws Exception {
        stress(10, 100);
    }

    private void stress(int senders, int count) throws Exception {
        SmpServer proxy = relay("proxy");
        SmpServer destination = relay("destination");
        List<byte[]> messages = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            messages.add(text(Integer.toString(i)));
        }
        inParallel(senders, () -> {
            deliver(port(proxy), port(destination), Ed448PrivateKey::generate, List.of(), messages);
            return null;
        });
    }

    @Test
    void deliversThroughSocksProxy() throws Exception {
        SmpServer destination = relay("destination");
        ForwardingSocksProxy socks = open(new ForwardingSocksProxy(port(destination)));
        SmpServerConfig.Proxy proxyConfig = new SmpServerConfig.Proxy(
                Optional.of(new SmpServerConfig.SocksProxy("127.0.0.1", socks.address().getPort())),
                SmpServerConfig.SocksMode.ALWAYS, SmpServerConfig.HostMode.PUBLIC, false, List.of(), 32);
        SmpServer proxy = relay("proxy", PROXY_TUNING, null, proxyConfig);
        int unreachable = closedPort();
        // the SOCKS proxy sends every connection to the destination, whatever port the address names
        deliver(port(proxy), unreachable, port(destination), Ed25519PrivateKey::generate, List.of(text("hello 1")),
                List.of(text("hello 2")));
        String destinationName = socks.destinations.poll(5, TimeUnit.SECONDS);
        assertTrue(destinationName != null && destinationName.endsWith(":" + unreachable), destinationName);
    }

    // ---- failures

    @Test
    void answersNoSessionForUnknownSession() throws Exception {
        SmpServer proxy = relay("proxy");
        SmpServer destination = relay("destination");
        ProxiedSender sender = open(new ProxiedSender(port(proxy)));
        ProxiedSender.Session session = sender.connect(ProxiedSender.address(port(destination)), null);
        ProxiedSender.Session bad = new ProxiedSender.Session(text("bad session"), session.version(), session.serverKey());
        assertEquals(BrokerMessage.err(new ErrorType.Proxy(ProxyError.Simple.NO_SESSION)),
                sender.send(bad, null, new EntityId(new byte[24]), text("hello")));
        assertEquals(1, proxy.stats().pMsgFwds.errorsConnect.get());
    }

    @Test
    void forwardsOnlySenderCommandsAndTheirErrors() throws Exception {
        SmpServer proxy = relay("proxy");
        SmpServer destination = relay("destination");
        try (TestSmpClient recipient = TestSmpClient.connect(port(destination), 18);
                ProxiedSender sender = new ProxiedSender(port(proxy))) {
            TestSmpClient.TestQueue queue = recipient.createQueue();
            ProxiedSender.Session session = sender.connect(ProxiedSender.address(port(destination)), null);
            // a recipient command is refused by the destination (processForwardedCommand)
            assertEquals(BrokerMessage.err(ErrorType.cmd(dev.relayj.protocol.CommandError.PROHIBITED)),
                    sender.forward(session, queue.rcvKey(), queue.rcvId(), new Command.Sub()));
            // the destination's error comes back inside PRES
            assertEquals(BrokerMessage.err(ErrorType.Simple.AUTH),
                    sender.send(session, null, new EntityId(new byte[24]), text("to nowhere")));
            // SKEY through the proxy secures the queue, and a sender key is then required
            Ed25519PrivateKey senderKey = Ed25519PrivateKey.generate(TestSmpClient.RANDOM);
            assertEquals(BrokerMessage.OK, sender.forward(session, senderKey, queue.sndId(),
                    new Command.SKey(senderKey.publicKey())));
            assertEquals(BrokerMessage.err(ErrorType.Simple.AUTH), sender.send(session, null, queue.sndId(), text("hi")));
            assertEquals(BrokerMessage.OK, sender.send(session, senderKey, queue.sndId(), text("hi")));
            BrokerMessage.Msg msg = assertInstanceOf(BrokerMessage.Msg.class, recipient.event(queue.rcvId()));
            assertArrayEquals(text("hi"), TestSmpClient.bodyOf(queue, msg));
        }
    }

    @Test
    void refusesBadRelayAddresses() throws Exception {
        SmpServer proxy = relay("proxy");
        SmpServer destination = relay("destination");
        ProxiedSender sender = open(new ProxiedSender(port(proxy)));
        // no SMP service at the port
        BrokerMessage.Err noService = assertInstanceOf(BrokerMessage.Err.class,
                sender.requestRelay(ProxiedSender.address(closedPort()), null));
        assertInstanceOf(BrokerErrorType.Network.class, brokerError(noService));
        assertEquals(1, proxy.stats().pRelays.errorsConnect.get());
        // another fingerprint
        SmpServerAddress wrongKey = SmpServerAddress.parse(
                "smp://AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=@127.0.0.1:" + port(destination));
        BrokerMessage.Err badKey = assertInstanceOf(BrokerMessage.Err.class, sender.requestRelay(wrongKey, null));
        // the certificate does not match: TLS fails (a network error) before the SMP handshake
        BrokerErrorType keyError = brokerError(badKey);
        assertTrue(keyError instanceof BrokerErrorType.Network || keyError instanceof BrokerErrorType.Transport,
                keyError.toString());
        // the proxy still serves a good address
        assertInstanceOf(BrokerMessage.Pkey.class, sender.requestRelay(ProxiedSender.address(port(destination)), null));
    }

    @Test
    void answersEveryRequestForDeadRelay() throws Exception {
        SmpServer proxy = relay("proxy");
        ProxiedSender sender = open(new ProxiedSender(port(proxy)));
        SmpServerAddress dead = ProxiedSender.address(closedPort());
        for (int i = 0; i < 1000; i++) {
            assertInstanceOf(BrokerMessage.Err.class, sender.requestRelay(dead, "correct"));
        }
        // the other clients of the proxy are served meanwhile
        try (TestSmpClient other = TestSmpClient.connect(port(proxy), 18)) {
            assertEquals(BrokerMessage.PONG, other.call(EntityId.NONE, new Command.Ping(), null));
        }
    }

    @Test
    void waitsBeforeConnectingToFailedRelayAgain() throws Exception {
        SmpServer proxy = relay("proxy");
        // accepts TCP and closes at once: every attempt fails, and is counted
        ServerSocket dead = open(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        Thread acceptor = Thread.ofVirtual().start(() -> {
            while (!dead.isClosed()) {
                try (java.net.Socket socket = dead.accept()) {
                    attempts.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
        ProxiedSender sender = open(new ProxiedSender(port(proxy)));
        SmpServerAddress address = ProxiedSender.address(dead.getLocalPort());
        for (int i = 0; i < 20; i++) {
            assertInstanceOf(BrokerMessage.Err.class, sender.requestRelay(address, null));
        }
        assertEquals(1, attempts.get(), "the error is remembered for the retry interval");
        dead.close();
        acceptor.join(5000);
    }

    private static BrokerErrorType brokerError(BrokerMessage.Err err) {
        ErrorType.Proxy proxy = assertInstanceOf(ErrorType.Proxy.class, err.error());
        return assertInstanceOf(ProxyError.Broker.class, proxy.error()).error();
    }

    // ---- the scenario ({@code deliverMessagesViaProxy})

    @FunctionalInterface
    interface KeyGenerator {
        AuthPrivateKey generate(java.security.SecureRandom random);
    }

    private void deliver(int proxyPort, int destinationPort, KeyGenerator keys, List<byte[]> unsecured,
            List<byte[]> secured) throws Exception {
        deliver(proxyPort, destinationPort, destinationPort, keys, unsecured, secured);
    }

    /**
     * Creates a queue on the destination, sends the unsecured messages to it through the proxy one by
     * one, secures it, then sends the secured messages while the recipient receives and acknowledges
     * them at the same time.
     */
    private void deliver(int proxyPort, int addressPort, int destinationPort, KeyGenerator keys, List<byte[]> unsecured,
            List<byte[]> secured) throws Exception {
        try (TestSmpClient recipient = TestSmpClient.connect(destinationPort, 18);
                ProxiedSender sender = new ProxiedSender(proxyPort)) {
            TestSmpClient.TestQueue queue = recipient.createQueue();
            Receiver receiver = new Receiver(recipient, queue);
            SmpServerAddress address = ProxiedSender.address(addressPort);
            ProxiedSender.Session session = sender.connect(address, null);
            ProxiedSender.Session again = sender.connect(address, null);
            assertArrayEquals(session.sessionId(), again.sessionId());
            for (byte[] message : unsecured) {
                assertEquals(BrokerMessage.OK, sender.send(session, null, queue.sndId(), message));
                receiver.receiveAndAck(message);
            }
            AuthPrivateKey senderKey = keys.generate(TestSmpClient.RANDOM);
            assertEquals(BrokerMessage.OK, receiver.call(new Command.Key(senderKey.publicKey())));
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            try {
                Future<?> receiving = executor.submit(() -> {
                    for (byte[] message : secured) {
                        receiver.receiveAndAck(message);
                    }
                    return null;
                });
                for (byte[] message : secured) {
                    assertEquals(BrokerMessage.OK, sender.send(session, senderKey, queue.sndId(), message));
                }
                receiving.get(30, TimeUnit.SECONDS);
            } finally {
                executor.shutdownNow();
            }
        }
    }

    /** The recipient's side: messages arrive as events or as ACK responses, in any order with other responses. */
    private static final class Receiver {
        private final TestSmpClient client;
        private final TestSmpClient.TestQueue queue;
        private final Deque<BrokerMessage.Msg> delivered = new ArrayDeque<>();

        Receiver(TestSmpClient client, TestSmpClient.TestQueue queue) {
            this.client = client;
            this.queue = queue;
        }

        void receiveAndAck(byte[] expected) throws IOException {
            BrokerMessage.Msg msg = next();
            assertArrayEquals(expected, TestSmpClient.bodyOf(queue, msg));
            BrokerMessage response = call(new Command.Ack(msg.msgId()));
            if (response instanceof BrokerMessage.Msg following) {
                delivered.add(following);
            } else {
                assertEquals(BrokerMessage.OK, response);
            }
        }

        private BrokerMessage.Msg next() throws IOException {
            while (delivered.isEmpty()) {
                ClientTransmission t = client.receive();
                assertEquals(CorrId.NONE, t.corrId(), "unexpected response");
                delivered.add(assertInstanceOf(BrokerMessage.Msg.class, t.message().value()));
            }
            return delivered.poll();
        }

        BrokerMessage call(Command command) throws IOException {
            CorrId corrId = TestSmpClient.corrId();
            client.send(corrId, queue.rcvId(), command, queue.rcvKey());
            while (true) {
                ClientTransmission t = client.receive();
                if (t.corrId().equals(corrId)) {
                    return t.message().value();
                }
                assertEquals(CorrId.NONE, t.corrId(), "unexpected response");
                delivered.add(assertInstanceOf(BrokerMessage.Msg.class, t.message().value()));
            }
        }
    }

    // ---- helpers

    private static void inParallel(int n, Callable<Void> task) throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Void>> running = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                running.add(executor.submit(task));
            }
            for (Future<Void> future : running) {
                future.get(50, TimeUnit.SECONDS);
            }
        }
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] maxMessage() {
        byte[] bytes = new byte[MessageLimits.maxMessageLength(SmpVersions.ENCRYPTED_BLOCK_SMP_VERSION)];
        TestSmpClient.RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
