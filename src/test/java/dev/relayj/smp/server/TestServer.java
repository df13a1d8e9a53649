package dev.relayj.smp.server;

import dev.relayj.runtime.CredentialFiles;
import dev.relayj.runtime.DbOptions;
import dev.relayj.runtime.ExpirationConfig;
import dev.relayj.runtime.WebConfig;
import dev.relayj.testing.ReferenceFixtures;
import dev.relayj.tls.ServerCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** A relay started in-process on a loopback port with the reference's test certificates. */
final class TestServer implements AutoCloseable {
    static final Path FIXTURES = ReferenceFixtures.DIR;
    /** The reference's test settings (tests/SMPClient.hs {@code cfg}): small quota, quick events. */
    static final ServerTuning TUNING = new ServerTuning(4, 128, Duration.ofMillis(100), Duration.ofMillis(100),
            Duration.ofMillis(200), Clock.systemUTC());

    final SmpServer server;
    final Path dir;

    private TestServer(SmpServer server, Path dir) {
        this.server = server;
        this.dir = dir;
    }

    static TestServer start(Path dir) throws IOException {
        return start(dir, Settings.DEFAULT);
    }

    static TestServer start(Path dir, Settings settings) throws IOException {
        return start(dir, config(dir, settings), TUNING);
    }

    static TestServer start(Path dir, SmpServerConfig config, ServerTuning tuning) throws IOException {
        ServerCredentials credentials = ServerCredentials.load(dir.resolve("ca.crt"), dir.resolve("server.crt"),
                dir.resolve("server.key"));
        return new TestServer(SmpServer.start(config, credentials, Optional.empty(), "127.0.0.1", tuning), dir);
    }

    /** What tests vary. */
    record Settings(boolean storeLog, boolean restoreMessages, boolean allowNewQueues, String createPassword) {
        static final Settings DEFAULT = new Settings(true, true, true, null);

        Settings withPassword(String password) {
            return new Settings(storeLog, restoreMessages, allowNewQueues, password);
        }

        Settings withoutPersistence() {
            return new Settings(false, false, allowNewQueues, createPassword);
        }
    }

    static SmpServerConfig config(Path dir, Settings settings) throws IOException {
        for (String file : List.of("ca.crt", "server.crt", "server.key")) {
            if (!Files.exists(dir.resolve(file))) {
                Files.copy(FIXTURES.resolve(file), dir.resolve(file));
            }
        }
        SmpServerConfig.Transport transport = new SmpServerConfig.Transport(
                List.of(new SmpServerConfig.ServerPort(0, SmpServerConfig.TransportKind.TLS, false)),
                Optional.empty(), false, false, OptionalInt.empty());
        CredentialFiles credentials = new CredentialFiles(Optional.of(dir.resolve("ca.crt")), dir.resolve("server.crt"),
                dir.resolve("server.key"));
        SmpServerConfig.Store store = new SmpServerConfig.Store(SmpServerConfig.QueueStoreType.MEMORY,
                SmpServerConfig.MessageStoreType.MEMORY,
                settings.storeLog() ? Optional.of(dir.resolve("smp-server-store.log")) : Optional.empty(),
                settings.restoreMessages() ? Optional.of(dir.resolve("smp-server-messages.log")) : Optional.empty(),
                dir.resolve("messages"),
                settings.restoreMessages() ? Optional.of(dir.resolve("smp-server-ntfs.log")) : Optional.empty(),
                SmpServerConfig.DEFAULT_DB, false, Duration.ofDays(21));
        SmpServerConfig.Auth auth = new SmpServerConfig.Auth(settings.allowNewQueues(),
                Optional.ofNullable(settings.createPassword()), Optional.empty(), Optional.empty(), 20);
        SmpServerConfig.Expiry expiry = new SmpServerConfig.Expiry(SmpServerConfig.DEFAULT_MESSAGE_EXPIRATION, true, false,
                SmpServerConfig.DEFAULT_NTF_EXPIRATION, Optional.of(ExpirationConfig.INACTIVE_CLIENTS_DEFAULT));
        SmpServerConfig.Stats stats = new SmpServerConfig.Stats(false, dir.resolve("smp-server-stats.daily.log"),
                dir.resolve("smp-server-stats.log"), Optional.empty(), dir.resolve("metrics.txt"));
        SmpServerConfig.Proxy proxy = new SmpServerConfig.Proxy(Optional.empty(), SmpServerConfig.SocksMode.ONION,
                SmpServerConfig.HostMode.PUBLIC, false, List.of(), 32);
        return new SmpServerConfig(transport, credentials, store, auth, expiry, stats, proxy, Optional.empty(),
                new WebConfig(Optional.empty(), OptionalInt.empty(), Optional.empty()));
    }

    RelayEnv env() {
        return server.env();
    }

    int port() {
        return server.ports().get(0);
    }

    @Override
    public void close() {
        server.close();
    }
}
