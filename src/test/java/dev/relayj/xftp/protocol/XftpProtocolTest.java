package dev.relayj.xftp.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.relayj.crypto.AuthPublicKey;
import dev.relayj.crypto.Ed25519PublicKey;
import dev.relayj.crypto.X25519PublicKey;
import dev.relayj.encoding.DecodingException;
import dev.relayj.protocol.BasicAuth;
import dev.relayj.protocol.BlockingInfo;
import dev.relayj.protocol.ClientNotice;
import dev.relayj.protocol.CommandError;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.protocol.TransmissionAuth;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class XftpProtocolTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Ed25519PublicKey SND_KEY = new Ed25519PublicKey(filled(32, 1));
    private static final Ed25519PublicKey RCV_KEY = new Ed25519PublicKey(filled(32, 2));
    private static final X25519PublicKey DH_KEY = new X25519PublicKey(filled(32, 3));
    private static final String ED25519_SPKI_PREFIX = "302a300506032b6570032100";
    private static final String X25519_SPKI_PREFIX = "302a300506032b656e032100";

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] spki(String prefix, int fill) {
        return concat(HEX.parseHex(prefix), filled(32, fill));
    }

    @Test
    void versionsAreTheReferenceOnes() {
        assertEquals(1, XftpVersions.INITIAL_XFTP_VERSION);
        assertEquals(2, XftpVersions.AUTH_CMDS_XFTP_VERSION);
        assertEquals(3, XftpVersions.BLOCKED_FILES_XFTP_VERSION);
        assertEquals("1-3", XftpVersions.SUPPORTED_FILE_SERVER_VRANGE.toString());
        assertEquals("xftp/1", XftpVersions.XFTP_ALPN_V1);
        assertEquals(16384, XftpBlock.SIZE);
    }

    @Test
    void fnewEncodesAsTheReference() throws Exception {
        byte[] digest = filled(32, 9);
        FileCommand fnew = new FileCommand.Fnew(
                new FileInfo(SND_KEY, 65536, digest), List.of(RCV_KEY), BasicAuth.of("pwd"));
        // "FNEW " sndKey(len 44 + SPKI) size(Word32) digest(len + bytes) rcpKeys(count, keys) Maybe basicAuth
        byte[] expected = concat(ascii("FNEW "), new byte[] {44}, spki(ED25519_SPKI_PREFIX, 1),
                HEX.parseHex("00010000"), new byte[] {32}, digest,
                new byte[] {1, 44}, spki(ED25519_SPKI_PREFIX, 2), ascii("1"), new byte[] {3}, ascii("pwd"));
        assertArrayEquals(expected, fnew.encode());
        assertEquals(fnew, FileCommand.parse(expected));

        FileCommand noAuth = new FileCommand.Fnew(new FileInfo(SND_KEY, 65536, digest), List.of(RCV_KEY), null);
        assertEquals('0', noAuth.encode()[noAuth.encode().length - 1]);
        assertEquals(noAuth, FileCommand.parse(noAuth.encode()));
    }

    @Test
    void otherCommandsEncodeAsTheReference() throws Exception {
        assertArrayEquals(concat(ascii("FADD "), new byte[] {1, 44}, spki(ED25519_SPKI_PREFIX, 2)),
                new FileCommand.Fadd(List.of(RCV_KEY)).encode());
        assertArrayEquals(concat(ascii("FGET "), new byte[] {44}, spki(X25519_SPKI_PREFIX, 3)),
                new FileCommand.Fget(DH_KEY).encode());
        for (String tag : List.of("FPUT", "FDEL", "FACK", "PING")) {
            FileCommand command = FileCommand.parse(ascii(tag));
            assertEquals(tag, command.tag());
            assertArrayEquals(ascii(tag), command.encode());
        }
        assertEquals(FileParty.SENDER, FileCommand.parse(ascii("FPUT")).party());
        assertEquals(FileParty.RECIPIENT, FileCommand.parse(ascii("FACK")).party());
        assertEquals(FileParty.RECIPIENT, FileCommand.parse(ascii("PING")).party());
    }

    @Test
    void badCommandsGiveUnknownOrSyntax() {
        assertEquals(XftpError.cmd(CommandError.UNKNOWN), parseError("FOO"));
        assertEquals(XftpError.cmd(CommandError.UNKNOWN), parseError(""));
        assertEquals(XftpError.cmd(CommandError.SYNTAX), parseError("FPUT "));
        assertEquals(XftpError.cmd(CommandError.SYNTAX), parseError("PING x"));
        assertEquals(XftpError.cmd(CommandError.SYNTAX), parseError("FADD "));
        // an empty recipient list
        assertEquals(XftpError.cmd(CommandError.SYNTAX), parseErrorBytes(concat(ascii("FADD "), new byte[] {0})));
        // FGET takes an X25519 key only
        assertEquals(XftpError.cmd(CommandError.SYNTAX),
                parseErrorBytes(concat(ascii("FGET "), new byte[] {44}, spki(ED25519_SPKI_PREFIX, 2))));
        // trailing byte after FGET's key
        assertEquals(XftpError.cmd(CommandError.SYNTAX),
                parseErrorBytes(concat(new FileCommand.Fget(DH_KEY).encode(), new byte[] {0})));
    }

    private static XftpError parseError(String text) {
        return parseErrorBytes(ascii(text));
    }

    private static XftpError parseErrorBytes(byte[] bytes) {
        return assertThrows(XftpException.class, () -> FileCommand.parse(bytes)).error();
    }

    @Test
    void credentialsAreCheckedAsCheckCredentials() {
        EntityId id = new EntityId(filled(16, 7));
        FileCommand fnew = new FileCommand.Fnew(new FileInfo(SND_KEY, 65536, new byte[32]), List.of(RCV_KEY), null);
        assertNull(fnew.checkCredentials(true, EntityId.NONE));
        assertEquals(XftpError.cmd(CommandError.NO_AUTH), fnew.checkCredentials(false, EntityId.NONE));
        assertEquals(XftpError.cmd(CommandError.HAS_AUTH), fnew.checkCredentials(true, id));
        FileCommand ping = new FileCommand.Ping();
        assertNull(ping.checkCredentials(false, EntityId.NONE));
        assertEquals(XftpError.cmd(CommandError.HAS_AUTH), ping.checkCredentials(true, EntityId.NONE));
        assertEquals(XftpError.cmd(CommandError.HAS_AUTH), ping.checkCredentials(false, id));
        FileCommand fput = new FileCommand.Fput();
        assertNull(fput.checkCredentials(true, id));
        assertEquals(XftpError.cmd(CommandError.NO_AUTH), fput.checkCredentials(false, id));
        assertEquals(XftpError.cmd(CommandError.NO_AUTH), fput.checkCredentials(true, EntityId.NONE));
    }

    @Test
    void responsesEncodeAsTheReference() throws Exception {
        EntityId sId = new EntityId(filled(16, 5));
        EntityId rId = new EntityId(filled(16, 6));
        byte[] sids = new FileResponse.Sids(sId, List.of(rId)).encode(3);
        assertArrayEquals(concat(ascii("SIDS "), new byte[] {16}, filled(16, 5), new byte[] {1, 16}, filled(16, 6)), sids);
        assertArrayEquals(concat(ascii("RIDS "), new byte[] {1, 16}, filled(16, 6)),
                new FileResponse.Rids(List.of(rId)).encode(3));
        byte[] nonce = filled(24, 8);
        byte[] file = new FileResponse.File(DH_KEY, nonce).encode(3);
        assertArrayEquals(concat(ascii("FILE "), new byte[] {44}, spki(X25519_SPKI_PREFIX, 3), nonce), file);
        assertArrayEquals(ascii("OK"), new FileResponse.Ok().encode(1));
        assertArrayEquals(ascii("PONG"), new FileResponse.Pong().encode(1));
        for (byte[] encoded : List.of(sids, file, ascii("OK"), ascii("PONG"))) {
            assertArrayEquals(encoded, FileResponse.parse(encoded).encode(3));
        }
    }

    @Test
    void everyErrorHasTheReferenceEncoding() throws Exception {
        List<String> texts = List.of("BLOCK", "SESSION", "HANDSHAKE", "CMD UNKNOWN", "CMD SYNTAX", "CMD PROHIBITED",
                "CMD NO_AUTH", "CMD HAS_AUTH", "CMD NO_ENTITY", "AUTH", "BLOCKED reason=spam",
                "BLOCKED reason=content,notice={\"ttl\":3600}", "BLOCKED reason=spam,notice={}", "SIZE", "QUOTA",
                "DIGEST", "CRYPTO", "NO_FILE", "HAS_FILE", "FILE_IO", "TIMEOUT", "INTERNAL", "DUPLICATE_");
        for (String text : texts) {
            XftpError error = XftpError.parse(text);
            assertEquals(text, error.encode());
            assertArrayEquals(ascii("ERR " + text), new FileResponse.Err(error).encode(3));
            assertEquals(new FileResponse.Err(error), FileResponse.parse(ascii("ERR " + text)));
        }
        assertEquals(XftpError.cmd(CommandError.NO_ENTITY), XftpError.parse("CMD NO_QUEUE"));
        for (String bad : List.of("", "AUTH ", "CMD", "CMD FOO", "CMD SYNTAX x", "BLOCKED", "BLOCKED reason=x",
                "BLOCKED reason=spam,", "BLOCKED reason=spam,notice={", "auth")) {
            assertThrows(DecodingException.class, () -> XftpError.parse(bad), bad);
        }
        // aeson reads a notice with spaces, nulls and unknown fields
        assertEquals(new BlockingInfo(BlockingInfo.Reason.SPAM, new ClientNotice(null)),
                BlockingInfo.fromText("reason=spam,notice={ \"ttl\" : null, \"x\": [1, {\"y\": \"}\"}] }"));
    }

    @Test
    void blockedIsSentAsAuthBeforeVersion3() {
        FileResponse err = new FileResponse.Err(new XftpError.Blocked(new BlockingInfo(BlockingInfo.Reason.SPAM, null)));
        assertArrayEquals(ascii("ERR AUTH"), err.encode(2));
        assertArrayEquals(ascii("ERR BLOCKED reason=spam"), err.encode(3));
    }

    @Test
    void commandBlockLayoutAndDecoding() throws Exception {
        byte[] sessionId = filled(32, 0x11);
        byte[] block = XftpTransmissions.encodeCommand(new byte[0], sessionId, ascii("1"), EntityId.NONE,
                new FileCommand.Ping());
        assertEquals(XftpBlock.SIZE, block.length);
        // pad length, batch count 1, Large length, empty auth, session id, corrId "1", no entity, PING
        byte[] content = concat(new byte[] {1, 0, 41, 0, 32}, sessionId, new byte[] {1, '1', 0}, ascii("PING"));
        assertArrayEquals(concat(new byte[] {0, (byte) content.length}, content), java.util.Arrays.copyOf(block, content.length + 2));
        for (int i = content.length + 2; i < block.length; i++) {
            assertEquals('#', block[i]);
        }
        ServerTransmission.Command ping = assertInstanceOf(ServerTransmission.Command.class,
                XftpTransmissions.decodeServer(block, sessionId));
        assertEquals(new FileCommand.Ping(), ping.command());
        assertEquals(new CorrId(ascii("1")), ping.corrId());

        EntityId fileId = new EntityId(filled(16, 4));
        byte[] signature = filled(64, 0x55);
        byte[] signed = XftpTransmissions.encodeCommand(signature, sessionId, ascii("2"), fileId, new FileCommand.Fack());
        ServerTransmission.Command ack = assertInstanceOf(ServerTransmission.Command.class,
                XftpTransmissions.decodeServer(signed, sessionId));
        assertTrue(ack.auth() instanceof TransmissionAuth.Signature s && s.isEd25519());
        assertArrayEquals(XftpTransmissions.authorizedBytes(sessionId, ascii("2"), fileId, new FileCommand.Fack()),
                ack.authorized());
        assertEquals(fileId, ack.entityId());
    }

    @Test
    void badBlocksAreRejectedInTheReferenceOrder() throws Exception {
        byte[] sessionId = filled(32, 0x11);
        EntityId fileId = new EntityId(filled(16, 4));
        assertRejected(XftpError.BLOCK, XftpTransmissions.decodeServer(new byte[100], sessionId));
        byte[] wrongSession = XftpTransmissions.encodeCommand(new byte[0], filled(32, 0x12), ascii("1"), EntityId.NONE,
                new FileCommand.Ping());
        assertRejected(XftpError.SESSION, XftpTransmissions.decodeServer(wrongSession, sessionId));
        byte[] badAuth = XftpTransmissions.encodeCommand(filled(10, 1), sessionId, ascii("1"), fileId, new FileCommand.Fack());
        assertRejected(XftpError.BLOCK, XftpTransmissions.decodeServer(badAuth, sessionId));
        byte[] unsigned = XftpTransmissions.encodeCommand(new byte[0], sessionId, ascii("1"), fileId, new FileCommand.Fack());
        assertRejected(XftpError.cmd(CommandError.NO_AUTH), XftpTransmissions.decodeServer(unsigned, sessionId));
        byte[] twoInBatch = XftpBlock.pad(new byte[] {2, 0, 1, 0, 0, 1, 0});
        assertRejected(XftpError.BLOCK, XftpTransmissions.decodeServer(twoInBatch, sessionId));
    }

    private static void assertRejected(XftpError expected, ServerTransmission transmission) {
        assertEquals(expected, assertInstanceOf(ServerTransmission.Rejected.class, transmission).error());
    }

    @Test
    void garbageNeverThrows() {
        Random random = new Random(42);
        byte[] sessionId = filled(32, 0x11);
        for (int i = 0; i < 2000; i++) {
            byte[] block = new byte[XftpBlock.SIZE];
            random.nextBytes(block);
            int length = random.nextInt(300);
            block[0] = (byte) (length >>> 8);
            block[1] = (byte) length;
            block[2] = 1;
            block[3] = 0;
            block[4] = (byte) Math.max(0, length - 3);
            if (i % 2 == 0) {
                block[5] = 0;
                block[6] = 32;
                System.arraycopy(sessionId, 0, block, 7, 32);
            }
            XftpTransmissions.decodeServer(block, sessionId);
            byte[] command = new byte[random.nextInt(200)];
            random.nextBytes(command);
            if (command.length > 4) {
                System.arraycopy(ascii(List.of("FNEW ", "FADD ", "FGET ", "ERR  ", "SIDS ").get(i % 5)), 0, command, 0, 5);
            }
            try {
                FileCommand.parse(command);
            } catch (XftpException expected) {
                // a protocol error is the expected outcome for garbage
            }
            try {
                FileResponse.parse(command);
            } catch (XftpException expected) {
                // likewise
            }
        }
    }

    @Test
    void responseBlockRoundTripsThroughTheClientDecoder() throws Exception {
        byte[] sessionId = filled(32, 0x11);
        EntityId sId = new EntityId(filled(16, 5));
        byte[] block = XftpTransmissions.encodeResponse(sessionId, new CorrId(ascii("7")), EntityId.NONE,
                new FileResponse.Sids(sId, List.of(new EntityId(filled(16, 6)))), 3);
        assertEquals(0, block[5]); // the server sends no authorization
        ClientTransmission t = XftpTransmissions.decodeClient(block, sessionId);
        assertEquals(new CorrId(ascii("7")), t.corrId());
        assertEquals(sId, ((FileResponse.Sids) t.response()).senderId());
        byte[] okWithoutEntity = XftpTransmissions.encodeResponse(sessionId, new CorrId(ascii("7")), EntityId.NONE, new FileResponse.Ok(), 3);
        assertEquals(XftpError.cmd(CommandError.NO_ENTITY), XftpTransmissions.decodeClient(okWithoutEntity, sessionId).error());
    }

    @Test
    void handshakesEncodeAsTheReference() throws Exception {
        byte[] challenge = filled(32, 0x33);
        XftpClientHello hello = new XftpClientHello(challenge);
        assertArrayEquals(concat(ascii("1"), new byte[] {32}, challenge), hello.encode());
        assertEquals(hello, XftpClientHello.parse(concat(hello.encode(), ascii("future"))));
        assertNull(XftpClientHello.parse(ascii("0")).webChallenge());
        assertEquals(hello, XftpClientHello.fromPadded(XftpBlock.pad(hello.encode())));
        assertEquals(XftpError.HANDSHAKE, assertThrows(XftpException.class,
                () -> XftpClientHello.parse(concat(ascii("1"), new byte[] {31}, filled(31, 1)))).error());
        assertArrayEquals(concat(challenge, ascii("sid")), XftpClientHello.identityProofMessage(challenge, ascii("sid")));

        XftpClientHandshake client = new XftpClientHandshake(3, filled(32, 0x44));
        assertArrayEquals(concat(new byte[] {0, 3, 32}, filled(32, 0x44)), client.encode());
        assertEquals(client, XftpClientHandshake.fromBlock(XftpBlock.pad(concat(client.encode(), ascii("extra")))));
        assertThrows(XftpException.class, () -> XftpClientHandshake.fromBlock(client.encode()));

        XftpServerHandshake server = new XftpServerHandshake(XftpVersions.SUPPORTED_FILE_SERVER_VRANGE, filled(32, 0x55),
                List.of(filled(300, 1), filled(10, 2)), filled(50, 3), filled(64, 4));
        byte[] encoded = server.encode();
        byte[] expectedHead = concat(new byte[] {0, 1, 0, 3, 32}, filled(32, 0x55), new byte[] {2, 1, 44}, filled(300, 1),
                new byte[] {0, 10}, filled(10, 2), new byte[] {0, 50}, filled(50, 3), new byte[] {64}, filled(64, 4));
        assertArrayEquals(expectedHead, encoded);
        assertEquals(server, XftpServerHandshake.parse(concat(encoded, ascii("tail"))));
        XftpServerHandshake noProof = new XftpServerHandshake(XftpVersions.SUPPORTED_FILE_SERVER_VRANGE, filled(32, 0x55),
                List.of(filled(10, 2)), filled(50, 3), null);
        assertEquals(0, noProof.encode()[noProof.encode().length - 1]);
        assertNull(XftpServerHandshake.parse(noProof.encode()).webIdentityProof());
        assertEquals(XftpError.HANDSHAKE, assertThrows(XftpException.class,
                () -> XftpServerHandshake.parse(new byte[] {0, 1})).error());
    }

    @Test
    void serverAddressForms() throws Exception {
        String fingerprint = "LcJUMfVhwD8yxjAiSaDzzGF3-kLG4Uh0Fl_ZIjrRwjI=";
        XftpServerAddress plain = XftpServerAddress.parse("xftp://" + fingerprint + "@localhost:443");
        assertEquals(List.of("localhost"), plain.hosts());
        assertEquals("443", plain.port());
        assertNull(plain.basicAuth());
        assertEquals("xftp://" + fingerprint + "@localhost:443", plain.encode());
        XftpServerAddress full = XftpServerAddress.parse("xftp://" + fingerprint + ":s3cret@a.example.com,b.onion:5443");
        assertEquals("s3cret", full.basicAuth().text());
        assertEquals(List.of("a.example.com", "b.onion"), full.hosts());
        assertEquals("xftp://" + fingerprint + ":s3cret@a.example.com,b.onion:5443", full.encode());
        assertEquals("", XftpServerAddress.parse("xftp://" + fingerprint + "@host").port());
        for (String bad : List.of("smp://" + fingerprint + "@h", "xftp://" + fingerprint, "xftp://" + fingerprint + "@",
                "xftp://" + fingerprint + "@h:", "xftp://" + fingerprint + "@h:x", "xftp://" + fingerprint + ":@h",
                "xftp://!!@h")) {
            assertThrows(DecodingException.class, () -> XftpServerAddress.parse(bad), bad);
        }
    }

    @Test
    void chunkSizes() {
        assertEquals(List.of(65536L, 262144L, 1048576L, 4194304L), XftpChunkSizes.SERVER_CHUNK_SIZES);
        assertEquals(true, XftpChunkSizes.isAllowed(262144, XftpChunkSizes.SERVER_CHUNK_SIZES));
        assertEquals(false, XftpChunkSizes.isAllowed(96 * 1024, XftpChunkSizes.SERVER_CHUNK_SIZES));
    }

    @Test
    void authorizationLengthsAreClassified() throws Exception {
        assertInstanceOf(TransmissionAuth.Authenticator.class, TransmissionAuth.fromBytes(new byte[80]));
        assertFalse(assertInstanceOf(TransmissionAuth.Signature.class, TransmissionAuth.fromBytes(new byte[114])).isEd25519());
        assertNull(TransmissionAuth.fromBytes(new byte[0]));
        assertFalse(TransmissionAuth.isValidLength(65));
        AuthPublicKey key = RCV_KEY;
        assertEquals(key, FileCommand.parse(new FileCommand.Fadd(List.of(key)).encode()) instanceof FileCommand.Fadd f
                ? f.recipientKeys().get(0) : null);
    }
}
