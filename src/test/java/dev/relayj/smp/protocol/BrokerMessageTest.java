package dev.relayj.smp.protocol;

import static dev.relayj.smp.protocol.Samples.SAMPLE_DH_PUB_KEY;
import static dev.relayj.smp.protocol.Samples.X25519_KEY;
import static dev.relayj.smp.protocol.Samples.ascii;
import static dev.relayj.smp.protocol.Samples.concat;
import static dev.relayj.smp.protocol.Samples.entity;
import static dev.relayj.smp.protocol.Samples.filled;
import static dev.relayj.smp.protocol.Samples.key;
import static dev.relayj.smp.protocol.Samples.large;
import static dev.relayj.smp.protocol.Samples.shortBytes;
import static dev.relayj.smp.protocol.Samples.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.relayj.encoding.VersionRange;
import dev.relayj.protocol.BlockingInfo;
import dev.relayj.protocol.ClientNotice;
import dev.relayj.protocol.CommandError;
import dev.relayj.protocol.EntityId;
import dev.relayj.transport.CertChainPubKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BrokerMessageTest {
    private static final EntityId RCV = entity("rcv-id-rcv-id-rcv-id-123");
    private static final EntityId SND = entity("snd-id-snd-id-snd-id-123");

    private static BrokerMessage parseOk(int version, byte[] bytes) {
        Parsed<BrokerMessage> parsed = BrokerMessage.parse(version, bytes);
        assertNull(parsed.error(), () -> "parse error for " + text(bytes));
        return parsed.value();
    }

    private static QueueIdsKeys ids(QueueMode mode, EntityId linkId, EntityId serviceId, ServerNotifierCredentials ntf) {
        return new QueueIdsKeys(RCV, SND, SAMPLE_DH_PUB_KEY, mode, linkId, serviceId, ntf);
    }

    @Test
    void idsFieldsByVersion() {
        ServerNotifierCredentials ntf = new ServerNotifierCredentials(entity("nid"), X25519_KEY);
        BrokerMessage full = new BrokerMessage.Ids(ids(QueueMode.MESSAGING, entity("lnk"), entity("svc"), ntf));
        byte[] base = concat(ascii("IDS "), shortBytes(RCV.bytes()), shortBytes(SND.bytes()), key(SAMPLE_DH_PUB_KEY));
        assertArrayEquals(base, full.encode(8));
        assertArrayEquals(concat(base, ascii("T")), full.encode(9));
        assertArrayEquals(concat(base, ascii("T")), full.encode(14));
        assertArrayEquals(concat(base, ascii("1M1"), shortBytes("lnk")), full.encode(15));
        assertArrayEquals(concat(base, ascii("1M1"), shortBytes("lnk"), ascii("1"), shortBytes("svc")), full.encode(16));
        assertArrayEquals(concat(base, ascii("1M1"), shortBytes("lnk"), ascii("1"), shortBytes("svc"), ascii("1"),
                shortBytes("nid"), key(X25519_KEY)), full.encode(17));
        assertEquals(full, parseOk(18, full.encode(18)));
        assertEquals(new BrokerMessage.Ids(ids(QueueMode.MESSAGING, entity("lnk"), entity("svc"), null)), parseOk(16, full.encode(16)));
        assertEquals(new BrokerMessage.Ids(ids(QueueMode.MESSAGING, null, null, null)), parseOk(9, full.encode(9)));
        assertEquals(new BrokerMessage.Ids(ids(null, null, null, null)), parseOk(6, full.encode(6)));
        BrokerMessage contact = new BrokerMessage.Ids(ids(null, null, null, null));
        assertArrayEquals(concat(base, ascii("F")), contact.encode(10));
        assertArrayEquals(concat(base, ascii("000")), contact.encode(16));
    }

    @Test
    void versionDependentEvents() {
        assertEquals("OK", text(new BrokerMessage.Sok(null).encode(15)));
        assertEquals("SOK 0", text(new BrokerMessage.Sok(null).encode(16)));
        assertArrayEquals(concat(ascii("SOK 1"), shortBytes("svc")), new BrokerMessage.Sok(entity("svc")).encode(18));
        assertEquals("END", text(BrokerMessage.DELD.encode(9)));
        assertEquals("DELD", text(BrokerMessage.DELD.encode(10)));
    }

    @Test
    void messagesWithParameters() {
        byte[] msgId = filled(24, 5);
        byte[] body = filled(16122, 6);
        assertArrayEquals(concat(ascii("MSG "), shortBytes(msgId), body), new BrokerMessage.Msg(msgId, body).encode(18));
        assertArrayEquals(concat(ascii("NID "), shortBytes("nid"), key(X25519_KEY)),
                new BrokerMessage.Nid(entity("nid"), X25519_KEY).encode(18));
        byte[] nonce = filled(24, 7);
        byte[] meta = filled(144, 8);
        assertArrayEquals(concat(ascii("NMSG "), nonce, shortBytes(meta)), new BrokerMessage.Nmsg(nonce, meta).encode(18));
        assertArrayEquals(concat(ascii("LNK "), shortBytes("snd"), large(ascii("f")), large(ascii("u"))),
                new BrokerMessage.Lnk(entity("snd"), new QueueLinkData(ascii("f"), ascii("u"))).encode(18));
        assertArrayEquals(concat(ascii("SOKS "), new byte[] {0, 0, 0, 0, 0, 0, 1, 0}), new BrokerMessage.Soks(256).encode(18));
        assertArrayEquals(concat(ascii("ENDS "), new byte[] {0, 0, 0, 0, 0, 0, 0, 3}), new BrokerMessage.Ends(3).encode(18));
        assertEquals("RRES xyz", text(new BrokerMessage.Rres(ascii("xyz")).encode(18)));
        assertEquals("PRES xyz", text(new BrokerMessage.Pres(ascii("xyz")).encode(18)));
        CertChainPubKey certKey = Samples.certKey();
        assertArrayEquals(concat(ascii("PKEY "), shortBytes("session"), new byte[] {0, 6, 0, 18}, new byte[] {2},
                        large(Samples.fixtureCertificate("ed25519/server.crt")),
                        large(Samples.fixtureCertificate("ed25519/ca.crt")), large(certKey.signedKey().encoded())),
                new BrokerMessage.Pkey(ascii("session"), new VersionRange(6, 18), certKey).encode(18));
        assertEquals("OK", text(BrokerMessage.OK.encode(18)));
        assertEquals("PONG", text(BrokerMessage.PONG.encode(18)));
        assertEquals("END", text(BrokerMessage.END.encode(18)));
        assertEquals("ERR CMD UNKNOWN", text(BrokerMessage.err(CommandError.UNKNOWN).encode(18)));
    }

    @Test
    void infoIsJson() {
        QueueInfo empty = new QueueInfo(false, false, null, 0, null);
        assertEquals("INFO {\"qiSnd\":false,\"qiNtf\":false,\"qiSize\":0}", text(new BrokerMessage.Info(empty).encode(18)));
        QueueInfo full = new QueueInfo(true, true, new QueueInfo.Subscription(QueueInfo.SubscriptionThread.SUB_THREAD, "bXNn"),
                2, new QueueInfo.MessageInfo("bXNn", Instant.parse("2025-01-02T03:04:05.120Z"), QueueInfo.MessageType.QUOTA));
        String json = "{\"qiSnd\":true,\"qiNtf\":true,\"qiSub\":{\"qSubThread\":\"subThread\",\"qDelivered\":\"bXNn\"},"
                + "\"qiSize\":2,\"qiMsg\":{\"msgId\":\"bXNn\",\"msgTs\":\"2025-01-02T03:04:05.120Z\",\"msgType\":\"quota\"}}";
        assertEquals("INFO " + json, text(new BrokerMessage.Info(full).encode(18)));
        assertEquals(new BrokerMessage.Info(full), parseOk(18, ascii("INFO " + json)));
        assertEquals("2025-01-02T03:04:05Z", QueueInfo.formatTime(Instant.parse("2025-01-02T03:04:05Z")));
        assertEquals("2025-01-02T03:04:05.000001Z", QueueInfo.formatTime(Instant.parse("2025-01-02T03:04:05.000001Z")));
        assertEquals("2025-01-02T03:04:05.123456789Z", QueueInfo.formatTime(Instant.parse("2025-01-02T03:04:05.123456789Z")));
        QueueInfo noDelivery = new QueueInfo(false, false, new QueueInfo.Subscription(QueueInfo.SubscriptionThread.NO_SUB, null), 0, null);
        assertEquals("{\"qiSnd\":false,\"qiNtf\":false,\"qiSub\":{\"qSubThread\":\"noSub\"},\"qiSize\":0}", noDelivery.toJson());
    }

    @Test
    void roundTripsAtEveryBoundaryVersion() {
        for (int version : CommandTest.BOUNDARY_VERSIONS) {
            for (BrokerMessage message : samples()) {
                byte[] encoded = message.encode(version);
                BrokerMessage parsed = parseOk(version, encoded);
                assertArrayEquals(encoded, parsed.encode(version), () -> message + " at v" + version);
            }
        }
    }

    static List<BrokerMessage> samples() {
        ServerNotifierCredentials ntf = new ServerNotifierCredentials(entity("nid"), X25519_KEY);
        return List.of(
                new BrokerMessage.Ids(ids(QueueMode.CONTACT, entity("lnk"), entity("svc"), ntf)),
                new BrokerMessage.Ids(ids(null, null, null, null)),
                new BrokerMessage.Lnk(SND, new QueueLinkData(filled(300, 1), filled(1000, 2))),
                new BrokerMessage.Sok(null),
                new BrokerMessage.Sok(entity("svc")),
                new BrokerMessage.Soks(Long.MAX_VALUE),
                new BrokerMessage.Msg(filled(24, 1), filled(16122, 2)),
                new BrokerMessage.Nid(entity("nid"), X25519_KEY),
                new BrokerMessage.Nmsg(filled(24, 3), filled(144, 4)),
                new BrokerMessage.Pkey(filled(32, 5), new VersionRange(6, 18),
                        Samples.certKey()),
                new BrokerMessage.Rres(filled(16000, 6)),
                new BrokerMessage.Pres(filled(16000, 7)),
                BrokerMessage.END,
                new BrokerMessage.Ends(5),
                BrokerMessage.DELD,
                new BrokerMessage.Info(new QueueInfo(true, false, null, 3, null)),
                BrokerMessage.OK,
                BrokerMessage.err(ErrorType.Simple.AUTH),
                BrokerMessage.err(new ErrorType.Blocked(new BlockingInfo(BlockingInfo.Reason.CONTENT, new ClientNotice(1L)))),
                BrokerMessage.err(new ErrorType.Proxy(new ProxyError.Broker(new BrokerErrorType.Response("x")))),
                BrokerMessage.PONG);
    }

    @Test
    void clientChecksEntityIds() {
        EntityId queue = entity("q");
        assertEquals(Optional.empty(), BrokerMessage.checkEntity(EntityId.NONE, BrokerMessage.PONG));
        assertEquals(Optional.of(ErrorType.cmd(CommandError.HAS_AUTH)), BrokerMessage.checkEntity(queue, BrokerMessage.PONG));
        assertEquals(Optional.empty(), BrokerMessage.checkEntity(EntityId.NONE, BrokerMessage.err(ErrorType.Simple.AUTH)));
        assertEquals(Optional.of(ErrorType.cmd(CommandError.NO_ENTITY)), BrokerMessage.checkEntity(EntityId.NONE, BrokerMessage.OK));
        assertEquals(Optional.empty(), BrokerMessage.checkEntity(queue, BrokerMessage.END));
    }

    @Test
    void commandsAreNotServerMessages() {
        assertEquals(ErrorType.cmd(CommandError.UNKNOWN), BrokerMessage.parse(18, ascii("SUB")).error());
        assertEquals(ErrorType.cmd(CommandError.SYNTAX), BrokerMessage.parse(18, ascii("OK ")).error());
        assertEquals(ErrorType.cmd(CommandError.SYNTAX), BrokerMessage.parse(18, ascii("ERR")).error());
    }
}
