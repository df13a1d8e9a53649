package dev.relayj.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.relayj.protocol.BlockingInfo;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing as the reference's {@code strP} for {@code ControlProtocol}, errors as attoparsec words them. */
class ControlCommandParsingTest {
    private static SmpControlCommand smp(String line) throws ControlParseException {
        return SmpControlCommand.parse(line.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String smpError(String line) {
        return assertThrows(ControlParseException.class, () -> smp(line)).getMessage();
    }

    private static String xftpError(String line) {
        return assertThrows(ControlParseException.class,
                () -> XftpControlCommand.parse(line.getBytes(StandardCharsets.ISO_8859_1))).getMessage();
    }

    @Test
    void everySmpCommandWord() throws Exception {
        assertInstanceOf(SmpControlCommand.Suspend.class, smp("suspend"));
        assertInstanceOf(SmpControlCommand.Resume.class, smp("resume"));
        assertInstanceOf(SmpControlCommand.Clients.class, smp("clients"));
        assertInstanceOf(SmpControlCommand.Stats.class, smp("stats"));
        assertInstanceOf(SmpControlCommand.StatsRts.class, smp("stats-rts"));
        assertInstanceOf(SmpControlCommand.Threads.class, smp("threads"));
        assertInstanceOf(SmpControlCommand.Sockets.class, smp("sockets"));
        assertInstanceOf(SmpControlCommand.SocketThreads.class, smp("socket-threads"));
        assertInstanceOf(SmpControlCommand.ServerInfo.class, smp("server-info"));
        assertInstanceOf(SmpControlCommand.Save.class, smp("save"));
        assertInstanceOf(SmpControlCommand.Help.class, smp("help"));
        assertInstanceOf(SmpControlCommand.Quit.class, smp("quit"));
        assertInstanceOf(SmpControlCommand.Skip.class, smp(""));
        assertEquals(new SmpControlCommand.Auth(ControlPassword.of("s3cret")), smp("auth s3cret"));
    }

    @Test
    void queueCommandsTakeBase64UrlIds() throws Exception {
        byte[] id = {1, 2, 3, (byte) 0xfb, (byte) 0xff};
        assertEquals(new SmpControlCommand.Delete(new ControlEntityId(id)), smp("delete AQID-_8"));
        assertEquals(new SmpControlCommand.Status(new ControlEntityId(id)), smp("status AQID-_8="));
        assertEquals(new SmpControlCommand.Unblock(new ControlEntityId(id)), smp("unblock AQID-_8"));
    }

    @Test
    void blockTakesIdAndBlockingInfo() throws Exception {
        var block = assertInstanceOf(SmpControlCommand.Block.class, smp("block AQID reason=spam"));
        assertArrayEquals(new byte[] {1, 2, 3}, block.queueId().bytes());
        assertEquals(BlockingInfo.Reason.SPAM, block.info().reason());
        assertNull(block.info().notice());
        var withNotice = assertInstanceOf(SmpControlCommand.Block.class,
                smp("block AQID reason=content,notice={\"ttl\":86400}"));
        assertEquals(BlockingInfo.Reason.CONTENT, withNotice.info().reason());
        assertEquals(86400L, withNotice.info().notice().ttlSeconds());
        // A.space also takes a tab
        assertInstanceOf(SmpControlCommand.Block.class, smp("block AQID\treason=spam"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "foo|Failed reading: bad ControlProtocol command",
        "STATS|Failed reading: bad ControlProtocol command",
        "stats now|endOfInput",
        "quit now|endOfInput",
        "' stats'|endOfInput",
        "'help '|endOfInput",
        "auth|space: not enough input",
        "'auth '|not enough input",
        "auth @x|Failed reading: takeWhile1",
        "auth pass@x|endOfInput",
        "auth pass word|Failed reading: invalid character in BasicAuth",
        "auth a:b|Failed reading: invalid character in BasicAuth",
        "delete|space: not enough input",
        "'delete '|not enough input",
        "delete !|Failed reading: takeWhile1",
        "delete AQID!|endOfInput",
        "delete AQIDB|Failed reading: Base64-encoded bytestring has invalid size",
        "delete AQJ=|Failed reading: non-canonical encoding detected at offset: 2",
        "delete AQI=|",
        "delete AQ==|",
        "delete AR==|Failed reading: non-canonical encoding detected at offset: 1",
        "delete AQ=|Failed reading: Base64-encoded bytestring has invalid padding",
        "delete AQ===|Failed reading: Base64-encoded bytestring has invalid size",
        "delete A===|Failed reading: invalid padding at offset: 1",
        "delete AQ==AQID|endOfInput",
        "status AQID AQID|endOfInput",
        "unblock|space: not enough input",
        "block AQID|space: not enough input",
        "block AQID!reason=spam|space: Failed reading: satisfyWith",
        "'block AQID '|not enough input",
        "block AQID reason|not enough input",
        "block AQID reasons=spam|string",
        "block AQID reason=|not enough input",
        "block AQID reason=cont|not enough input",
        "block AQID reason=other|string",
        "block AQID reason=spammer|endOfInput",
        "block AQID reason=spam,notice=nonsense|endOfInput",
        "block AQID reason=spam,notice=|endOfInput",
    })
    void smpParseErrorsAreTheReferences(String line, String expected) {
        if (expected == null) {
            // a control row: this one parses
            assertInstanceOf(SmpControlCommand.Delete.class, assertDoesNotFail(line));
            return;
        }
        assertEquals(expected, smpError(line));
    }

    private static SmpControlCommand assertDoesNotFail(String line) {
        try {
            return smp(line);
        } catch (ControlParseException e) {
            throw new AssertionError(line + ": " + e.getMessage(), e);
        }
    }

    @Test
    void latinLettersPassTheCharacterTestAndFailInDecoding() {
        // Data.Char.isAlphaNum accepts é and ², base64 does not
        assertEquals("Failed reading: invalid character at offset: 2", smpError("delete AQ\u00e9D"));
        assertEquals("Failed reading: invalid character at offset: 1", smpError("delete A\u00b2AA"));
    }

    @Test
    void idsLongerThanTheStoreHoldsStillParse() throws Exception {
        String longId = "A".repeat(400);
        var delete = assertInstanceOf(SmpControlCommand.Delete.class, smp("delete " + longId));
        assertEquals(300, delete.queueId().bytes().length);
        assertEquals(false, delete.queueId().fitsStore());
    }

    @Test
    void xftpCommands() throws Exception {
        assertInstanceOf(XftpControlCommand.StatsRts.class, XftpControlCommand.parse("stats-rts".getBytes()));
        assertInstanceOf(XftpControlCommand.Help.class, XftpControlCommand.parse("help".getBytes()));
        assertInstanceOf(XftpControlCommand.Quit.class, XftpControlCommand.parse("quit".getBytes()));
        assertInstanceOf(XftpControlCommand.Skip.class, XftpControlCommand.parse(new byte[0]));
        assertInstanceOf(XftpControlCommand.Auth.class, XftpControlCommand.parse("auth pw".getBytes()));
        var delete = assertInstanceOf(XftpControlCommand.Delete.class, XftpControlCommand.parse("delete AQID".getBytes()));
        assertArrayEquals(new byte[] {1, 2, 3}, delete.fileId().bytes());
        var block = assertInstanceOf(XftpControlCommand.Block.class,
                XftpControlCommand.parse("block AQID reason=content,notice={\"ttl\":60}".getBytes()));
        assertEquals(dev.relayj.protocol.BlockingInfo.Reason.CONTENT, block.info().reason());
        assertEquals(60L, block.info().notice().ttlSeconds());
    }

    @Test
    void xftpHasOnlyItsOwnCommands() {
        assertEquals("Failed reading: bad ControlProtocol command", xftpError("stats"));
        assertEquals("Failed reading: bad ControlProtocol command", xftpError("status AQID"));
        assertEquals("Failed reading: bad ControlProtocol command", xftpError("unblock AQID"));
        assertEquals("space: not enough input", xftpError("delete"));
        assertEquals("endOfInput", xftpError("block AQID reason=spam,notice=[]"));
        assertEquals("string", xftpError("block AQID spam"));
    }
}
