package dev.relayj.smp.store;

import static dev.relayj.smp.store.Fixtures.b64;
import static dev.relayj.smp.store.Fixtures.bytes;
import static dev.relayj.smp.store.Fixtures.ed25519;
import static dev.relayj.smp.store.Fixtures.ed448;
import static dev.relayj.smp.store.Fixtures.id;
import static dev.relayj.smp.store.Fixtures.key;
import static dev.relayj.smp.store.Fixtures.secret;
import static dev.relayj.smp.store.Fixtures.x25519;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.relayj.crypto.X448PublicKey;
import dev.relayj.encoding.DecodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreateLineParserTest {
    private static final String RID = b64(id(1));
    private static final String HEAD = "CREATE rid=" + RID + " rk=" + key(ed25519(1));
    private static final String RDH = " rdh=" + b64(secret(1).bytes());
    private static final String SID = " sid=" + b64(id(2));

    private static StoreLogRecord.CreateQueue fast(String line) {
        byte[] bytes = ("xx" + line + "\n").getBytes(StandardCharsets.UTF_8);
        StoreQueue queue = new CreateLineParser().parse(bytes, 2, bytes.length - 1);
        return queue == null ? null : new StoreLogRecord.CreateQueue(queue.recipientId(), queue.record());
    }

    @Test
    void usualLinesGiveTheRecordsOfTheFullParser() throws DecodingException {
        List<String> usual = List.of(
                HEAD + RDH + SID + " sk=",
                HEAD + RDH + SID + " sk=" + key(x25519(3)) + " queue_mode=M updated_at=1740700800",
                HEAD + "," + key(ed448(2)) + "," + key(x25519(4)) + RDH + SID + " sk= queue_mode=C",
                HEAD + RDH + " sid=" + b64(bytes(5, 1)) + " sk=" + key(ed448(5)) + " updated_at=0",
                "CREATE rid=" + b64(bytes(1, 2)) + " rk=" + key(ed25519(1)) + RDH + " sid=" + b64(bytes(255, 3))
                        + " sk= queue_mode=M updated_at=17");
        // padding is optional when reading; leading zeros are read as the number
        List<String> readOnly = List.of(
                HEAD + RDH + SID + " sk=" + key(ed25519(3)).replace("=", ""),
                HEAD + RDH + SID + " sk= updated_at=000000000000000017");
        for (String line : usual) {
            assertEquals(line, fast(line).encode());
        }
        for (String line : concat(usual, readOnly)) {
            StoreLogRecord.CreateQueue parsed = fast(line);
            assertNotNull(parsed, line);
            StoreLogRecord.CreateQueue full = (StoreLogRecord.CreateQueue) StoreLogRecord.parse(line);
            assertEquals(full.recipientId(), parsed.recipientId(), line);
            assertEquals(full.queue(), parsed.queue(), line);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    @Test
    void anythingElseIsLeftToTheFullParser() {
        String x448 = b64(new X448PublicKey(bytes(56, 9)).spki());
        List<String> unusual = List.of(
                HEAD + RDH + SID + " sk= sndSecure=T",
                HEAD + RDH + SID + " sk= queue_mode=X",
                HEAD + RDH + SID + " sk= queue_mode=",
                HEAD + RDH + SID + " sk= status=off",
                HEAD + RDH + SID + " sk= rsrv=" + RID,
                HEAD + RDH + SID + " sk= link_id=" + RID + " queue_data=" + b64(bytes(3, 1)) + " " + b64(bytes(3, 2)),
                HEAD + RDH + SID + " sk= notifier=" + RID + " " + key(ed25519(5)) + " " + b64(secret(5).bytes()),
                HEAD + RDH + SID + " sk= updated_at=-5",
                HEAD + RDH + SID + " sk= updated_at=+5",
                HEAD + RDH + SID + " sk= updated_at=",
                HEAD + RDH + SID + " sk= updated_at=1234567890123456789",
                HEAD + RDH + SID + " sk= ",
                HEAD + RDH + SID + " sk=" + x448,
                HEAD + RDH + SID,
                HEAD + RDH + " sid= sk=",
                HEAD + RDH + " sid=" + b64(bytes(256, 1)) + " sk=",
                HEAD + " rdh=" + b64(bytes(31, 1)) + SID + " sk=",
                HEAD + "," + RDH + SID + " sk=",
                HEAD + "," + x448 + RDH + SID + " sk=",
                "CREATE rid=" + RID + "== rk=" + key(ed25519(1)) + RDH + SID + " sk=",
                "CREATE rid= rk=" + key(ed25519(1)) + RDH + SID + " sk=",
                "CREATE rid=" + b64(bytes(256, 1)) + " rk=" + key(ed25519(1)) + RDH + SID + " sk=",
                "CREATE  rid=" + RID,
                "CREATE rid=" + RID + " rk=" + b64(bytes(44, 1)) + RDH + SID + " sk=",
                HEAD + RDH + SID + " sk= queue_mode=M\u00e9");
        for (String line : unusual) {
            assertNull(fast(line), line);
        }
    }

    @Test
    void onlyCreateLinesAreTaken() {
        byte[] line = ("SECURE " + RID).getBytes(StandardCharsets.US_ASCII);
        assertEquals(false, CreateLineParser.isCreate(line, 0, line.length));
        byte[] create = (HEAD + RDH + SID + " sk=").getBytes(StandardCharsets.US_ASCII);
        assertEquals(true, CreateLineParser.isCreate(create, 0, create.length));
    }
}
