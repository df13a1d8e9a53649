package dev.relayj.smp.store;

import dev.relayj.smp.protocol.QueueMode;

import static dev.relayj.smp.store.Fixtures.b64;
import static dev.relayj.smp.store.Fixtures.bytes;
import static dev.relayj.smp.store.Fixtures.ed25519;
import static dev.relayj.smp.store.Fixtures.ed448;
import static dev.relayj.smp.store.Fixtures.id;
import static dev.relayj.smp.store.Fixtures.key;
import static dev.relayj.smp.store.Fixtures.secret;
import static dev.relayj.smp.store.Fixtures.x25519;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.relayj.encoding.DecodingException;
import java.util.List;
import org.junit.jupiter.api.Test;
import dev.relayj.store.EntityStatus;

class StoreLogRecordTest {
    private static final String RID = b64(id(1));
    private static final String SID = b64(id(2));
    private static final String NID = b64(id(3));
    private static final String LID = b64(id(4));
    private static final String SRV = b64(id(5));
    private static final String RK = key(ed25519(1));
    private static final String RK2 = key(ed448(2));
    private static final String SK = key(x25519(3));
    private static final String NK = key(ed25519(4));
    private static final String RDH = b64(secret(1).bytes());
    private static final String NDH = b64(secret(2).bytes());

    private static void assertRoundTrip(String line) throws DecodingException {
        assertEquals(line, StoreLogRecord.parse(line).encode());
    }

    @Test
    void currentFormatLinesRoundTripByteForByte() throws DecodingException {
        assertRoundTrip("CREATE rid=" + RID + " rk=" + RK + "," + RK2 + " rdh=" + RDH + " sid=" + SID + " sk=" + SK
                + " queue_mode=M link_id=" + LID + " queue_data=" + b64(bytes(50, 1)) + " " + b64(bytes(70, 2))
                + " notifier=" + NID + " " + NK + " " + NDH + " nsrv=" + SRV + " updated_at=1736899200"
                + " status=blocked,reason=spam,notice={\"ttl\":86400} rsrv=" + SRV);
        assertRoundTrip("CREATE rid=" + RID + " rk=" + RK + " rdh=" + RDH + " sid=" + SID + " sk= queue_mode=C");
        assertRoundTrip("CREATE rid=" + RID + " rk=" + RK + " rdh=" + RDH + " sid=" + SID + " sk=");
        assertRoundTrip("CREATE rid=" + RID + " rk=" + RK + " rdh=" + RDH + " sid=" + SID + " sk=" + SK
                + " queue_mode=M status=off");
        assertRoundTrip("LINK " + RID + " " + LID + " " + b64(bytes(50, 1)) + " " + b64(bytes(70, 2)));
        assertRoundTrip("LDELETE " + RID);
        assertRoundTrip("SECURE " + RID + " " + SK);
        assertRoundTrip("KEYS " + RID + " " + RK + "," + RK2);
        assertRoundTrip("NOTIFIER " + RID + " " + NID + " " + NK + " " + NDH);
        assertRoundTrip("NOTIFIER " + RID + " " + NID + " " + NK + " " + NDH + " nsrv=" + SRV);
        assertRoundTrip("SUSPEND " + RID);
        assertRoundTrip("BLOCK " + RID + " reason=content");
        assertRoundTrip("BLOCK " + RID + " reason=spam,notice={}");
        assertRoundTrip("UNBLOCK " + RID);
        assertRoundTrip("DELETE " + RID);
        assertRoundTrip("NDELETE " + RID);
        assertRoundTrip("TIME " + RID + " 1736899200");
        assertRoundTrip("NEW_SERVICE service_id=" + SRV + " role=N cert=" + b64(bytes(300, 1)) + ","
                + b64(bytes(200, 2)) + " cert_hash=" + b64(bytes(64, 3)) + " created_at=1736899200");
        assertRoundTrip("QUEUE_SERVICE " + RID + " R " + SRV);
        assertRoundTrip("QUEUE_SERVICE " + RID + " N ");
    }

