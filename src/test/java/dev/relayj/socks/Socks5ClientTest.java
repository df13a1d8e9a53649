package dev.relayj.socks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Socks5ClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void connectsToAnOnionNameWithoutAuthenticationAndCarriesData() throws Exception {
        AtomicReference<byte[]> methods = new AtomicReference<>();
        AtomicReference<FakeSocksProxy.Request> request = new AtomicReference<>();
        try (FakeSocksProxy proxy = new FakeSocksProxy((in, out) -> {
            methods.set(FakeSocksProxy.greet(in, out, 0));
            request.set(FakeSocksProxy.readConnect(in));
            FakeSocksProxy.reply(out, 0);
            FakeSocksProxy.echo(in, out);
        })) {
            try (Socket socket = Socks5Client.connect(proxy.address(), "abcdefgh.onion", 5223, null, TIMEOUT)) {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
                assertArrayEquals("ping".getBytes(StandardCharsets.US_ASCII), socket.getInputStream().readNBytes(4));
            }
            proxy.awaitScript();
        }
        assertArrayEquals(new byte[] {0}, methods.get());
        assertEquals(3, request.get().addressType());
        assertEquals("abcdefgh.onion", new String(request.get().address(), StandardCharsets.US_ASCII));
        assertEquals(5223, request.get().port());
    }

    @Test
    void returnedSocketHasNoReadTimeout() throws Exception {
        try (FakeSocksProxy proxy = new FakeSocksProxy((in, out) -> {
            FakeSocksProxy.greet(in, out, 0);
            FakeSocksProxy.readConnect(in);
            FakeSocksProxy.reply(out, 0);
        })) {
            try (Socket socket = Socks5Client.connect(proxy.address(), "example.com", 443, null, TIMEOUT)) {
                assertEquals(0, socket.getSoTimeout());
            }
            proxy.awaitScript();
        }
    }

    @Test
    void authenticatesWithUsernameAndEmptyPassword() throws Exception {
        AtomicReference<byte[]> methods = new AtomicReference<>();
        AtomicReference<byte[][]> credentials = new AtomicReference<>();
        try (FakeSocksProxy proxy = new FakeSocksProxy((in, out) -> {
            methods.set(FakeSocksProxy.greet(in, out, 2));
            credentials.set(FakeSocksProxy.readCredentials(in));
            out.write(new byte[] {1, 0});
            FakeSocksProxy.readConnect(in);
            FakeSocksProxy.reply(out, 0);
        })) {
            Socks5Client.connect(proxy.address(), "smp.example.com", 5223, SocksCredentials.of("isolation", ""), TIMEOUT)
                    .close();
            proxy.awaitScript();
        }
        assertArrayEquals(new byte[] {2}, methods.get());
        assertEquals("isolation", new String(credentials.get()[0], StandardCharsets.UTF_8));
        assertEquals(0, credentials.get()[1].length);
    }

    @Test
    void sendsIpLiteralsAsAddresses() throws Exception {
        AtomicReference<FakeSocksProxy.Request> v4 = new AtomicReference<>();
        try (FakeSocksProxy proxy = new FakeSocksProxy((in, out) -> {
            FakeSocksProxy.greet(in, out, 0);
            v4.set(FakeSocksProxy.readConnect(in));
            FakeSocksProxy.reply(out, 0);
        })) {
            Socks5Client.connect(proxy.address(), "192.0.2.7", 5223, null, TIMEOUT).close();
            proxy.awaitScript();
        }
        assertEquals(1, v4.get().addressType());
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 7}, v4.get().address());

        AtomicReference<FakeSocksProxy.Request> v6 = new AtomicReference<>();
        try (FakeSocksProxy proxy = new FakeSocksProxy((in, out) -> {
            FakeSocksProxy.greet(in, out, 0);
            v6.set(FakeSocksProxy.readConnect(in));
            FakeSocksProxy.reply(out, 0);
        })) {
            Socks5Client.connect(proxy.address(), "2001:db8::1", 443, null, TIMEOUT).close();
            proxy.awaitScript();
        }
        assertEquals(4, v6.get().addressType());
        assertArrayEquals(InetAddress.getByName("2001:db8::1").getAddress(), v6.get().address());
        assertEquals(443, v6.get().port());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void failureRepliesAreNamed(int code) throws Exception {
        try (FakeSocksProxy proxy = new FakeSocksProxy((in, out) -> {
            FakeSocksProxy.greet(in, out, 0);
            FakeSocksProxy.readConnect(in);
            FakeSocksProxy.reply(out, code);
        })) {
            SocksException e = assertThrows(SocksException.class,
                    () -> Socks5Client.connect(proxy.address(), "x.onion", 5223, null, TIMEOUT));
            assertEquals(code, e.reply().code());
            assertEquals("SOCKS5 proxy: " + SocksReply.ofCode(code).description(), e.getMessage());
        }
    }

    @Test
    void unassignedReplyCodeIsReported() throws Exception {
        try (FakeSocksProxy proxy = new FakeSocksProxy((in, out) -> {
            FakeSocksProxy.greet(in, out, 0);
            FakeSocksProxy.readConnect(in);
            FakeSocksProxy.reply(out, 0x42);
        })) {
            SocksException e = assertThrows(SocksException.class,
                    () -> Socks5Client.connect(proxy.address(), "x.onion", 5223, null, TIMEOUT));
            assertEquals(null, e.reply());
            assertEquals("SOCKS5 proxy: unknown reply code 66", e.getMessage());
        }
    }

    @Test
    void noAcceptableMethod() throws Exception {
        try (FakeSocksProxy proxy = new FakeSocksProxy((in, out) -> FakeSocksProxy.greet(in, out, 0xFF))) {
            SocksException e = assertThrows(SocksException.class,
                    () -> Socks5Client.connect(proxy.address(), "x.onion", 5223, null, TIMEOUT));
            assertEquals("SOCKS5 proxy requires authentication", e.getMessage());
        }
    }

    @Test
    void methodThatWasNotOffered() throws Exception {
        try (FakeSocksProxy proxy = new FakeSocksProxy((in, out) -> FakeSocksProxy.greet(in, out, 2))) {
            SocksException e = assertThrows(SocksException.class,
                    () -> Socks5Client.connect(proxy.address(), "x.onion", 5223, null, TIMEOUT));
            assertTrue(e.getMessage().contains("not offered"), e.getMessage());
        }
    }

    @Test
    void rejectedCredentials() throws Exception {
        try (FakeSocksProxy proxy = new FakeSocksProxy((in, out) -> {
            FakeSocksProxy.greet(in, out, 2);
            FakeSocksProxy.readCredentials(in);
            out.write(new byte[] {1, 1});
        })) {
            SocksException e = assertThrows(SocksException.class,
                    () -> Socks5Client.connect(proxy.address(), "x.onion", 5223, SocksCredentials.of("u", "p"), TIMEOUT));
            assertTrue(e.getMessage().contains("rejected the username/password"), e.getMessage());
        }
    }

    @Test
    void garbageIsNotSocks() throws Exception {
        try (FakeSocksProxy proxy = new FakeSocksProxy((in, out) -> {
            in.readNBytes(3);
            out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            SocksException e = assertThrows(SocksException.class,
                    () -> Socks5Client.connect(proxy.address(), "x.onion", 5223, null, TIMEOUT));
            assertTrue(e.getMessage().startsWith("not a SOCKS5 proxy"), e.getMessage());
        }
    }

    @Test
    void garbageReplyToConnect() throws Exception {
        try (FakeSocksProxy proxy = new FakeSocksProxy((in, out) -> {
            FakeSocksProxy.greet(in, out, 0);
            FakeSocksProxy.readConnect(in);
            out.write(new byte[] {5, 0, 0, 9});
        })) {
            SocksException e = assertThrows(SocksException.class,
                    () -> Socks5Client.connect(proxy.address(), "x.onion", 5223, null, TIMEOUT));
            assertEquals("SOCKS5 proxy replied with unknown address type 9", e.getMessage());
        }
    }

    @Test
    void proxyClosingMidwayIsAnEndOfStream() throws Exception {
        try (FakeSocksProxy proxy = new FakeSocksProxy((in, out) -> {
            FakeSocksProxy.greet(in, out, 0);
            FakeSocksProxy.readConnect(in);
            out.write(new byte[] {5, 0});
        })) {
            EOFException e = assertThrows(EOFException.class,
                    () -> Socks5Client.connect(proxy.address(), "x.onion", 5223, null, TIMEOUT));
            assertEquals("SOCKS5 proxy closed the connection", e.getMessage());
        }
    }

    @Test
    void silentProxyTimesOut() throws Exception {
        try (FakeSocksProxy proxy = new FakeSocksProxy((in, out) -> {
            in.readNBytes(3);
            in.read(); // stays silent until the client gives up
        })) {
            assertThrows(SocketTimeoutException.class,
                    () -> Socks5Client.connect(proxy.address(), "x.onion", 5223, null, Duration.ofMillis(300)));
        }
    }

    @Test
    void unreachableProxyFails() throws Exception {
        int port;
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        assertThrows(java.net.ConnectException.class, () -> Socks5Client.connect(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), "x.onion", 5223, null, TIMEOUT));
    }
}
