package dev.relayj.smp.server;

import static dev.relayj.smp.server.QueueLifecycleTest.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.cli.SmpServerMain;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.Command;
import dev.relayj.smp.protocol.MsgFlags;
import dev.relayj.smp.protocol.QueueRequestData;
import dev.relayj.smp.protocol.SubscriptionMode;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code smp-server start} in its own JVM, stopped by SIGTERM: it saves messages and stats before it exits. */
class SigtermTest {
    private static final String FINGERPRINT = "LcJUMfVhwD8yxjAiSaDzzGF3-kLG4Uh0Fl_ZIjrRwjI=";

    @TempDir
    Path dir;

    private Map<String, String> env() {
        return Map.of("SMP_SERVER_CFG_PATH", dir.resolve("etc").toString(), "SMP_SERVER_LOG_PATH",
                dir.resolve("var").toString());
    }

    private int init() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = SmpServerMain.run(new String[] {"init", "-y", "--no-password", "--disable-web"}, env(),
                new ByteArrayInputStream(new byte[0]), new PrintStream(out), new PrintStream(out));
        assertEquals(0, code, out.toString());
        Path cfg = dir.resolve("etc");
        // the test client trusts the reference's test CA
        for (String file : List.of("ca.crt", "server.crt", "server.key")) {
            Files.copy(TestServer.FIXTURES.resolve(file), cfg.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(cfg.resolve("fingerprint"), FINGERPRINT + "\n");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path ini = cfg.resolve("smp-server.ini");
        Files.writeString(ini, Files.readString(ini).replace("port = 5223,443\n", "port = " + port + "\n")
                .replace("log_stats = off\n", "log_stats = on\n"));
        return port;
    }

    private record Child(Process process, BufferedReader out) {}

    private Child start() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SmpServerMain.class.getName(), "start")
                .redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().putAll(env());
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
            line = out.readLine();
        } while (line != null && !line.startsWith("creating new queues"));
        assertTrue(line != null, "server did not start: " + Files.readString(dir.resolve("stderr.txt")));
        // serverStatsThread_ in Server.hs prints this on standard output
        assertEquals("server stats log enabled: " + dir.resolve("var").resolve("smp-server-stats.daily.log"), out.readLine());
        return new Child(process, out);
    }

    /** The banner is printed before the listener opens: retry refused connections for a while. */
    private static TestSmpClient connect(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                return TestSmpClient.connect(port, 18);
            } catch (java.net.ConnectException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Each of {@code lines} ends a line of {@code log} (after the timestamp and level), in this order. */
    private static void assertInOrder(String log, String... lines) {
        List<String> logged = log.lines().map(l -> l.replaceFirst("^\\S+ [A-Z]+ ", "")).toList();
        int at = 0;
        for (String line : lines) {
            int found = logged.subList(at, logged.size()).indexOf(line);
            assertTrue(found >= 0, "missing or out of order: " + line + "\n" + log);
            at += found + 1;
        }
    }

    private String stop(Child child) throws Exception {
        child.process().destroy();
        assertTrue(child.process().waitFor(30, TimeUnit.SECONDS), "server did not stop on SIGTERM");
        assertEquals(0, child.process().exitValue(), "exit code after SIGTERM and a clean save (as the reference)");
        return Files.readString(dir.resolve("stderr.txt"));
    }

    @Test
    void sigtermSavesMessagesAndStats() throws Exception {
        int port = init();
        Path log = dir.resolve("var");
        TestSmpClient.TestQueue q;
        Child child = start();
        try (TestSmpClient r = connect(port); TestSmpClient s = connect(port)) {
            q = r.createQueue(SubscriptionMode.ONLY_CREATE, new QueueRequestData.Messaging(null));
            assertEquals(BrokerMessage.OK, s.call(q.sndId(), new Command.Send(MsgFlags.NONE, text("kept")), null));
        } catch (Exception | AssertionError e) {
            child.process().destroyForcibly();
            throw e;
        }
        String stderr = stop(child);
        // stopServer and saveServer in Server.hs
        assertInOrder(stderr, "Saving server state...", "saving messages to file " + log.resolve("smp-server-messages.log"),
                "messages saved: 1", "saving notifications to file " + log.resolve("smp-server-ntfs.log"),
                "notifications saved", "saving server stats to file " + log.resolve("smp-server-stats.log"),
                "server stats saved", "Server stopped");
        String stats = Files.readString(log.resolve("smp-server-stats.log"));
        assertTrue(stats.contains("qCreated=1\n") && stats.contains("msgSent=1\n"), stats);

        child = start();
        try (TestSmpClient r = connect(port)) {
            BrokerMessage msg = r.call(q.rcvId(), Command.GET, q.rcvKey());
            assertArrayEquals(text("kept"), TestSmpClient.bodyOf(q, assertInstanceOf(BrokerMessage.Msg.class, msg)));
        } finally {
            stderr = stop(child);
        }
        // smpServer in Server.hs: restore messages and notifications, print both summaries, then restore stats
        assertInOrder(stderr, "restoring messages from file " + log.resolve("smp-server-messages.log"),
                "restoring notifications from file " + log.resolve("smp-server-ntfs.log"),
                "notifications restored, 0 lines processed", "messages stored: 1, expired: 0, queues: 1",
                "notifications stored: 0, expired: 0, queues: 0",
                "restoring server stats from file " + log.resolve("smp-server-stats.log"), "server stats restored");
        assertTrue(Files.exists(log.resolve("smp-server-stats.log.bak")));
    }
}
