package dev.relayj.smp.protocol;

import static dev.relayj.smp.protocol.Samples.SAMPLE_DH_PUB_KEY;
import static dev.relayj.smp.protocol.Samples.SAMPLE_PUB_KEY;
import static dev.relayj.smp.protocol.Samples.SAMPLE_SIG_BYTES;
import static dev.relayj.smp.protocol.Samples.ascii;
import static dev.relayj.smp.protocol.Samples.concat;
import static dev.relayj.smp.protocol.Samples.entity;
import static dev.relayj.smp.protocol.Samples.filled;
import static dev.relayj.smp.protocol.Samples.key;
import static dev.relayj.smp.protocol.Samples.large;
import static dev.relayj.smp.protocol.Samples.shortBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.protocol.Authorization;
import dev.relayj.protocol.CommandError;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.protocol.TransmissionAuth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TransmissionsTest {
    private static final byte[] SESSION_ID = filled(32, 0x55);
    private static final TransmissionParams V18 = TransmissionParams.forVersion(18, SESSION_ID);
    private static final TransmissionParams V6 = TransmissionParams.forVersion(6, SESSION_ID);

    /** What the reference's test client puts in a block ({@code smpServerTest} in tests/SMPClient.hs). */
    private static byte[] clientBlock(TransmissionParams params, byte[] signature, String corrId, String entityId, byte[] command) {
        byte[] t = concat(params.implySessionId() ? new byte[0] : shortBytes(params.sessionId()),
                shortBytes(corrId), shortBytes(entityId), command);
        Authorization auth = signature == null ? null : new Authorization(TransmissionAuth.fromBytes(signature));
        byte[] transmission = Transmissions.withAuthorization(params.serviceAuth(), auth, t);
        return concat(new byte[] {1}, large(transmission));
    }

    private static ServerTransmission receive(TransmissionParams params, byte[] signature, String corrId, String entityId, byte[] command) {
        List<ServerTransmission> decoded = Transmissions.decodeServerBlock(params, clientBlock(params, signature, corrId, entityId, command));
        assertEquals(1, decoded.size());
        return decoded.get(0);
    }

    private static void assertRefused(ServerTransmission t, String corrId, String entityId, ErrorType error) {
        ServerTransmission.Refused refused = assertInstanceOf(ServerTransmission.Refused.class, t);
        assertEquals(new ServerTransmission.Refused(new CorrId(ascii(corrId)), entity(entityId), error), refused);
    }

    private static void assertReceived(ServerTransmission t, Class<? extends Command> type) {
        ServerTransmission.Received received = assertInstanceOf(ServerTransmission.Received.class, t);
        assertInstanceOf(type, received.command());
    }

    /** tests/ServerTests.hs serverSyntaxTests, checked at the parse level with a current client. */
    @Test
    void serverSyntaxTable() {
        byte[] sig = SAMPLE_SIG_BYTES;
        byte[] keys = concat(key(SAMPLE_PUB_KEY), key(SAMPLE_DH_PUB_KEY));
        assertRefused(receive(V18, null, "abcd", "1234", ascii("HELLO")), "abcd", "1234", ErrorType.cmd(CommandError.UNKNOWN));
        // NEW
        assertRefused(receive(V18, sig, "bcda", "", ascii("NEW")), "bcda", "", ErrorType.cmd(CommandError.SYNTAX));
        assertRefused(receive(V18, sig, "cdab", "", concat(ascii("NEW "), new byte[] {1}, ascii("A"), keys)),
                "cdab", "", ErrorType.cmd(CommandError.SYNTAX));
        byte[] validNew = concat(ascii("NEW "), keys, ascii("0S1M00"));
        assertRefused(receive(V18, null, "dabc", "", validNew), "dabc", "", ErrorType.cmd(CommandError.NO_AUTH));
        assertRefused(receive(V18, sig, "abcd", "12345678", validNew), "abcd", "12345678", ErrorType.cmd(CommandError.HAS_AUTH));
        assertReceived(receive(V18, sig, "abcd", "", validNew), Command.New.class);
        // KEY
        byte[] keyCmd = concat(ascii("KEY "), key(SAMPLE_PUB_KEY));
        assertReceived(receive(V18, sig, "bcda", "12345678", keyCmd), Command.Key.class);
        assertRefused(receive(V18, sig, "cdab", "12345678", ascii("KEY")), "cdab", "12345678", ErrorType.cmd(CommandError.SYNTAX));
        assertRefused(receive(V18, sig, "dabc", "12345678", concat(ascii("KEY "), new byte[] {1}, ascii("A"), key(SAMPLE_PUB_KEY))),
                "dabc", "12345678", ErrorType.cmd(CommandError.SYNTAX));
        assertRefused(receive(V18, null, "abcd", "12345678", keyCmd), "abcd", "12345678", ErrorType.cmd(CommandError.NO_AUTH));
        assertRefused(receive(V18, sig, "bcda", "", keyCmd), "bcda", "", ErrorType.cmd(CommandError.NO_AUTH));
        // SUB, OFF, DEL
        for (String tag : List.of("SUB", "OFF", "DEL")) {
            assertInstanceOf(ServerTransmission.Received.class, receive(V18, sig, "abcd", "12345678", ascii(tag)));
            assertRefused(receive(V18, sig, "bcda", "12345678", ascii(tag + "=")), "bcda", "12345678", ErrorType.cmd(CommandError.UNKNOWN));
            assertRefused(receive(V18, null, "cdab", "12345678", ascii(tag)), "cdab", "12345678", ErrorType.cmd(CommandError.NO_AUTH));
            assertRefused(receive(V18, sig, "dabc", "", ascii(tag)), "dabc", "", ErrorType.cmd(CommandError.NO_AUTH));
        }
        // SEND
        assertReceived(receive(V18, sig, "cdab", "12345678", ascii("SEND F hello")), Command.Send.class);
        assertRefused(receive(V18, sig, "abcd", "12345678", ascii("SEND")), "abcd", "12345678", ErrorType.cmd(CommandError.SYNTAX));
        assertRefused(receive(V18, sig, "bcda", "", ascii("SEND F hello")), "bcda", "", ErrorType.cmd(CommandError.NO_ENTITY));
        // ACK
        byte[] ack = concat(ascii("ACK "), shortBytes("1234"));
        assertReceived(receive(V18, sig, "cdab", "12345678", ack), Command.Ack.class);
        assertRefused(receive(V18, sig, "abcd", "12345678", ascii("ACK")), "abcd", "12345678", ErrorType.cmd(CommandError.SYNTAX));
        assertRefused(receive(V18, sig, "bcda", "", ack), "bcda", "", ErrorType.cmd(CommandError.NO_AUTH));
        assertRefused(receive(V18, null, "cdab", "12345678", ack), "cdab", "12345678", ErrorType.cmd(CommandError.NO_AUTH));
        // PING
        assertReceived(receive(V18, null, "abcd", "", ascii("PING")), Command.Ping.class);
        // broker response not allowed
        assertRefused(receive(V18, sig, "bcda", "12345678", ascii("OK")), "bcda", "12345678", ErrorType.cmd(CommandError.UNKNOWN));
    }

    @Test
    void serverResponseLayout() {
        ServerTransmission refused = receive(V18, null, "abcd", "1234", ascii("HELLO"));
        byte[] response = Transmissions.encodeResponse(V18, refused.corrId(), refused.entityId(),
                ((ServerTransmission.Refused) refused).response());
        assertArrayEquals(concat(new byte[] {0}, shortBytes("abcd"), shortBytes("1234"), ascii("ERR CMD UNKNOWN")), response);
        // v6 sends the session id
        byte[] v6 = Transmissions.encodeResponse(V6, new CorrId(ascii("abcd")), EntityId.NONE, BrokerMessage.PONG);
        assertArrayEquals(concat(new byte[] {0}, shortBytes(SESSION_ID), shortBytes("abcd"), new byte[] {0}, ascii("PONG")), v6);
        // a client reads it back
        List<Parsed<RawTransmission>> parsed = Transmissions.parseBlock(V6, concat(new byte[] {1}, large(v6)));
        ClientTransmission client = Transmissions.decodeClient(V6, parsed.get(0));
        assertEquals(BrokerMessage.PONG, client.message().value());
    }

    @Test
    void authorizedBytesIncludeTheImpliedSessionId() {
        CorrId corrId = new CorrId(filled(24, 1));
        EntityId queue = entity("queue-id-queue-id-queue-");
        for (TransmissionParams params : List.of(V6, TransmissionParams.forVersion(7, SESSION_ID), V18)) {
            Transmissions.ForAuth forAuth = Transmissions.encodeForAuth(params, corrId, queue, Command.SUB);
            byte[] expectedForAuth = concat(shortBytes(SESSION_ID), shortBytes(corrId.bytes()), shortBytes(queue.bytes()), ascii("SUB"));
            assertArrayEquals(expectedForAuth, forAuth.forAuth());
            if (params.implySessionId()) {
                assertArrayEquals(concat(shortBytes(corrId.bytes()), shortBytes(queue.bytes()), ascii("SUB")), forAuth.toSend());
            } else {
                assertArrayEquals(expectedForAuth, forAuth.toSend());
            }
            byte[] transmission = Transmissions.withAuthorization(params.serviceAuth(),
                    new Authorization(new TransmissionAuth.Signature(SAMPLE_SIG_BYTES)), forAuth.toSend());
            ServerTransmission.Received received = assertInstanceOf(ServerTransmission.Received.class,
                    Transmissions.decodeServerBlock(params, concat(new byte[] {1}, large(transmission))).get(0));
            assertArrayEquals(expectedForAuth, received.authorized().toByteArray());
            assertEquals(new TransmissionAuth.Signature(SAMPLE_SIG_BYTES), received.authorization().auth());
            assertNull(received.authorization().serviceSignature());
            // without an authorization there is no room for the session id before the rest: a copy
            byte[] unsigned = Transmissions.withAuthorization(params.serviceAuth(), null, forAuth.toSend());
            assertArrayEquals(expectedForAuth, Transmissions.parseTransmission(params, unsigned).value().authorized().toByteArray());
        }
    }

    @Test
    void serviceSignatureFollowsTheAuthorizationFromV16() {
        byte[] authenticator = filled(80, 4);
        byte[] serviceSig = filled(64, 5);
        byte[] t = concat(shortBytes("corr"), shortBytes("svc"), ascii("SUB"));
        byte[] withSig = concat(shortBytes(authenticator), ascii("1"), shortBytes(serviceSig), t);
        assertArrayEquals(withSig, Transmissions.withAuthorization(true,
                new Authorization(new TransmissionAuth.Authenticator(authenticator), serviceSig), t));
        ServerTransmission.Received received = assertInstanceOf(ServerTransmission.Received.class,
                Transmissions.decodeServer(V18, Transmissions.parseTransmission(V18, withSig)));
        assertArrayEquals(serviceSig, received.authorization().serviceSignature());
        assertInstanceOf(TransmissionAuth.Authenticator.class, received.authorization().auth());
        // a service signature of the wrong size breaks the whole transmission
        byte[] badSig = concat(shortBytes(authenticator), ascii("1"), shortBytes(filled(63, 5)), t);
        assertEquals(new ServerTransmission.Refused(CorrId.NONE, EntityId.NONE, ErrorType.Simple.BLOCK),
                Transmissions.decodeServer(V18, Transmissions.parseTransmission(V18, badSig)));
        // at v15 the same bytes are read as no service signature, and "1..." starts the session-less transmission
        TransmissionParams v15 = TransmissionParams.forVersion(15, SESSION_ID);
        byte[] v15Bytes = concat(shortBytes(authenticator), t);
        assertNull(assertInstanceOf(ServerTransmission.Received.class,
                Transmissions.decodeServer(v15, Transmissions.parseTransmission(v15, v15Bytes))).authorization().serviceSignature());
        // no service signature field follows an empty authorization
        byte[] unsigned = concat(new byte[] {0}, shortBytes("corr"), new byte[] {0}, ascii("PING"));
        assertInstanceOf(ServerTransmission.Received.class, Transmissions.decodeServer(V18, Transmissions.parseTransmission(V18, unsigned)));
    }

    @Test
    void blockAndSessionErrors() {
        // bad authorization size: BLOCK with the correlation id
        byte[] badAuth = concat(shortBytes(filled(10, 1)), ascii("0"), shortBytes("abcd"), shortBytes("12345678"), ascii("SUB"));
        assertEquals(List.of(new ServerTransmission.Refused(new CorrId(ascii("abcd")), EntityId.NONE, ErrorType.Simple.BLOCK)),
                Transmissions.decodeServerBlock(V18, concat(new byte[] {1}, large(badAuth))));
        // v6: wrong session id
        byte[] t = concat(new byte[] {0}, shortBytes(filled(32, 1)), shortBytes("abcd"), new byte[] {0}, ascii("PING"));
        assertEquals(List.of(new ServerTransmission.Refused(new CorrId(ascii("abcd")), EntityId.NONE, ErrorType.Simple.SESSION)),
                Transmissions.decodeServerBlock(V6, concat(new byte[] {1}, large(t))));
        // blocks: empty count, trailing bytes, short transmission
        ServerTransmission badBlock = new ServerTransmission.Refused(CorrId.NONE, EntityId.NONE, ErrorType.Simple.BLOCK);
        assertEquals(List.of(badBlock), Transmissions.decodeServerBlock(V18, new byte[] {0}));
        assertEquals(List.of(badBlock), Transmissions.decodeServerBlock(V18, new byte[0]));
        byte[] ping = concat(new byte[] {0}, shortBytes("abcd"), new byte[] {0}, ascii("PING"));
        assertEquals(List.of(badBlock), Transmissions.decodeServerBlock(V18, concat(new byte[] {1}, large(ping), new byte[] {'#'})));
        assertEquals(List.of(badBlock), Transmissions.decodeServerBlock(V18, concat(new byte[] {2}, large(ping))));
        List<ServerTransmission> mixed = Transmissions.decodeServerBlock(V18,
                concat(new byte[] {2}, large(ping), large(new byte[] {5, 1})));
        assertInstanceOf(ServerTransmission.Received.class, mixed.get(0));
        assertEquals(badBlock, mixed.get(1));
    }

    // ---- batching, as tests/CoreTests/BatchingTests.hs ----

    private static final Random RANDOM = new Random(42);

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static byte[] clientTransmission(TransmissionParams params, byte[] auth, Command command) {
        Transmissions.ForAuth forAuth = Transmissions.encodeForAuth(params, new CorrId(random(24)), new EntityId(random(24)), command);
        return Transmissions.withAuthorization(params.serviceAuth(), new Authorization(TransmissionAuth.fromBytes(auth)), forAuth.toSend());
    }

    private static byte[] sub(TransmissionParams params) {
        return clientTransmission(params, random(64), Command.SUB);
    }

    private static byte[] send(TransmissionParams params, int length) {
        byte[] auth = params.version() >= 7 ? random(80) : random(64);
        return clientTransmission(params, auth, new Command.Send(MsgFlags.NONE, random(length)));
    }

    private static List<Integer> counts(List<byte[]> transmissions) {
        List<Integer> counts = new ArrayList<>();
        for (Batch batch : Transmissions.batch(MessageLimits.BLOCK_SIZE, transmissions)) {
            if (batch instanceof Batch.Block block) {
                counts.add(block.count());
                assertTrue(Transmissions.blockContent(block, transmissions).length <= MessageLimits.BLOCK_SIZE - 18);
            } else {
                counts.add(-1);
            }
        }
        return counts;
    }

    private static List<byte[]> repeat(int count, java.util.function.Supplier<byte[]> make) {
        List<byte[]> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(make.get());
        }
        return list;
    }

    @Test
    void batchesSubscriptions() {
        assertEquals(List.of(38, 106, 106), counts(repeat(250, () -> sub(V6))));
        assertEquals(List.of(30, 135, 135), counts(repeat(300, () -> sub(V18))));
    }

    @Test
    void breaksOnAMessageThatDoesNotFit() {
        List<byte[]> v6 = new ArrayList<>(repeat(60, () -> sub(V6)));
        v6.add(send(V6, 8000));
        v6.addAll(repeat(40, () -> sub(V6)));
        assertEquals(List.of(47, 54), counts(v6));
        List<byte[]> v18 = new ArrayList<>(repeat(60, () -> sub(V18)));
        v18.add(send(V18, 8000));
        v18.addAll(repeat(40, () -> sub(V18)));
        assertEquals(List.of(33, 68), counts(v18));
    }

    @Test
    void breaksOnALargeMessage() {
        List<byte[]> v6 = new ArrayList<>(repeat(50, () -> sub(V6)));
        v6.add(send(V6, 17000));
        v6.addAll(repeat(150, () -> sub(V6)));
        assertEquals(List.of(50, -1, 44, 106), counts(v6));
        assertEquals(new Batch.TooLarge(50), Transmissions.batch(MessageLimits.BLOCK_SIZE, v6).get(1));
        List<byte[]> v18 = new ArrayList<>(repeat(60, () -> sub(V18)));
        v18.add(send(V18, 17000));
        v18.addAll(repeat(150, () -> sub(V18)));
        assertEquals(List.of(60, -1, 15, 135), counts(v18));
        List<byte[]> first = new ArrayList<>();
        first.add(send(V18, 17000));
        first.addAll(repeat(210, () -> sub(V18)));
        assertEquals(List.of(-1, 75, 135), counts(first));
    }

    @Test
    void batchesServerEvents() {
        List<byte[]> ends = repeat(300, () -> Transmissions.encodeResponse(V18, CorrId.NONE, new EntityId(random(24)), BrokerMessage.END));
        assertEquals(List.of(45, 255), counts(ends));
        List<byte[]> nmsgs = repeat(200, () -> Transmissions.encodeResponse(V18, CorrId.NONE, new EntityId(random(24)),
                new BrokerMessage.Nmsg(random(24), random(MessageLimits.PADDED_NMSG_META_LENGTH + 16))));
        assertEquals(List.of(40, 80, 80), counts(nmsgs));
    }

    @Test
    void fourSubscriptionResponsesFitWithAMessage() {
        byte[] msg = Transmissions.encodeResponse(V18, new CorrId(random(24)), new EntityId(random(24)),
                new BrokerMessage.Msg(random(24), random(MessageLimits.maxMessageLength(18))));
        List<byte[]> four = new ArrayList<>(repeat(4, () -> Transmissions.encodeResponse(V18, new CorrId(random(24)),
                new EntityId(random(24)), new BrokerMessage.Sok(null))));
        four.add(msg);
        assertEquals(1, Transmissions.batch(MessageLimits.BLOCK_SIZE, four).size());
        List<byte[]> five = new ArrayList<>(repeat(5, () -> Transmissions.encodeResponse(V18, new CorrId(random(24)),
                new EntityId(random(24)), new BrokerMessage.Sok(null))));
        five.add(msg);
        assertEquals(2, Transmissions.batch(MessageLimits.BLOCK_SIZE, five).size());
    }

    @Test
    void batchesReadBackInOrder() {
        List<byte[]> transmissions = repeat(300, () -> sub(V18));
        List<byte[]> readBack = new ArrayList<>();
        for (Batch batch : Transmissions.batch(MessageLimits.BLOCK_SIZE, transmissions)) {
            Batch.Block block = (Batch.Block) batch;
            for (Parsed<RawTransmission> parsed : Transmissions.parseBlock(V18, Transmissions.blockContent(block, transmissions))) {
                RawTransmission t = parsed.value();
                readBack.add(Transmissions.withAuthorization(true, new Authorization(TransmissionAuth.fromBytes(t.authorization())),
                        concat(shortBytes(t.corrId().bytes()), shortBytes(t.entityId().bytes()), t.command().toByteArray())));
            }
        }
        assertEquals(transmissions.size(), readBack.size());
        for (int i = 0; i < transmissions.size(); i++) {
            assertArrayEquals(transmissions.get(i), readBack.get(i));
        }
        assertEquals(Collections.emptyList(), Transmissions.batch(MessageLimits.BLOCK_SIZE, List.of()));
    }

    @Test
    void largestMessagesFitOneBlockAtEveryVersion() {
        for (int version : CommandTest.BOUNDARY_VERSIONS) {
            TransmissionParams params = TransmissionParams.forVersion(version, SESSION_ID);
            // the longest authorization is an Ed448 signature, with a service signature from v16
            Authorization auth = new Authorization(new TransmissionAuth.Signature(filled(114, 1)),
                    params.serviceAuth() ? filled(64, 2) : null);
            Transmissions.ForAuth send = Transmissions.encodeForAuth(params, new CorrId(filled(24, 3)), new EntityId(filled(24, 4)),
                    new Command.Send(MsgFlags.NONE, filled(MessageLimits.maxMessageLength(version), 5)));
            byte[] sendT = Transmissions.withAuthorization(params.serviceAuth(), auth, send.toSend());
            List<Batch> sendBatches = Transmissions.batch(MessageLimits.BLOCK_SIZE, List.of(sendT));
            assertInstanceOf(Batch.Block.class, sendBatches.get(0), () -> "SEND at v" + version);
            // MSG carries the padded, encrypted body: 16106 bytes padded plus a 16-byte tag
            byte[] msgT = Transmissions.encodeResponse(params, new CorrId(filled(24, 3)), new EntityId(filled(24, 4)),
                    new BrokerMessage.Msg(filled(24, 6), filled(MessageLimits.PADDED_RCV_MESSAGE_LENGTH + 16, 7)));
            assertInstanceOf(Batch.Block.class, Transmissions.batch(MessageLimits.BLOCK_SIZE, List.of(msgT)).get(0),
                    () -> "MSG at v" + version);
        }
    }

    @Test
    void aMessageHeadAndItsBodyEncodeAsTheWholeMsgResponse() {
        byte[] msgId = filled(24, 5);
        byte[] encrypted = new Random(3).ints(300, 0, 256).collect(java.io.ByteArrayOutputStream::new,
                (out, b) -> out.write(b), (a, b) -> a.writeBytes(b.toByteArray())).toByteArray();
        for (TransmissionParams params : List.of(V6, V18)) {
            CorrId corrId = new CorrId(filled(24, 1));
            EntityId entityId = new EntityId(filled(24, 2));
            byte[] whole = Transmissions.encodeResponse(params, corrId, entityId, new BrokerMessage.Msg(msgId, encrypted));
            byte[] head = Transmissions.encodeMessageHead(params, corrId, entityId, msgId);
            assertArrayEquals(whole, concat(head, encrypted), "v" + params.version());
            assertArrayEquals(Transmissions.encodeResponse(params, CorrId.NONE, entityId, new BrokerMessage.Msg(msgId, encrypted)),
                    concat(Transmissions.encodeMessageHead(params, CorrId.NONE, entityId, msgId), encrypted));
        }
    }
}
