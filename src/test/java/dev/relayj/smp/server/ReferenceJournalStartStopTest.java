package dev.relayj.smp.server;

import static dev.relayj.smp.server.ReferenceJournalFixture.bytes;
import static dev.relayj.smp.server.ReferenceJournalFixture.join;
import static dev.relayj.smp.server.ReferenceJournalFixture.messageLine;
import static dev.relayj.smp.server.ReferenceJournalFixture.quotaLine;
import static dev.relayj.smp.server.ReferenceJournalFixture.stateLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code store_messages: journal} on a journal directory as simplexmq's journal store
 * ({@code src/Simplex/Messaging/Server/MsgStore/Journal.hs}) leaves it: relayj serves every unread
 * message in order and, on a clean stop, leaves the directory in the reference's format. The
 * fixture is written from the format (not by relayj's code, {@link ReferenceJournalFixture}) and read
 * back by the minimal reader below, which shares nothing with relayj's {@code ReferenceJournalStore}.
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

    private Path queueDir(EntityId rid) {
        return ReferenceJournalFixture.queueDir(dir.resolve("messages"), rid);
    }

    private Path statePath(EntityId rid) {
        return ReferenceJournalFixture.statePath(dir.resolve("messages"), rid);
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
        assertEquals(List.of(p.get(2), p.get(3)), ReferenceJournalFixture.MinimalReader.messages(queueDir(plain.rcvId()), plain.rcvId()));
        assertFalse(Files.exists(queueDir(rotated.rcvId())), "an emptied queue has no directory");
        assertFalse(Files.exists(queueDir(drained.rcvId())), "an emptied queue has no directory");
        assertEquals(List.of(f.get(1), f.get(2)), ReferenceJournalFixture.MinimalReader.messages(queueDir(full.rcvId()), full.rcvId()));
        assertEquals("F", ReferenceJournalFixture.MinimalReader.lastState(queueDir(full.rcvId()), full.rcvId()).group(11));
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
}
