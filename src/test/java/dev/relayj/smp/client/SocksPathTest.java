package dev.relayj.smp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.Command;
import dev.relayj.protocol.EntityId;
import dev.relayj.socks.SocksAuth;
import dev.relayj.socks.SocksProxySetting;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import dev.relayj.testing.ForwardingSocksProxy;

@Timeout(60)
class SocksPathTest {
    private static SmpClientConfig config(SocksProxySetting socks, SocksMode socksMode, HostMode hostMode) {
        return SmpClientConfig.forProxy(NetworkSettings.forProxy(socks, socksMode, hostMode, false)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10)));
    }

    @Test
    void onionHostGoesThroughSocksWithIsolationCredentials() throws Exception {
        try (FakeRelay relay = new FakeRelay(FakeRelay::pong); ForwardingSocksProxy socks = new ForwardingSocksProxy(relay.port())) {
            SocksProxySetting setting = new SocksProxySetting(SocksAuth.ISOLATE, socks.address());
            try (RelayClientPool pool = RelayClientPool.forProxy(config(setting, SocksMode.ONION, HostMode.ONION_VIA_SOCKS),
                    List.of(), RetryPolicy.DEFAULT, Clock.systemUTC())) {
                SmpClient client = pool.getClient(relay.address("smp.example.com,abcdefgh.onion")).client();
                assertEquals("abcdefgh.onion", client.host().text());
                assertInstanceOf(BrokerMessage.Pong.class, client.sendCommand(EntityId.NONE, Command.PING, null));
                assertEquals("abcdefgh.onion:" + relay.port(), socks.destinations.poll(5, TimeUnit.SECONDS));
                assertEquals(44, socks.usernames.poll(5, TimeUnit.SECONDS).length());
            }
        }
    }

    @Test
    void alwaysModeSendsPublicHostsThroughSocksWithoutAuthentication() throws Exception {
        try (FakeRelay relay = new FakeRelay(FakeRelay::pong); ForwardingSocksProxy socks = new ForwardingSocksProxy(relay.port())) {
            SocksProxySetting setting = new SocksProxySetting(SocksAuth.NONE, socks.address());
            try (RelayClientPool pool = RelayClientPool.forProxy(config(setting, SocksMode.ALWAYS, HostMode.PUBLIC),
                    List.of(), RetryPolicy.DEFAULT, Clock.systemUTC())) {
                SmpClient client = pool.getClient(relay.address("relay.invalid,abcdefgh.onion")).client();
                assertEquals("relay.invalid", client.host().text());
                assertInstanceOf(BrokerMessage.Pong.class, client.sendCommand(EntityId.NONE, Command.PING, null));
                assertEquals("relay.invalid:" + relay.port(), socks.destinations.poll(5, TimeUnit.SECONDS));
                assertNull(socks.usernames.poll(100, TimeUnit.MILLISECONDS));
            }
        }
    }

    @Test
    void onionModeConnectsPublicHostsDirectly() throws Exception {
        try (FakeRelay relay = new FakeRelay(FakeRelay::pong); ForwardingSocksProxy socks = new ForwardingSocksProxy(relay.port())) {
            SocksProxySetting setting = new SocksProxySetting(SocksAuth.ISOLATE, socks.address());
            try (RelayClientPool pool = RelayClientPool.forProxy(config(setting, SocksMode.ONION, HostMode.PUBLIC),
                    List.of(), RetryPolicy.DEFAULT, Clock.systemUTC())) {
                SmpClient client = pool.getClient(relay.address("127.0.0.1,abcdefgh.onion")).client();
                assertTrue(client.isOpen());
                assertNull(socks.destinations.poll(100, TimeUnit.MILLISECONDS));
            }
        }
    }
}
