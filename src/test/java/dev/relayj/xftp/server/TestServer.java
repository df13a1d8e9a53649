package dev.relayj.xftp.server;

import dev.relayj.encoding.Base64Url;
import dev.relayj.runtime.CredentialFiles;
import dev.relayj.runtime.DbOptions;
import dev.relayj.runtime.ExpirationConfig;
import dev.relayj.runtime.WebConfig;
import dev.relayj.testing.ListLogger;
import dev.relayj.testing.ReferenceFixtures;
import dev.relayj.tls.ServerCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** Starts relays on loopback port 0 over a temporary directory, with the reference's test certificates. */
final class TestServer {
    static final Path FIXTURES = ReferenceFixtures.DIR;
    static final String FINGERPRINT = "LcJUMfVhwD8yxjAiSaDzzGF3-kLG4Uh0Fl_ZIjrRwjI=";
    static final byte[] KEY_HASH = keyHash();

    /** A clock the tests move by hand. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-15T10:20:30Z"));

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    final Path dir;
    final MovableClock clock = new MovableClock();
    final List<String> log = new CopyOnWriteArrayList<>();
    boolean allowNewFiles = true;
    Optional<String> password = Optional.empty();
    OptionalLong quota = OptionalLong.empty();
    boolean web;
    boolean storeLog = true;
    Optional<Path> staticPath = Optional.empty();
    Optional<ExpirationConfig> inactiveClients = Optional.empty();
    Duration uploadTimeout = Duration.ofMinutes(5);
    Duration handshakeTimeout = XftpServerConfig.HANDSHAKE_TIMEOUT;
    OptionalInt controlPort = OptionalInt.empty();
    Optional<String> controlAdminPassword = Optional.empty();

    TestServer(Path dir) {
        this.dir = dir;
    }

    XftpServerConfig config() {
        CredentialFiles credentials = new CredentialFiles(Optional.of(FIXTURES.resolve("ca.crt")),
                FIXTURES.resolve("server.crt"), FIXTURES.resolve("server.key"));
        Optional<CredentialFiles> webCredentials = web
                ? Optional.of(new CredentialFiles(Optional.empty(), FIXTURES.resolve("web.crt"), FIXTURES.resolve("web.key")))
                : Optional.empty();
        return new XftpServerConfig(0, Optional.empty(), false, controlPort, credentials, webCredentials,
                new XftpServerConfig.Store(XftpServerConfig.FileStoreType.MEMORY,
                        storeLog ? Optional.of(dir.resolve("file-server-store.log")) : Optional.empty(),
                        XftpServerConfig.DEFAULT_DB, false),
                new XftpServerConfig.FileStorage(dir.resolve("files"), quota),
                new XftpServerConfig.Auth(allowNewFiles, password, controlAdminPassword, Optional.empty()),
                XftpServerConfig.DEFAULT_FILE_EXPIRATION, inactiveClients,
                new XftpServerConfig.Stats(true, dir.resolve("file-server-stats.daily.log"),
                        dir.resolve("file-server-stats.log"), Optional.empty(), dir.resolve("metrics.txt")),
                Optional.empty(), new WebConfig(staticPath, OptionalInt.empty(), Optional.empty()));
    }

    XftpServer start() throws IOException {
        XftpServerConfig config = config();
        ServerCredentials credentials = ServerCredentials.load(FIXTURES.resolve("ca.crt"), FIXTURES.resolve("server.crt"),
                FIXTURES.resolve("server.key"));
        Optional<ServerCredentials> webCredentials = web
                ? Optional.of(ServerCredentials.loadWeb(FIXTURES.resolve("web.crt"), FIXTURES.resolve("web.key")))
                : Optional.empty();
        return XftpServer.start(config, credentials, webCredentials,
                new XftpServer.Options(clock, new ListLogger(log), "127.0.0.1", "test", uploadTimeout)
                        .withHandshakeTimeout(handshakeTimeout));
    }

    private static byte[] keyHash() {
        try {
            return Base64Url.decode(FINGERPRINT);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
