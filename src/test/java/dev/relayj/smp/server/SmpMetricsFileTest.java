package dev.relayj.smp.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.tls.ServerCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prometheus_interval}: the running relay rewrites its metrics file with live figures. */
class SmpMetricsFileTest {
    @TempDir
    Path dir;

    @Test
    void metricsFileShowsQueuesClientsAndSockets() throws Exception {
        SmpServerConfig base = TestServer.config(dir, TestServer.Settings.DEFAULT);
        Path metrics = dir.resolve("smp-server-metrics.txt");
        SmpServerConfig.Stats s = base.stats();
        SmpServerConfig config = new SmpServerConfig(base.transport(), base.credentials(), base.store(), base.auth(),
                base.expiry(), new SmpServerConfig.Stats(s.logStats(), s.dailyLogFile(), s.backupFile(),
                        Optional.of(Duration.ofSeconds(1)), metrics),
                base.proxy(), base.information(), base.web());
        ServerCredentials credentials = ServerCredentials.load(dir.resolve("ca.crt"), dir.resolve("server.crt"),
                dir.resolve("server.key"));
        try (SmpServer server = SmpServer.start(config, credentials, Optional.empty(), "127.0.0.1", TestServer.TUNING);
                TestSmpClient client = TestSmpClient.connect(server.ports().get(0), 18)) {
            client.createQueue();
            String text = "";
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline && !text.contains("\nsimplex_smp_queues_created 1 ")) {
                Thread.sleep(100);
                text = Files.exists(metrics) ? Files.readString(metrics) : "";
            }
            assertTrue(text.contains("\nsimplex_smp_queues_created 1 "), text);
            assertTrue(text.contains("\nsimplex_smp_queues_total2 1 "), text);
            assertTrue(text.contains("\nsimplex_smp_clients_total 1 "), text);
            assertTrue(text.contains("\nsimplex_smp_subscribtion_total 1 "), text);
            // sockets are listed by the configured port, as the reference lists them by service name
            assertTrue(text.contains("\nsimplex_smp_sockets_active{port=\"0\"} 1 "), text);
        }
    }
}
