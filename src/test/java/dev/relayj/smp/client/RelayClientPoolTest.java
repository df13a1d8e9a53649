package dev.relayj.smp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.Command;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.NetworkError;
import dev.relayj.smp.protocol.SmpServerAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RelayClientPoolTest {
    private static final SmpClientConfig CONFIG = SmpClientConfig.forProxy(
            NetworkSettings.defaults().withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10)));

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

        void advance(Duration duration) {
            now.updateAndGet(instant -> instant.plus(duration));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static RelayClientPool.Connector real(AtomicInteger attempts) {
        return (server, onClose) -> {
            attempts.incrementAndGet();
            return SmpClient.connect(server, CONFIG, null, ServerEventListener.IGNORE, onClose);
        };
    }

    private static RelayClientPool pool(RelayClientPool.Connector connector, ManualClock clock) {
        return new RelayClientPool(connector, List.of("simplex.im"), RetryPolicy.DEFAULT, Duration.ofSeconds(10), clock);
    }

    @Test
    void reusesOneConnectionPerRelay() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (FakeRelay relay = new FakeRelay(FakeRelay::pong); RelayClientPool pool = pool(real(attempts), new ManualClock())) {
            RelayClient first = pool.getClient(relay.address());
            RelayClient second = pool.getClient(relay.address());
            assertSame(first.client(), second.client());
            assertEquals(1, attempts.get());
            assertFalse(first.ownServer());
            assertSame(first.client(), pool.clientBySession(first.client().sessionId()).orElseThrow().client());
            assertSame(first.client(), pool.connectedClient(relay.address()).orElseThrow().client());
            assertTrue(first.client().sendCommand(EntityId.NONE, Command.PING, null) instanceof BrokerMessage.Pong);
        }
    }

    @Test
    void concurrentCallersShareOneAttempt() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        RelayClientPool.Connector slow = (server, onClose) -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return real(attempts).connect(server, onClose);
        };
        try (FakeRelay relay = new FakeRelay(FakeRelay::pong); RelayClientPool pool = pool(slow, new ManualClock())) {
            BlockingQueue<SmpClient> clients = new LinkedBlockingQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        clients.add(pool.getClient(relay.address()).client());
                    } catch (SmpClientException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            assertTrue(pool.connectedClient(relay.address()).isEmpty(), "no connection while the attempt runs");
            release.countDown();
            for (Thread thread : threads) {
                thread.join(10_000);
            }
            assertEquals(5, clients.size());
            SmpClient one = clients.poll();
            for (SmpClient other : clients) {
                assertSame(one, other);
            }
            assertEquals(1, attempts.get());
        }
    }

    @Test
    void deadRelayIsRetriedWithGrowingWaits() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        RelayClientPool.Connector failing = (server, onClose) -> {
            attempts.incrementAndGet();
            throw new SmpClientException(SmpClientError.network(NetworkError.Simple.TIMEOUT, "down"));
        };
        ManualClock clock = new ManualClock();
        SmpServerAddress dead = SmpServerAddress.parse("smp://" + FakeRelay.fingerprint() + "@dead.example.com");
        try (RelayClientPool pool = pool(failing, clock)) {
            assertThrows(SmpClientException.class, () -> pool.getClient(dead));
            for (int i = 0; i < 10; i++) {
                SmpClientException e = assertThrows(SmpClientException.class, () -> pool.getClient(dead));
                assertTrue(e.error().temporary());
            }
            assertThrows(SmpClientException.class, () -> pool.connectedClient(dead));
            assertEquals(1, attempts.get(), "the error is remembered, not retried at once");
            clock.advance(Duration.ofSeconds(29));
            assertThrows(SmpClientException.class, () -> pool.getClient(dead));
            assertEquals(1, attempts.get());
            clock.advance(Duration.ofSeconds(1));
            assertThrows(SmpClientException.class, () -> pool.getClient(dead));
            assertEquals(2, attempts.get());
            clock.advance(Duration.ofSeconds(59));
            assertThrows(SmpClientException.class, () -> pool.getClient(dead));
            assertEquals(2, attempts.get(), "the second wait is twice as long");
            clock.advance(Duration.ofSeconds(1));
            assertTrue(pool.connectedClient(dead).isEmpty(), "a retry is due");
            assertThrows(SmpClientException.class, () -> pool.getClient(dead));
            assertEquals(3, attempts.get());
        }
    }

    @Test
    void successResetsTheWait() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger failuresLeft = new AtomicInteger(2);
        ManualClock clock = new ManualClock();
        try (FakeRelay relay = new FakeRelay(FakeRelay::pong)) {
            RelayClientPool.Connector flaky = (server, onClose) -> {
                if (failuresLeft.getAndDecrement() > 0) {
                    throw new SmpClientException(SmpClientError.network(NetworkError.Simple.TIMEOUT, "down"));
                }
                return real(attempts).connect(server, onClose);
            };
            try (RelayClientPool pool = pool(flaky, clock)) {
                assertThrows(SmpClientException.class, () -> pool.getClient(relay.address()));
                clock.advance(Duration.ofSeconds(30));
                assertThrows(SmpClientException.class, () -> pool.getClient(relay.address()));
                clock.advance(Duration.ofSeconds(60));
                RelayClient client = pool.getClient(relay.address());
                relay.nextSession().close();
                waitClosed(client.client());
                failuresLeft.set(1);
                assertThrows(SmpClientException.class, () -> pool.getClient(relay.address()));
                clock.advance(Duration.ofSeconds(30));
                assertTrue(pool.getClient(relay.address()).client().isOpen(), "back to the first wait after a success");
            }
        }
    }

    @Test
    void closedConnectionIsReplaced() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (FakeRelay relay = new FakeRelay(FakeRelay::pong); RelayClientPool pool = pool(real(attempts), new ManualClock())) {
            SmpClient first = pool.getClient(relay.address()).client();
            relay.nextSession().close();
            waitClosed(first);
            assertTrue(pool.clientBySession(first.sessionId()).isEmpty());
            SmpClient second = pool.getClient(relay.address()).client();
            assertNotSame(first, second);
            assertEquals(2, attempts.get());
        }
    }

    @Test
    void ownServers() throws Exception {
        try (RelayClientPool pool = pool((server, onClose) -> {
            throw new AssertionError("no connections");
        }, new ManualClock())) {
            String fp = FakeRelay.fingerprint();
            assertTrue(pool.isOwnServer(SmpServerAddress.parse("smp://" + fp + "@simplex.im")));
            assertTrue(pool.isOwnServer(SmpServerAddress.parse("smp://" + fp + "@smp4.simplex.im,abc.onion")));
            assertFalse(pool.isOwnServer(SmpServerAddress.parse("smp://" + fp + "@notsimplex.im")));
            assertFalse(pool.isOwnServer(SmpServerAddress.parse("smp://" + fp + "@abc.onion,smp.simplex.im")));
        }
    }

    @Test
    void closedPoolRefuses() throws Exception {
        RelayClientPool pool = pool((server, onClose) -> {
            throw new AssertionError("no connections");
        }, new ManualClock());
        pool.close();
        assertThrows(SmpClientException.class,
                () -> pool.getClient(SmpServerAddress.parse("smp://" + FakeRelay.fingerprint() + "@a.example")));
    }

    static void waitClosed(SmpClient client) throws InterruptedException {
        for (int i = 0; i < 500 && client.isOpen(); i++) {
            Thread.sleep(10);
        }
        assertFalse(client.isOpen());
    }
}
