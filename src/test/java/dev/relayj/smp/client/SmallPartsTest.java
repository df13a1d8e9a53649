package dev.relayj.smp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.protocol.NetworkError;
import dev.relayj.smp.protocol.SmpServerAddress;
import dev.relayj.smp.protocol.TransportHost;
import dev.relayj.socks.SocksAuth;
import dev.relayj.socks.SocksCredentials;
import dev.relayj.socks.SocksProxySetting;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SmallPartsTest {
    private static List<TransportHost> hosts(String text) throws Exception {
        return SmpServerAddress.parse("smp://" + FakeRelay.fingerprint() + "@" + text).hosts();
    }

    private static NetworkSettings settings(SocksProxySetting socks, SocksMode socksMode, HostMode hostMode, boolean required) {
        return NetworkSettings.forProxy(socks, socksMode, hostMode, required);
    }

    @Test
    void hostChoice() throws Exception {
        List<TransportHost> both = hosts("abc.onion,smp.example.com");
        SocksProxySetting tor = SocksProxySetting.defaultTor();
        assertEquals("smp.example.com", settings(null, SocksMode.ONION, HostMode.PUBLIC, false).chooseHost(both).text());
        assertEquals("abc.onion", settings(tor, SocksMode.ONION, HostMode.ONION_VIA_SOCKS, false).chooseHost(both).text());
        assertEquals("smp.example.com", settings(null, SocksMode.ONION, HostMode.ONION_VIA_SOCKS, false).chooseHost(both).text());
        assertEquals("abc.onion", settings(null, SocksMode.ONION, HostMode.ONION, false).chooseHost(both).text());
        List<TransportHost> onionOnly = hosts("abc.onion");
        assertEquals("abc.onion", settings(null, SocksMode.ONION, HostMode.PUBLIC, false).chooseHost(onionOnly).text());
        SmpClientException e = assertThrows(SmpClientException.class,
                () -> settings(null, SocksMode.ONION, HostMode.PUBLIC, true).chooseHost(onionOnly));
        assertEquals(new SmpClientError.IncompatibleHost(), e.error());
        assertEquals("PROXY BROKER HOST", new String(e.error().toProxyError().encode(), StandardCharsets.US_ASCII));
    }

    @Test
    void socksUse() throws Exception {
        SocksProxySetting tor = SocksProxySetting.defaultTor();
        TransportHost onion = hosts("abc.onion").get(0);
        TransportHost pub = hosts("smp.example.com").get(0);
        NetworkSettings onionMode = settings(tor, SocksMode.ONION, HostMode.PUBLIC, false);
        assertSame(tor, onionMode.socksProxyFor(onion));
        assertNull(onionMode.socksProxyFor(pub));
        assertSame(tor, settings(tor, SocksMode.ALWAYS, HostMode.PUBLIC, false).socksProxyFor(pub));
        assertNull(settings(null, SocksMode.ALWAYS, HostMode.PUBLIC, false).socksProxyFor(onion));
    }

    @Test
    void modeNames() {
        assertEquals(HostMode.PUBLIC, HostMode.parse("public"));
        assertEquals(HostMode.ONION_VIA_SOCKS, HostMode.parse("onion"));
        assertThrows(IllegalArgumentException.class, () -> HostMode.parse("tor"));
        assertEquals(SocksMode.ALWAYS, SocksMode.parse("always"));
        assertEquals(SocksMode.ONION, SocksMode.parse("onion"));
        assertThrows(IllegalArgumentException.class, () -> SocksMode.parse("never"));
    }

    @Test
    void isolationCredentials() {
        Instant start = Instant.parse("2024-03-31T12:00:00.500Z");
        assertEquals("2024-03-31 12:00:00.5 UTC", SocksIsolation.showUtcTime(start));
        assertEquals("2024-03-31 12:00:00 UTC", SocksIsolation.showUtcTime(Instant.parse("2024-03-31T12:00:00Z")));
        SocksCredentials credentials = SocksIsolation.credentials(SocksAuth.ISOLATE, start);
        assertEquals(44, credentials.username().length, "base64 of a SHA-256 hash");
        assertEquals(0, credentials.password().length);
        assertEquals(credentials, SocksIsolation.credentials(SocksAuth.ISOLATE, start));
        assertFalse(credentials.equals(SocksIsolation.credentials(SocksAuth.ISOLATE, start.plusSeconds(1))));
        assertNull(SocksIsolation.credentials(SocksAuth.NONE, start));
        SocksCredentials fixed = SocksCredentials.of("u", "p");
        assertEquals(fixed, SocksIsolation.credentials(new SocksAuth.Username(fixed), start));
    }

    @Test
    void proxyErrors() {
        assertEquals("PROXY PROTOCOL AUTH", text(new SmpClientError.Protocol(ErrorType.Simple.AUTH).toProxyError()));
        assertEquals("PROXY BROKER TIMEOUT", text(new SmpClientError.ResponseTimeout().toProxyError()));
        assertEquals("PROXY BROKER NETWORK",
                text(SmpClientError.network(NetworkError.Simple.FAILED, "x").toProxyError()));
        assertEquals("CRYPTO", text(new SmpClientError.Crypto("x").toProxyError()));
        assertEquals("PROXY BROKER TRANSPORT HANDSHAKE IDENTITY", text(SmpClientError.transport(
                dev.relayj.transport.TransportError.handshake(dev.relayj.transport.HandshakeError.IDENTITY)).toProxyError()));
        assertFalse(new SmpClientError.Protocol(ErrorType.Simple.AUTH).temporary());
    }

    private static String text(ErrorType error) {
        return new String(error.encode(), StandardCharsets.US_ASCII);
    }

    @Test
    void retryWaitsDoubleUpToTheMaximum() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(5));
        assertEquals(Duration.ofSeconds(30), policy.delayAfter(1));
        assertEquals(Duration.ofSeconds(60), policy.delayAfter(2));
        assertEquals(Duration.ofSeconds(240), policy.delayAfter(4));
        assertEquals(Duration.ofMinutes(5), policy.delayAfter(5));
        assertEquals(Duration.ofMinutes(5), policy.delayAfter(1000));
    }

    @Test
    void proxyCommandSlotsBoundConcurrency() throws Exception {
        ProxyCommandSlots slots = new ProxyCommandSlots(2);
        CountDownLatch release = new CountDownLatch(1);
        Runnable blocked = () -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        slots.fork("a", blocked);
        slots.fork("b", blocked);
        assertEquals(2, slots.inUse());
        CountDownLatch thirdStarted = new CountDownLatch(1);
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                slots.fork("c", thirdStarted::countDown);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertFalse(thirdStarted.await(200, TimeUnit.MILLISECONDS), "the third command waits for a slot");
        release.countDown();
        assertTrue(thirdStarted.await(10, TimeUnit.SECONDS));
        caller.join(10_000);
        for (int i = 0; i < 500 && slots.inUse() > 0; i++) {
            Thread.sleep(10);
        }
        assertEquals(0, slots.inUse());
    }
}
