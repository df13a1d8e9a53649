package dev.relayj.smp.server;

import static dev.relayj.smp.server.QueueLifecycleTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.encoding.Base64Url;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.Command;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.QueueRequestData;
import dev.relayj.smp.protocol.SubscriptionMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code store_messages: journal} on a journal directory as simplexmq's journal store
 * ({@code src/Simplex/Messaging/Server/MsgStore/Journal.hs}) leaves it: relayj serves every unread
 * message in order and, on a clean stop, leaves the directory in the reference's format. The
 * fixture is written here from the format (not by relayj's code) and read back by the minimal
 * reader below, which shares nothing with relayj's {@code ReferenceJournalStore}.
 */
class ReferenceJournalStartStopTest {
    @TempDir
    Path dir;

    private SmpServerConfig journalConfig() throws IOException {
        SmpServerConfig c = TestServer.config(dir, TestServer.Settings.DEFAULT);
        SmpServerConfig.Store s = c.store();
        SmpServerConfig.Store store = new SmpServerConfig.Store(s.queues(), SmpServerConfig.MessageStoreType.JOURNAL,
                s.storeLogFile(), Optional.empty(), dir.resolve("messages"), s.storeNtfsFile(), s.db(), s.dbStoreLog(),
                s.deletedTtl());
        return new SmpServerConfig(c.transport(), c.credentials(), store, c.auth(), c.expiry(), c.stats(), c.proxy(),
                c.information(), c.web());
    }

    // ---- the fixture, written as the reference writes it

    /** {@code msgQueueDirectory} with {@code journalMsgStoreDepth} = 5 (Env/STM.hs): 2/2/2/2/rest. */
    private Path queueDir(EntityId rid) {
        String id = Base64Url.encode(rid.bytes());
        return dir.resolve("messages").resolve(id.substring(0, 2)).resolve(id.substring(2, 4))
                .resolve(id.substring(4, 6)).resolve(id.substring(6, 8)).resolve(id.substring(8));
    }

    private Path statePath(EntityId rid) {
        return queueDir(rid).resolve("queue_state." + Base64Url.encode(rid.bytes()) + ".log");
    }

    private static int counter;

    /** {@code strEncode} of a {@code Message} (Protocol.hs): {@code <msgId> <ts> flags=F <body>}. */
    private static String messageLine(String body) {
        byte[] msgId = new byte[24];
        msgId[0] = (byte) ++counter;
        msgId[1] = (byte) (counter >> 8);
        return Base64Url.encode(msgId) + " " + (System.currentTimeMillis() / 1000 - counter) + " flags=F "
                + Base64Url.encode(text(body));
    }

    /** {@code strEncode} of {@code MessageQuota}. */
    private static String quotaLine() {
        byte[] msgId = new byte[24];
        msgId[0] = (byte) ++counter;
        msgId[1] = (byte) (counter >> 8);
        return Base64Url.encode(msgId) + " " + (System.currentTimeMillis() / 1000) + " quota";
    }

    /** {@code strEncode} of {@code MsgQueueState} / {@code JournalState}. */
    private static String stateLine(String wj, int wMsgs, long wBytes, String rj, int rPos, int rCount, long rBytePos,
            long rByteCount, boolean canWrite, int size) {
        return "write=" + wj + "," + wMsgs + "," + wMsgs + "," + wBytes + "," + wBytes + " read=" + rj + "," + rPos + ","
                + rCount + "," + rBytePos + "," + rByteCount + " canWrite=" + (canWrite ? "T" : "F") + " size=" + size
                + "\n";
    }

    private static long bytes(List<String> lines, int count) {
        long n = 0;
        for (int i = 0; i < count; i++) {
            n += lines.get(i).length() + 1;
        }
        return n;
    }

    private static String join(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    @Test
    void servesAReferenceJournalDirectoryAndWritesItBack() throws Exception {
        SmpServerConfig config = journalConfig();
        TestSmpClient.TestQueue plain;
        TestSmpClient.TestQueue rotated;
        TestSmpClient.TestQueue full;
        TestSmpClient.TestQueue drained;
        try (TestServer server = TestServer.start(dir, config, TestServer.TUNING);
                TestSmpClient r = TestSmpClient.connect(server.port(), 18)) {
            SubscriptionMode mode = SubscriptionMode.ONLY_CREATE;
            plain = r.createQueue(mode, new QueueRequestData.Messaging(null));
            rotated = r.createQueue(mode, new QueueRequestData.Messaging(null));
            full = r.createQueue(mode, new QueueRequestData.Messaging(null));
            drained = r.createQueue(mode, new QueueRequestData.Messaging(null));
        }
        assertTrue(Files.exists(dir.resolve("smp-server-store.log")));

        // a queue with one file: 4 messages written, the first read and acknowledged. The reference
        // appends a state line on every write and every ACK (updateQueueState with log' = True).
        List<String> p = List.of(messageLine("p1"), messageLine("p2"), messageLine("p3"), messageLine("p4"));
        String pj = "AAAAAAAAAAAAAAAA";
        Files.createDirectories(queueDir(plain.rcvId()));
        Files.writeString(queueDir(plain.rcvId()).resolve("messages." + pj + ".log"), join(p));
        StringBuilder ps = new StringBuilder();
        for (int n = 1; n <= 4; n++) {
            ps.append(stateLine(pj, n, bytes(p, n), pj, 0, n, 0, bytes(p, n), true, n));
        }
        ps.append(stateLine(pj, 4, bytes(p, 4), pj, 1, 4, bytes(p, 1), bytes(p, 4), true, 3));
        Files.writeString(statePath(plain.rcvId()), ps);

        // a rotated queue: the read file reached maxMsgCount (256, defaultMaxJournalMsgCount), 254 of
        // its messages were read, the writer switched to a second file (switchWriteJournal)
        List<String> r1 = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            r1.add(messageLine("r1-" + i));
        }
        List<String> r2 = List.of(messageLine("r2-0"), messageLine("r2-1"), messageLine("r2-2"));
        String rj = "BBBBBBBBBBBBBBBB";
        String wj = "CCCCCCCCCCCCCCCC";
        Files.createDirectories(queueDir(rotated.rcvId()));
        Files.writeString(queueDir(rotated.rcvId()).resolve("messages." + rj + ".log"), join(r1));
        Files.writeString(queueDir(rotated.rcvId()).resolve("messages." + wj + ".log"), join(r2));
        Files.writeString(statePath(rotated.rcvId()),
                stateLine(wj, 3, bytes(r2, 3), rj, 254, 256, bytes(r1, 254), bytes(r1, 256), true, 5));

        // a queue over quota: the last message is the quota marker and canWrite is F (writeMsg)
        List<String> f = List.of(messageLine("f1"), messageLine("f2"), quotaLine());
        String fj = "DDDDDDDDDDDDDDDD";
        Files.createDirectories(queueDir(full.rcvId()));
        Files.writeString(queueDir(full.rcvId()).resolve("messages." + fj + ".log"), join(f));
        Files.writeString(statePath(full.rcvId()), stateLine(fj, 3, bytes(f, 3), fj, 0, 3, 0, bytes(f, 3), false, 3));

        // a queue whose messages were all read: no message is delivered, its directory goes on stop
        List<String> d = List.of(messageLine("d1"));
        String dj = "EEEEEEEEEEEEEEEE";
        Files.createDirectories(queueDir(drained.rcvId()));
        Files.writeString(queueDir(drained.rcvId()).resolve("messages." + dj + ".log"), join(d));
        Files.writeString(statePath(drained.rcvId()), stateLine(dj, 1, bytes(d, 1), dj, 1, 1, bytes(d, 1),
                bytes(d, 1), true, 0));

        try (TestServer server = TestServer.start(dir, config, TestServer.TUNING);
                TestSmpClient r = TestSmpClient.connect(server.port(), 18)) {
            assertEquals(List.of("p2", "p3"), receiveAll(r, plain, 2, 1));
            assertEquals(List.of("r1-254", "r1-255", "r2-0", "r2-1", "r2-2"), receiveAll(r, rotated, 5, 5));
            assertEquals(List.of("f1"), receiveAll(r, full, 1, 1));
            assertEquals(BrokerMessage.OK, get(r, drained), "nothing left to deliver");
        }

        // after a clean stop: p3, p4 left in `plain`; `rotated` and `drained` are empty; `full` keeps f2 + quota
        assertEquals(List.of(p.get(2), p.get(3)), MinimalReader.messages(queueDir(plain.rcvId()), plain.rcvId()));
        assertFalse(Files.exists(queueDir(rotated.rcvId())), "an emptied queue has no directory");
        assertFalse(Files.exists(queueDir(drained.rcvId())), "an emptied queue has no directory");
        assertEquals(List.of(f.get(1), f.get(2)), MinimalReader.messages(queueDir(full.rcvId()), full.rcvId()));
        assertEquals("F", MinimalReader.lastState(queueDir(full.rcvId()), full.rcvId()).group(11));
        try (Stream<Path> files = Files.list(dir.resolve("messages"))) {
            assertEquals(List.of(), files.filter(x -> x.getFileName().toString().length() != 2).toList(),
                    "nothing but queue directories is left in the journal directory");
        }

        // and relayj reads what it wrote
        try (TestServer server = TestServer.start(dir, config, TestServer.TUNING);
                TestSmpClient r = TestSmpClient.connect(server.port(), 18)) {
            assertEquals(List.of("p3", "p4"), receiveAll(r, plain, 2, 2));
        }
        assertFalse(Files.exists(queueDir(plain.rcvId())));
    }

    private static BrokerMessage get(TestSmpClient r, TestSmpClient.TestQueue q) throws IOException {
        return r.call(q.rcvId(), Command.GET, q.rcvKey());
    }

    /** Gets {@code count} messages in order, acknowledging the first {@code acks}. */
    private static List<String> receiveAll(TestSmpClient r, TestSmpClient.TestQueue q, int count, int acks)
            throws IOException {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BrokerMessage msg = get(r, q);
            bodies.add(new String(TestSmpClient.bodyOf(q, msg), StandardCharsets.UTF_8));
            if (i < acks) {
                byte[] msgId = ((BrokerMessage.Msg) msg).msgId();
                assertEquals(BrokerMessage.OK, r.call(q.rcvId(), new Command.Ack(msgId), q.rcvKey()));
            }
        }
        return bodies;
    }

    /**
     * Reads a queue the way {@code getJournalQueueMessages} does: the last line of the state file,
     * then the read file from its byte position to its byte count and, if the write file is
     * another one, that file up to its byte position.
     */
    private static final class MinimalReader {
        private static final Pattern STATE = Pattern.compile("write=([^,]+),(\\d+),(\\d+),(\\d+),(\\d+) "
                + "read=([^,]+),(\\d+),(\\d+),(\\d+),(\\d+) canWrite=([TF]) size=(\\d+)");

        static Matcher lastState(Path queueDir, EntityId rid) throws IOException {
            List<String> lines = Files.readAllLines(
                    queueDir.resolve("queue_state." + Base64Url.encode(rid.bytes()) + ".log"), StandardCharsets.US_ASCII);
            Matcher m = STATE.matcher(lines.get(lines.size() - 1));
            assertTrue(m.matches(), "state line: " + lines.get(lines.size() - 1));
            return m;
        }

        static List<String> messages(Path queueDir, EntityId rid) throws IOException {
            Matcher m = lastState(queueDir, rid);
            // validQueueState: write position at the end of the write file
            assertEquals(m.group(2), m.group(3));
            assertEquals(m.group(4), m.group(5));
            List<String> out = new ArrayList<>(range(queueDir, m.group(6), Long.parseLong(m.group(9)),
                    Long.parseLong(m.group(10))));
            if (!m.group(1).equals(m.group(6))) {
                out.addAll(range(queueDir, m.group(1), 0, Long.parseLong(m.group(4))));
            }
            assertEquals(Integer.parseInt(m.group(12)), out.size(), "size= counts the unread messages");
            return out;
        }

        private static List<String> range(Path queueDir, String journalId, long from, long to) throws IOException {
            byte[] all = Files.readAllBytes(queueDir.resolve("messages." + journalId + ".log"));
            assertEquals(to, all.length, "the message file ends where the state says");
            String text = new String(all, (int) from, (int) (to - from), StandardCharsets.US_ASCII);
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        }
    }
}
