package dev.relayj.smp.protocol;


import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.protocol.BlockingInfo;
import dev.relayj.protocol.ClientNotice;
import dev.relayj.protocol.CommandError;
import dev.relayj.transport.HandshakeError;
import dev.relayj.transport.TransportError;
import java.util.List;
import org.junit.jupiter.api.Test;
import static dev.relayj.smp.protocol.Samples.ascii;
import static dev.relayj.smp.protocol.Samples.concat;
import static dev.relayj.smp.protocol.Samples.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ErrorTypeTest {

    private static ErrorType parse(byte[] bytes) throws DecodingException {
        SmpReader reader = new SmpReader(bytes);
        ErrorType error = ErrorType.readFrom(reader);
        reader.expectEnd();
        return error;
    }

    private static void assertEncoding(String expected, ErrorType error) throws DecodingException {
        assertEquals(expected, text(error.encode()));
        assertEquals(error, parse(error.encode()));
    }

    @Test
    void simpleErrorsAreTheirNames() throws DecodingException {
        for (ErrorType.Simple simple : ErrorType.Simple.values()) {
            assertEncoding(simple.name(), simple);
        }
        assertEncoding("DUPLICATE_", ErrorType.Simple.DUPLICATE_);
    }

    @Test
    void commandErrors() throws DecodingException {
        for (CommandError error : CommandError.values()) {
            assertEncoding("CMD " + error.name(), ErrorType.cmd(error));
        }
        // the old name is still read (Protocol.hs: "NO_QUEUE" -> NO_ENTITY)
        assertEquals(ErrorType.cmd(CommandError.NO_ENTITY), parse(ascii("CMD NO_QUEUE")));
    }

    @Test
    void proxyErrors() throws DecodingException {
        assertEncoding("PROXY BASIC_AUTH", new ErrorType.Proxy(ProxyError.Simple.BASIC_AUTH));
        assertEncoding("PROXY NO_SESSION", new ErrorType.Proxy(ProxyError.Simple.NO_SESSION));
        assertEncoding("PROXY PROTOCOL AUTH", new ErrorType.Proxy(new ProxyError.Protocol(ErrorType.Simple.AUTH)));
        assertEncoding("PROXY PROTOCOL CMD SYNTAX",
                new ErrorType.Proxy(new ProxyError.Protocol(ErrorType.cmd(CommandError.SYNTAX))));
        assertEncoding("PROXY BROKER TIMEOUT", new ErrorType.Proxy(new ProxyError.Broker(BrokerErrorType.Simple.TIMEOUT)));
        assertEncoding("PROXY BROKER HOST", new ErrorType.Proxy(new ProxyError.Broker(BrokerErrorType.Simple.HOST)));
        assertEncoding("PROXY BROKER NO_SERVICE",
                new ErrorType.Proxy(new ProxyError.Broker(BrokerErrorType.Simple.NO_SERVICE)));
        // String fields are short byte strings
        assertEncoding("PROXY BROKER RESPONSE \u0003bad",
                new ErrorType.Proxy(new ProxyError.Broker(new BrokerErrorType.Response("bad"))));
        assertEncoding("PROXY BROKER UNEXPECTED \u0002OK",
                new ErrorType.Proxy(new ProxyError.Broker(new BrokerErrorType.Unexpected("OK"))));
        assertEncoding("PROXY BROKER TRANSPORT BLOCK",
                new ErrorType.Proxy(new ProxyError.Broker(new BrokerErrorType.Transport(TransportError.Simple.BLOCK))));
        assertEncoding("PROXY BROKER TRANSPORT HANDSHAKE IDENTITY",
                new ErrorType.Proxy(new ProxyError.Broker(new BrokerErrorType.Transport(
                        new TransportError.Handshake(HandshakeError.IDENTITY)))));
    }

    @Test
    void networkErrorIsSentWithoutDetailsButReadWithThem() throws DecodingException {
        ErrorType network = new ErrorType.Proxy(new ProxyError.Broker(
                new BrokerErrorType.Network(new NetworkError.Detailed(NetworkError.Kind.CONNECT, "refused"))));
        assertEquals("PROXY BROKER NETWORK", text(network.encode()));
        assertEquals(new ErrorType.Proxy(new ProxyError.Broker(new BrokerErrorType.Network(NetworkError.Simple.FAILED))),
                parse(ascii("PROXY BROKER NETWORK")));
        assertEquals(network, parse(ascii("PROXY BROKER NETWORK CONNECT \u0007refused")));
        assertEquals(new ErrorType.Proxy(new ProxyError.Broker(new BrokerErrorType.Network(NetworkError.Simple.UNKNOWNCA))),
                parse(ascii("PROXY BROKER NETWORK UNKNOWNCA")));
    }

    @Test
    void handshakeErrorIsReadLikeHaskellRead() throws DecodingException {
        assertEquals(new TransportError.Handshake(HandshakeError.PARSE),
                TransportError.readFrom(new SmpReader(ascii("HANDSHAKE (PARSE)"))));
        assertThrows(DecodingException.class, () -> TransportError.readFrom(new SmpReader(ascii("HANDSHAKE parse"))));
    }

    @Test
    void storeErrorTakesTheRestAsUtf8() throws DecodingException {
        assertEncoding("STORE disk full", new ErrorType.Store("disk full"));
        assertEquals(new ErrorType.Store("\uFFFD"), parse(new byte[] {'S', 'T', 'O', 'R', 'E', ' ', (byte) 0xFF}));
    }

    @Test
    void blockedCarriesReasonAndNotice() throws DecodingException {
        assertEncoding("BLOCKED reason=spam", new ErrorType.Blocked(new BlockingInfo(BlockingInfo.Reason.SPAM, null)));
        assertEncoding("BLOCKED reason=content,notice={\"ttl\":86400}",
                new ErrorType.Blocked(new BlockingInfo(BlockingInfo.Reason.CONTENT, new ClientNotice(86400L))));
        assertEncoding("BLOCKED reason=spam,notice={}",
                new ErrorType.Blocked(new BlockingInfo(BlockingInfo.Reason.SPAM, new ClientNotice(null))));
        // aeson ignores unknown fields and reads null as absent
        assertEquals(new ErrorType.Blocked(new BlockingInfo(BlockingInfo.Reason.SPAM, new ClientNotice(null))),
                parse(ascii("BLOCKED reason=spam,notice={ \"ttl\" : null, \"other\": [1, {\"a\": \"b\"}] }")));
        assertThrows(DecodingException.class, () -> parse(ascii("BLOCKED reason=ham")));
        assertThrows(DecodingException.class, () -> parse(ascii("BLOCKED reason=spam,notice={")));
        assertThrows(DecodingException.class, () -> parse(ascii("BLOCKED reason=spam,notice={\"ttl\":1.5}")));
    }

    @Test
    void blockedIsAdjustedToTheClientVersion() {
        BlockingInfo info = new BlockingInfo(BlockingInfo.Reason.SPAM, new ClientNotice(3600L));
        ErrorType blocked = new ErrorType.Blocked(info);
        assertEquals(ErrorType.Simple.AUTH, blocked.forVersion(11));
        assertEquals(new ErrorType.Blocked(info.withoutNotice()), blocked.forVersion(12));
        assertEquals(new ErrorType.Blocked(info.withoutNotice()), blocked.forVersion(17));
        assertEquals(blocked, blocked.forVersion(18));
        assertEquals("ERR AUTH", text(BrokerMessage.err(blocked).encode(11)));
        assertEquals("ERR BLOCKED reason=spam", text(BrokerMessage.err(blocked).encode(17)));
        assertEquals("ERR BLOCKED reason=spam,notice={\"ttl\":3600}", text(BrokerMessage.err(blocked).encode(18)));
    }

    @Test
    void badErrorsDoNotParse() {
        for (String bad : List.of("", "AUTH ", "AUTHX", "CMD", "CMD BAD", "PROXY", "PROXY PROTOCOL", "STORE",
                "PROXY BROKER RESPONSE \u0005ab", "PROXY BROKER NETWORK X")) {
            assertThrows(DecodingException.class, () -> parse(ascii(bad)), bad);
        }
    }

    @Test
    void transportErrorsAreTheirNames() throws DecodingException {
        for (TransportError.Simple error : TransportError.Simple.values()) {
            assertEquals(error, TransportError.readFrom(new SmpReader(ascii(error.name()))));
        }
        assertInstanceOf(BrokerErrorType.Transport.class,
                BrokerErrorType.readFrom(new SmpReader(concat(ascii("TRANSPORT VERSION")))));
    }
}
