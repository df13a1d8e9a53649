package dev.relayj.smp.protocol;

import static dev.relayj.smp.protocol.Samples.X25519_KEY;
import static dev.relayj.smp.protocol.Samples.ascii;
import static dev.relayj.smp.protocol.Samples.concat;
import static dev.relayj.smp.protocol.Samples.key;
import static dev.relayj.smp.protocol.Samples.shortBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.relayj.encoding.DecodingException;
import dev.relayj.protocol.CorrId;
import org.junit.jupiter.api.Test;

class ForwardingTest {
    @Test
    void forwardedTransmissionLayout() throws DecodingException {
        ForwardedTransmission forwarded = new ForwardedTransmission(new CorrId(ascii("corr")), 17, X25519_KEY, ascii("secret"));
        byte[] expected = concat(shortBytes("corr"), new byte[] {0, 17}, key(X25519_KEY), ascii("secret"));
        assertArrayEquals(expected, forwarded.encode());
        assertEquals(forwarded, ForwardedTransmission.decode(expected));
        assertThrows(DecodingException.class, () -> ForwardedTransmission.decode(concat(shortBytes("corr"), new byte[] {0})));
    }

    @Test
    void forwardedResponseLayout() throws DecodingException {
        ForwardedResponse response = new ForwardedResponse(new CorrId(ascii("corr")), ascii("sealed"));
        byte[] expected = concat(shortBytes("corr"), ascii("sealed"));
        assertArrayEquals(expected, response.encode());
        assertEquals(response, ForwardedResponse.decode(expected));
    }

    @Test
    void forwardedTransmissionsUseTheClientVersion() {
        TransmissionParams proxySession = TransmissionParams.forVersion(18, new byte[32]);
        TransmissionParams client = proxySession.withVersion(15);
        assertEquals(15, client.version());
        assertEquals(false, client.serviceAuth());
        assertEquals(true, client.implySessionId());
    }
}
