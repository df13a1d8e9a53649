package dev.relayj.xftp.server;

import static dev.relayj.stats.XftpCounter.*;

import static dev.relayj.xftp.server.Chunks.assertDownloads;
import static dev.relayj.xftp.server.Chunks.error;
import static dev.relayj.xftp.server.Chunks.fnew;
import static dev.relayj.xftp.server.Chunks.upload;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.crypto.AuthPrivateKey;
import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.crypto.Ed448PrivateKey;
import dev.relayj.crypto.Hashes;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.protocol.BasicAuth;
import dev.relayj.protocol.BlockingInfo;
import dev.relayj.xftp.protocol.FileCommand;
import dev.relayj.protocol.EntityId;
import dev.relayj.xftp.protocol.FileInfo;
import dev.relayj.xftp.protocol.FileResponse;
import dev.relayj.xftp.protocol.XftpChunkSizes;
import dev.relayj.xftp.protocol.XftpError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay as a native client sees it (ALPN xftp/1, the native handshake), after the scenarios of
 * simplexmq's {@code tests/XFTPServerTests.hs}.
 */
@Timeout(60)
class XftpServerTest {
    private static final int KB64 = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void uploadAndDownloadEveryChunkSize() throws Exception {
        TestServer setup = new TestServer(dir);
        try (XftpServer server = setup.start();
                TestXftpClient client = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH)) {
            assertEquals(3, client.version());
            for (long size : XftpChunkSizes.SERVER_CHUNK_SIZES) {
                Chunks.Chunk chunk = upload(client, (int) size);
                assertDownloads(client, chunk, 0);
                assertDownloads(client, chunk, 0);
                Path body = dir.resolve("files").resolve(dev.relayj.encoding.Base64Url.encode(chunk.senderId().bytes()));
                assertArrayEquals(chunk.data(), Files.readAllBytes(body), "stored under base64url(sender id)");
                assertEquals(new FileResponse.Ok(),
                        client.command(chunk.recipient(0), chunk.recipientId(0), new FileCommand.Fack(), null).response());
                X25519PrivateKey dh = X25519PrivateKey.generate(TestXftpClient.RANDOM);
                assertEquals(XftpError.AUTH, error(client.command(chunk.recipient(0), chunk.recipientId(0),
                        new FileCommand.Fget(dh.publicKey()), null).response()), "acknowledged recipient is gone");
            }
            var stats = server.stats().snapshot();
            assertEquals(4, stats.get(FILES_CREATED));
            assertEquals(4, stats.get(FILES_UPLOADED));
            assertEquals(8, stats.get(FILE_DOWNLOADS));
            assertEquals(4, stats.get(FILE_DOWNLOAD_ACKS));
            assertEquals(4, stats.get(FILES_COUNT));
        }
    }

    @Test
    void moreRecipientsWithEd448AndX25519Keys() throws Exception {
        TestServer setup = new TestServer(dir);
        try (XftpServer server = setup.start();
                TestXftpClient client = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH)) {
            Chunks.Chunk chunk = upload(client, KB64);
            Ed448PrivateKey ed448 = Ed448PrivateKey.generate(TestXftpClient.RANDOM);
            X25519PrivateKey x25519 = X25519PrivateKey.generate(TestXftpClient.RANDOM);
            FileResponse.Rids rids = assertInstanceOf(FileResponse.Rids.class, client.command(chunk.sender(),
                    chunk.senderId(), new FileCommand.Fadd(List.of(ed448.publicKey(), x25519.publicKey())), null).response());
            assertEquals(2, rids.recipientIds().size());
            List<AuthPrivateKey> keys = List.of(ed448, x25519);
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(chunk.data(), Chunks.download(client, keys.get(i), rids.recipientIds().get(i), KB64));
            }
            assertEquals(3, server.stats().snapshot().get(FILE_RECIPIENTS));
        }
    }

    @Test
    void wrongKeysAndUnknownIdsGetAuth() throws Exception {
        TestServer setup = new TestServer(dir);
        try (XftpServer server = setup.start();
                TestXftpClient client = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH)) {
            Chunks.Chunk chunk = upload(client, KB64);
            Ed25519PrivateKey other = Ed25519PrivateKey.generate(TestXftpClient.RANDOM);
            X25519PrivateKey dh = X25519PrivateKey.generate(TestXftpClient.RANDOM);
            FileCommand fget = new FileCommand.Fget(dh.publicKey());
            assertEquals(XftpError.AUTH, error(client.command(other, chunk.recipientId(0), fget, null).response()));
            assertEquals(XftpError.AUTH, error(client.command(chunk.sender(), chunk.recipientId(0), fget, null).response()));
            assertEquals(XftpError.AUTH, error(client.command(chunk.recipient(0), chunk.senderId(), new FileCommand.Fdel(), null).response()));
            assertEquals(XftpError.AUTH, error(client.command(other, chunk.senderId(), new FileCommand.Fdel(), null).response()));
            assertEquals(XftpError.AUTH, error(client.command(dh, chunk.senderId(), new FileCommand.Fdel(), null).response()),
                    "an authenticator for a signature key");
            EntityId unknown = new EntityId(Chunks.randomData(16));
            assertEquals(XftpError.AUTH, error(client.command(other, unknown, fget, null).response()));
            assertEquals(XftpError.AUTH, error(client.command(dh, unknown, fget, null).response()));
            Ed25519PrivateKey sender = Ed25519PrivateKey.generate(TestXftpClient.RANDOM);
            byte[] data = Chunks.randomData(KB64);
            FileInfo info = new FileInfo(sender.publicKey(), data.length, Hashes.sha256(data));
            assertEquals(XftpError.AUTH, error(client.command(other, EntityId.NONE,
                    new FileCommand.Fnew(info, List.of(other.publicKey()), null), null).response()), "FNEW not signed by its sender key");
            assertDownloads(client, chunk, 0);
        }
    }

    @Test
    void sizeAndDigestAreChecked() throws Exception {
        TestServer setup = new TestServer(dir);
        try (XftpServer server = setup.start();
                TestXftpClient client = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH)) {
            Ed25519PrivateKey sender = Ed25519PrivateKey.generate(TestXftpClient.RANDOM);
            Ed25519PrivateKey recipient = Ed25519PrivateKey.generate(TestXftpClient.RANDOM);
            assertEquals(XftpError.SIZE, error(fnew(client, sender, Chunks.randomData(1000), List.of(recipient.publicKey()), null)),
                    "not an allowed chunk size");
            byte[] data = Chunks.randomData(KB64);
            FileResponse.Sids sids = assertInstanceOf(FileResponse.Sids.class,
                    fnew(client, sender, data, List.of(recipient.publicKey()), null));
            FileCommand fput = new FileCommand.Fput();
            byte[] wrong = data.clone();
            wrong[100] ^= 1;
            assertEquals(XftpError.DIGEST, error(client.command(sender, sids.senderId(), fput, wrong).response()));
            assertEquals(XftpError.SIZE, error(client.command(sender, sids.senderId(), fput, java.util.Arrays.copyOf(data, 1000)).response()));
            assertEquals(XftpError.SIZE, error(client.command(sender, sids.senderId(), fput,
                    TestXftpClient.concat(data, new byte[] {1})).response()));
            assertEquals(XftpError.SIZE, error(client.command(sender, sids.senderId(), fput, null).response()), "no body");
            assertEquals(0, server.usedStorage(), "failed uploads release their reservation");
            assertEquals(new FileResponse.Ok(), client.command(sender, sids.senderId(), fput, data).response());
            assertEquals(new FileResponse.Ok(), client.command(sender, sids.senderId(), fput, Chunks.randomData(KB64)).response(),
                    "a repeated upload is drained and acknowledged, its content ignored");
            assertEquals(XftpError.SIZE, error(client.command(sender, sids.senderId(), fput, java.util.Arrays.copyOf(data, 10)).response()));
            assertEquals(KB64, server.usedStorage());
            assertArrayEquals(data, Chunks.download(client, recipient, sids.recipientIds().get(0), KB64));
            try (var files = Files.list(dir.resolve("files"))) {
                assertEquals(1, files.count(), "no partial uploads left behind");
            }
        }
    }

    @Test
    void deleteRemovesFileRecipientsAndBody() throws Exception {
        TestServer setup = new TestServer(dir);
        try (XftpServer server = setup.start();
                TestXftpClient client = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH)) {
            Chunks.Chunk chunk = upload(client, KB64);
            assertEquals(new FileResponse.Ok(), client.command(chunk.sender(), chunk.senderId(), new FileCommand.Fdel(), null).response());
            try (var files = Files.list(dir.resolve("files"))) {
                assertEquals(0, files.count());
            }
            X25519PrivateKey dh = X25519PrivateKey.generate(TestXftpClient.RANDOM);
            assertEquals(XftpError.AUTH, error(client.command(chunk.recipient(0), chunk.recipientId(0),
                    new FileCommand.Fget(dh.publicKey()), null).response()));
            assertEquals(XftpError.AUTH, error(client.command(chunk.sender(), chunk.senderId(), new FileCommand.Fdel(), null).response()));
            assertEquals(0, server.usedStorage());
            var stats = server.stats().snapshot();
            assertEquals(1, stats.get(FILES_DELETED));
            assertEquals(0, stats.get(FILES_COUNT));
            assertEquals(0, stats.get(FILES_SIZE));
        }
    }

    @Test
    void quotaIsEnforcedAndReleased() throws Exception {
        TestServer setup = new TestServer(dir);
        setup.quota = OptionalLong.of(2L * KB64);
        try (XftpServer server = setup.start();
                TestXftpClient client = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH)) {
            assertTrue(setup.log.contains("Total / available storage: 131072 / 131072"), setup.log.toString());
            Chunks.Chunk first = upload(client, KB64);
            upload(client, KB64);
            Ed25519PrivateKey sender = Ed25519PrivateKey.generate(TestXftpClient.RANDOM);
            byte[] data = Chunks.randomData(KB64);
            FileResponse.Sids sids = assertInstanceOf(FileResponse.Sids.class,
                    fnew(client, sender, data, List.of(sender.publicKey()), null));
            assertEquals(XftpError.QUOTA, error(client.command(sender, sids.senderId(), new FileCommand.Fput(), data).response()));
            assertEquals(new FileResponse.Ok(), client.command(first.sender(), first.senderId(), new FileCommand.Fdel(), null).response());
            assertEquals(new FileResponse.Ok(), client.command(sender, sids.senderId(), new FileCommand.Fput(), data).response());
            assertEquals(2L * KB64, server.usedStorage());
        }
    }

    @Test
    void newFilesOffAndBasicAuth() throws Exception {
        TestServer off = new TestServer(dir.resolve("off"));
        off.allowNewFiles = false;
        try (XftpServer server = off.start();
                TestXftpClient client = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH)) {
            Ed25519PrivateKey sender = Ed25519PrivateKey.generate(TestXftpClient.RANDOM);
            assertEquals(XftpError.AUTH, error(fnew(client, sender, Chunks.randomData(KB64), List.of(sender.publicKey()), null)));
        }
        TestServer withPassword = new TestServer(dir.resolve("password"));
        withPassword.password = java.util.Optional.of("secret");
        try (XftpServer server = withPassword.start();
                TestXftpClient client = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH)) {
            Ed25519PrivateKey sender = Ed25519PrivateKey.generate(TestXftpClient.RANDOM);
            byte[] data = Chunks.randomData(KB64);
            List<dev.relayj.crypto.AuthPublicKey> keys = List.of(sender.publicKey());
            assertEquals(XftpError.AUTH, error(fnew(client, sender, data, keys, null)));
            assertEquals(XftpError.AUTH, error(fnew(client, sender, data, keys, BasicAuth.of("wrong"))));
            assertInstanceOf(FileResponse.Sids.class, fnew(client, sender, data, keys, BasicAuth.of("secret")));
        }
        try (XftpServer server = new TestServer(dir.resolve("open")).start();
                TestXftpClient client = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH)) {
            Ed25519PrivateKey sender = Ed25519PrivateKey.generate(TestXftpClient.RANDOM);
            assertInstanceOf(FileResponse.Sids.class, fnew(client, sender, Chunks.randomData(KB64), List.of(sender.publicKey()),
                    BasicAuth.of("any")), "a password is ignored by a server without one");
        }
    }

    @Test
    void filesExpireOnTheClock() throws Exception {
        TestServer setup = new TestServer(dir);
        try (XftpServer server = setup.start();
                TestXftpClient client = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH)) {
            Chunks.Chunk chunk = upload(client, KB64);
            setup.clock.advance(Duration.ofHours(48));
            server.expireFilesNow();
            assertDownloads(client, chunk, 0);
            // creation times are rounded down to the hour and one more hour is allowed for it
            setup.clock.advance(Duration.ofHours(2));
            server.expireFilesNow();
            X25519PrivateKey dh = X25519PrivateKey.generate(TestXftpClient.RANDOM);
            assertEquals(XftpError.AUTH, error(client.command(chunk.recipient(0), chunk.recipientId(0),
                    new FileCommand.Fget(dh.publicKey()), null).response()));
            try (var files = Files.list(dir.resolve("files"))) {
                assertEquals(0, files.count());
            }
            assertEquals(0, server.usedStorage());
            assertEquals(1, server.stats().snapshot().get(FILES_EXPIRED));
        }
        String log = Files.readString(dir.resolve("file-server-store.log"));
        assertTrue(log.contains("FDEL "), log);
    }

    @Test
    void restartKeepsFilesQuotaAndStats() throws Exception {
        TestServer setup = new TestServer(dir);
        setup.quota = OptionalLong.of(4L * KB64);
        Chunks.Chunk chunk;
        Chunks.Chunk deleted;
        try (XftpServer server = setup.start();
                TestXftpClient client = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH)) {
            chunk = upload(client, KB64);
            deleted = upload(client, KB64);
            assertEquals(new FileResponse.Ok(), client.command(deleted.sender(), deleted.senderId(), new FileCommand.Fdel(), null).response());
        }
        assertTrue(Files.exists(dir.resolve("file-server-stats.log")), "stats saved on stop");
        try (XftpServer server = setup.start();
                TestXftpClient client = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH)) {
            assertEquals(KB64, server.usedStorage());
            assertTrue(setup.log.contains("Total / available storage: 262144 / 196608"), setup.log.toString());
            assertDownloads(client, chunk, 0);
            var stats = server.stats().snapshot();
            assertEquals(2, stats.get(FILES_CREATED), "restored counters");
            assertEquals(1, stats.get(FILES_COUNT), "count from the store");
            assertEquals(KB64, stats.get(FILES_SIZE));
            X25519PrivateKey dh = X25519PrivateKey.generate(TestXftpClient.RANDOM);
            assertEquals(XftpError.AUTH, error(client.command(deleted.recipient(0), deleted.recipientId(0),
                    new FileCommand.Fget(dh.publicKey()), null).response()));
        }
    }

    @Test
    void blockedFileAnswersBlockedFromVersion3AndAuthBefore() throws Exception {
        TestServer setup = new TestServer(dir);
        BlockingInfo info = new BlockingInfo(BlockingInfo.Reason.SPAM, null);
        try (XftpServer server = setup.start();
                TestXftpClient client = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH)) {
            Chunks.Chunk chunk = upload(client, KB64);
            assertTrue(server.blockFile(chunk.senderId(), info).isEmpty());
            assertEquals(0, server.usedStorage());
            X25519PrivateKey dh = X25519PrivateKey.generate(TestXftpClient.RANDOM);
            FileCommand fget = new FileCommand.Fget(dh.publicKey());
            assertEquals(new XftpError.Blocked(info), error(client.command(chunk.recipient(0), chunk.recipientId(0), fget, null).response()));
            try (TestXftpClient v2 = TestXftpClient.openNative(server.port(), List.of("xftp/1"), null)) {
                v2.nativeHandshake(TestServer.KEY_HASH, 2);
                assertEquals(XftpError.AUTH, error(v2.command(chunk.recipient(0), chunk.recipientId(0), fget, null).response()));
            }
            assertEquals(1, server.stats().snapshot().get(FILES_BLOCKED));
        }
        try (XftpServer server = setup.start();
                TestXftpClient client = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH)) {
            Chunks.Chunk other = upload(client, KB64);
            assertDownloads(client, other, 0);
        }
        assertTrue(Files.readString(dir.resolve("file-server-store.log")).contains("blocked,"), "blocked status kept");
    }

    @Test
    void pingNeedsNoHandshakeKeys() throws Exception {
        TestServer setup = new TestServer(dir);
        try (XftpServer server = setup.start();
                TestXftpClient client = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH)) {
            assertEquals(new FileResponse.Pong(), client.command(null, EntityId.NONE, new FileCommand.Ping(), null).response());
            assertFalse(server.stats().snapshot().get(FILES_CREATED) > 0);
        }
    }
}
