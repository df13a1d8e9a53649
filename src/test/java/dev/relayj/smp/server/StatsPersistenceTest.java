package dev.relayj.smp.server;

import static dev.relayj.stats.SmpCounter.*;

import static dev.relayj.smp.server.QueueLifecycleTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.Command;
import dev.relayj.smp.protocol.MsgFlags;
import dev.relayj.smp.protocol.QueueRequestData;
import dev.relayj.smp.protocol.SubscriptionMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With log_stats: the daily CSV row of the running relay and the stats state file across restarts. */
class StatsPersistenceTest {
    @TempDir
    Path dir;

    private TestServer start() throws IOException {
        SmpServerConfig c = TestServer.config(dir, TestServer.Settings.DEFAULT);
        SmpServerConfig.Stats stats = new SmpServerConfig.Stats(true, c.stats().dailyLogFile(), c.stats().backupFile(),
                c.stats().prometheusInterval(), c.stats().prometheusMetricsFile());
        return TestServer.start(dir, new SmpServerConfig(c.transport(), c.credentials(), c.store(), c.auth(), c.expiry(),
                stats, c.proxy(), c.information(), c.web()), TestServer.TUNING);
    }

    @Test
    void runningRelayWritesDailyRow() throws Exception {
        try (TestServer server = start();
                TestSmpClient r = TestSmpClient.connect(server.port(), 18);
                TestSmpClient s = TestSmpClient.connect(server.port(), 18)) {
            TestSmpClient.TestQueue q = r.createQueue(SubscriptionMode.ONLY_CREATE, new QueueRequestData.Messaging(null));
            assertEquals(BrokerMessage.OK, s.call(q.sndId(), new Command.Send(MsgFlags.NONE, text("m")), null));
            assertTrue(server.server.writeDailyStats());
            List<String> rows = Files.readAllLines(dir.resolve("smp-server-stats.daily.log"));
            assertEquals(1, rows.size());
            String[] cols = rows.get(0).split(",", -1);
            // logServerStats in Server.hs: the day, then qCreated, qSecured, ...
            assertEquals(LocalDate.now(ZoneOffset.UTC).toString(), cols[0]);
            assertEquals("1", cols[1], rows.get(0));
            // counters reset after each row
            assertTrue(server.server.writeDailyStats());
            assertEquals("0", Files.readAllLines(dir.resolve("smp-server-stats.daily.log")).get(1).split(",", -1)[1]);
        }
    }

    @Test
    void statsAreSavedAndRestored() throws Exception {
        try (TestServer server = start();
                TestSmpClient r = TestSmpClient.connect(server.port(), 18);
                TestSmpClient s = TestSmpClient.connect(server.port(), 18)) {
            TestSmpClient.TestQueue q = r.createQueue(SubscriptionMode.ONLY_CREATE, new QueueRequestData.Messaging(null));
            assertEquals(BrokerMessage.OK, s.call(q.sndId(), new Command.Send(MsgFlags.NONE, text("m")), null));
        }
        String saved = Files.readString(dir.resolve("smp-server-stats.log"));
        assertTrue(saved.contains("qCreated=1\n") && saved.contains("msgSent=1\n") && saved.contains("qCount=1\n"), saved);
        try (TestServer server = start()) {
            assertTrue(Files.exists(dir.resolve("smp-server-stats.log.bak")));
            assertEquals(1, server.env().stats.counter(Q_CREATED).get());
            assertEquals(1, server.env().stats.counter(MSG_SENT).get());
            assertEquals(1, server.env().stats.counter(MSG_COUNT).get());
        }
    }
}
