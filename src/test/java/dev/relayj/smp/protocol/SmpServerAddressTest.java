package dev.relayj.smp.protocol;

import static dev.relayj.smp.protocol.Samples.ascii;
import static dev.relayj.smp.protocol.Samples.concat;
import static dev.relayj.smp.protocol.Samples.shortBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.relayj.encoding.Base64Url;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import dev.relayj.protocol.BasicAuth;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmpServerAddressTest {
    /** The fingerprint of the reference's test CA (tests/fixtures/ca.crt). */
    private static final String FINGERPRINT = "LcJUMfVhwD8yxjAiSaDzzGF3-kLG4Uh0Fl_ZIjrRwjI=";

    @Test
    void parsesAndWritesTheTextForm() throws DecodingException {
        String text = "smp://" + FINGERPRINT + "@smp.example.com,jjbyvoemxysm7qxap7m5d5m35jzv5qq6gnlv7s4rsn7tdwwmuqciwpid.onion:5223";
        SmpServerAddress address = SmpServerAddress.parse(text);
        assertEquals(List.of(new TransportHost(TransportHost.Kind.DOMAIN, "smp.example.com"),
                new TransportHost(TransportHost.Kind.ONION, "jjbyvoemxysm7qxap7m5d5m35jzv5qq6gnlv7s4rsn7tdwwmuqciwpid.onion")),
                address.hosts());
        assertEquals("5223", address.port());
        assertArrayEquals(Base64Url.decode(FINGERPRINT), address.keyHash());
        assertEquals(text, address.toText());
    }

    @Test
    void passwordAndDefaultPort() throws DecodingException {
        SmpServerAddress.WithAuth withAuth = SmpServerAddress.parseWithAuth("smp://" + FINGERPRINT + ":s3cret@127.0.0.1");
        assertEquals(BasicAuth.of("s3cret"), withAuth.basicAuth());
        assertEquals("", withAuth.address().port());
        assertEquals(new TransportHost(TransportHost.Kind.IPV4, "127.0.0.1"), withAuth.address().hosts().get(0));
        assertEquals("smp://" + FINGERPRINT + ":s3cret@127.0.0.1", withAuth.toText());
        assertThrows(DecodingException.class, () -> SmpServerAddress.parse("smp://" + FINGERPRINT + ":s3cret@127.0.0.1"));
        // the reference's short test fingerprint (tests/CoreTests/TSessionSubs.hs)
        SmpServerAddress alpha = SmpServerAddress.parse("smp://1234-w==@alpha");
        assertNull(SmpServerAddress.parseWithAuth("smp://1234-w==@alpha").basicAuth());
        assertEquals("smp://1234-w==@alpha", alpha.toText());
    }

    @Test
    void hostForms() throws DecodingException {
        assertEquals(new TransportHost(TransportHost.Kind.IPV6, "::1"),
                SmpServerAddress.parse("smp://1234-w==@[::1]:443").hosts().get(0));
        assertEquals("443", SmpServerAddress.parse("smp://1234-w==@[::1]:443").port());
        assertEquals("5223", SmpServerAddress.parse("smp://1234-w==@example.com:05223").port());
        assertEquals(new TransportHost(TransportHost.Kind.IPV4, "1.2.3.4"), TransportHost.parse("001.2.3.4"));
        // not an IPv4 address, so the reference takes it as a domain name
        assertEquals(new TransportHost(TransportHost.Kind.DOMAIN, "256.1.1.1"), TransportHost.parse("256.1.1.1"));
        assertThrows(DecodingException.class, () -> TransportHost.parse("bad.onion.onion"));
    }

    @Test
    void rejectsBadAddresses() {
        for (String bad : List.of("", "smp://", "xftp://1234-w==@host", "smp://1234-w==", "smp://1234-w==@",
                "smp://1234-w==@host:", "smp://1234-w==@host:port", "smp://1234-w==:@host", "smp://1234-w==@host,",
                "smp://1234-w==@host extra", "smp://1234-w==:p/w@host")) {
            assertThrows(DecodingException.class, () -> SmpServerAddress.parseWithAuth(bad), bad);
        }
    }

    @Test
    void binaryForm() throws DecodingException {
        SmpServerAddress address = SmpServerAddress.parse("smp://1234-w==@alpha,beta:5223");
        SmpWriter writer = new SmpWriter();
        address.writeTo(writer);
        byte[] expected = concat(new byte[] {2}, shortBytes("alpha"), shortBytes("beta"), shortBytes("5223"),
                shortBytes(Base64Url.decode("1234-w==")));
        assertArrayEquals(expected, writer.toByteArray());
        assertEquals(address, SmpServerAddress.readFrom(new SmpReader(expected)));
        assertThrows(DecodingException.class, () -> SmpServerAddress.readFrom(new SmpReader(
                concat(new byte[] {0}, shortBytes("5223"), shortBytes("x")))));
        assertThrows(DecodingException.class, () -> SmpServerAddress.readFrom(new SmpReader(
                concat(new byte[] {1}, shortBytes("a b"), shortBytes("5223"), shortBytes("x")))));
        assertArrayEquals(ascii("alpha"), ascii(address.hosts().get(0).text()));
    }
}