    @Test
    void parsesFieldsOfCreate() throws DecodingException {
        String line = "CREATE rid=" + RID + " rk=" + RK + " rdh=" + RDH + " sid=" + SID + " sk=" + SK
                + " queue_mode=M notifier=" + NID + " " + NK + " " + NDH + " updated_at=1736899200 status=off";
        var create = assertInstanceOf(StoreLogRecord.CreateQueue.class, StoreLogRecord.parse(line));
        QueueRecord q = create.queue();
        assertEquals(id(1), create.recipientId());
        assertEquals(List.of(ed25519(1)), q.recipientKeys());
        assertEquals(secret(1), q.rcvDhSecret());
        assertEquals(id(2), q.senderId());
        assertEquals(x25519(3), q.senderKey());
        assertEquals(QueueMode.MESSAGING, q.queueMode());
        assertEquals(new NotifierCredentials(id(3), ed25519(4), secret(2), null), q.notifier());
        assertEquals(1736899200L, q.updatedAt());
        assertEquals(EntityStatus.OFF, q.status());
        assertNull(q.link());
        assertNull(q.rcvServiceId());
    }

    @Test
    void olderLogFormatsParse() throws DecodingException {
        // before queue modes: sndSecure=T means a messaging queue, F a contact queue
        String sndSecure = "CREATE rid=" + RID + " rk=" + RK + " rdh=" + RDH + " sid=" + SID + " sk= sndSecure=T"
                + " notifier=" + NID + " " + NK + " " + NDH + " updated_at=1700000000";
        QueueRecord secureQueue = ((StoreLogRecord.CreateQueue) StoreLogRecord.parse(sndSecure)).queue();
        assertEquals(QueueMode.MESSAGING, secureQueue.queueMode());
        assertEquals("CREATE rid=" + RID + " rk=" + RK + " rdh=" + RDH + " sid=" + SID + " sk= queue_mode=M"
                + " notifier=" + NID + " " + NK + " " + NDH + " updated_at=1700000000",
                StoreLogRecord.parse(sndSecure).encode());
        String contact = "CREATE rid=" + RID + " rk=" + RK + " rdh=" + RDH + " sid=" + SID + " sk= sndSecure=F";
        assertEquals(QueueMode.CONTACT, ((StoreLogRecord.CreateQueue) StoreLogRecord.parse(contact)).queue().queueMode());
        // the oldest: no mode at all (the reference cannot tell the mode either)
        String oldest = "CREATE rid=" + RID + " rk=" + RK + " rdh=" + RDH + " sid=" + SID + " sk=" + SK;
        QueueRecord old = ((StoreLogRecord.CreateQueue) StoreLogRecord.parse(oldest)).queue();
        assertNull(old.queueMode());
        assertEquals(EntityStatus.ACTIVE, old.status());
        assertEquals(oldest, StoreLogRecord.parse(oldest).encode());
        // unpadded base64 is accepted too
        String unpadded = "SECURE " + RID.replace("=", "") + " " + SK.replace("=", "");
        assertEquals("SECURE " + RID + " " + SK, StoreLogRecord.parse(unpadded).encode());
    }

    @Test
    void rejectsBadLines() {
        String[] bad = {
            "", "CREATE", "FOO " + RID, "DELETE", "DELETE !!", "DELETE " + RID + " extra",
            "SECURE " + RID + " " + b64(bytes(10, 1)),
            "CREATE rid=" + RID + " rk= rdh=" + RDH + " sid=" + SID + " sk=",
            "CREATE rid=" + RID + " rk=" + RK + " rdh=" + b64(bytes(31, 1)) + " sid=" + SID + " sk=",
            "CREATE rid=" + RID + " rk=" + RK + " rdh=" + RDH + " sid=" + SID + " sk= queue_mode=X",
            "CREATE rid=" + RID + " rk=" + RK + " rdh=" + RDH + " sid=" + SID + " sk= status=paused",
            "BLOCK " + RID + " reason=rude", "TIME " + RID + " soon", "QUEUE_SERVICE " + RID + " X ",
            "SECURE " + RID + " " + b64(dev.relayj.smp.store.Fixtures.bytes(68, 1)),
        };
        for (String line : bad) {
            assertThrows(DecodingException.class, () -> StoreLogRecord.parse(line), line);
        }
    }
}
