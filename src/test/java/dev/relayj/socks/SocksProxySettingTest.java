package dev.relayj.socks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SocksProxySettingTest {
    @Test
    void defaultsToTorOnLoopbackWithIsolation() {
        SocksProxySetting setting = SocksProxySetting.parse("");
        assertEquals(SocksAuth.ISOLATE, setting.auth());
        assertEquals("127.0.0.1", setting.address().getAddress().getHostAddress());
        assertEquals(9050, setting.address().getPort());
        assertEquals(setting, SocksProxySetting.defaultTor());
    }

    @Test
    void hostAndPort() {
        SocksProxySetting setting = SocksProxySetting.parse("127.0.0.2:9150");
        assertEquals("127.0.0.2", setting.address().getAddress().getHostAddress());
        assertEquals(9150, setting.address().getPort());
        assertEquals(9051, SocksProxySetting.parse(":9051").address().getPort());
        assertEquals(9050, SocksProxySetting.parse("10.0.0.1").address().getPort());
    }

    @Test
    void ipv6() {
        assertEquals("0:0:0:0:0:0:0:1", SocksProxySetting.parse("[::1]:9050").address().getAddress().getHostAddress());
        assertEquals("0:0:0:0:0:0:0:1", SocksProxySetting.parse("::1").address().getAddress().getHostAddress());
    }

    @Test
    void authentication() {
        assertEquals(SocksAuth.NONE, SocksProxySetting.parse("@127.0.0.1:9050").auth());
        SocksAuth.Username username = assertInstanceOf(SocksAuth.Username.class,
                SocksProxySetting.parse("alice:secret@127.0.0.1:9050").auth());
        assertArrayEquals("alice".getBytes(StandardCharsets.UTF_8), username.credentials().username());
        assertArrayEquals("secret".getBytes(StandardCharsets.UTF_8), username.credentials().password());
    }

    @Test
    void rejectsHostNamesAndBadPorts() {
        assertThrows(IllegalArgumentException.class, () -> SocksProxySetting.parse("localhost:9050"));
        assertThrows(IllegalArgumentException.class, () -> SocksProxySetting.parse("127.0.0.1:70000"));
        assertThrows(IllegalArgumentException.class, () -> SocksProxySetting.parse("127.0.0.1:"));
        assertThrows(IllegalArgumentException.class, () -> SocksProxySetting.parse("300.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> SocksProxySetting.parse("alice@127.0.0.1"));
    }
}
