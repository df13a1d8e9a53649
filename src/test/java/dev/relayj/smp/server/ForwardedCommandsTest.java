package dev.relayj.smp.server;

import static dev.relayj.stats.SmpCounter.P_MSG_FWDS_RECV;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.relayj.protocol.CorrId;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.ErrorType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFWD run directly on the forwarding family, without TLS. */
class ForwardedCommandsTest {
    @TempDir
    Path dir;

    @Test
    void aSessionWithoutASharedSecretCannotForward() throws Exception {
        CommandFamilies f = new CommandFamilies(dir);
        BrokerMessage answer = f.forwarded.forwarded(new CorrId(new byte[24]), new byte[100]);
        ErrorType.Proxy proxy = assertInstanceOf(ErrorType.Proxy.class, assertInstanceOf(BrokerMessage.Err.class, answer).error());
        assertEquals("PROXY BROKER TRANSPORT NO_AUTH", proxyText(proxy));
        assertEquals(0, f.stats.counter(P_MSG_FWDS_RECV).get());
    }

    private static String proxyText(ErrorType.Proxy error) {
        return new String(BrokerMessage.err(error).encode(CommandFamilies.VERSION)).replaceFirst("^ERR ", "");
    }
}
