package dev.relayj.xftp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.protocol.EntityId;
import dev.relayj.xftp.protocol.FileCommand;
import dev.relayj.xftp.protocol.FileResponse;
import dev.relayj.xftp.protocol.XftpError;
import dev.relayj.xftp.protocol.XftpTransmissions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 4: an upload that stalls holds up nothing but its own file. Uploads used to take one
 * of 64 locks striped by the sender id's hash across the whole network upload.
 */
@Timeout(120)
class ConcurrentUploadsTest {
    private static final int SIZE = 64 * 1024;
    private static final int OLD_STRIPES = 64;

    @TempDir
    Path dir;

    private record Created(Ed25519PrivateKey sender, EntityId senderId, byte[] data) {}

    @Test
    void aStalledUploadDoesNotDelayAnotherFileWhoseIdSharesItsOldLockStripe() throws Exception {
        TestServer setup = new TestServer(dir);
        setup.uploadTimeout = Duration.ofSeconds(40);
        try (XftpServer server = setup.start();
                TestXftpClient client = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH)) {
            Created[] pair = twoFilesOnOneStripe(client);
            TestTls tls = TestTls.connect(server.port(), List.of("xftp/1"), null);
            try (TestH2Client http2 = tls.http2()) {
                TestXftpClient staller = new TestXftpClient(poster(http2), tls.sessionId());
                staller.nativeHandshake(TestServer.KEY_HASH, 3);
                CompletableFuture<TestH2Client.Response> stalled = stalledUpload(staller, http2, pair[0]);
                Thread.sleep(300); // the stalled upload is receiving now
                long started = System.nanoTime();
                CompletableFuture<FileResponse> other = CompletableFuture.supplyAsync(() -> put(client, pair[1]));
                assertEquals(new FileResponse.Ok(), other.get(20, TimeUnit.SECONDS),
                        "waited for the stalled upload of another file");
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertEquals(false, stalled.isDone(), "the stalled upload is still open after " + millis + " ms");
            }
        }
    }

    /**
     * A second FPUT of a file while its first is still receiving is refused at once with the
     * reference's {@code FILE_IO} (its second {@code withFile} on the path fails), holds nothing,
     * and leaves the first attempt alone; once the first attempt is gone a retry uploads the file.
     */
    @Test
    void aSecondUploadOfAFileWhileTheFirstIsReceivingIsRefusedAtOnceAndARetryAfterItSucceeds() throws Exception {
        TestServer setup = new TestServer(dir);
        setup.uploadTimeout = Duration.ofSeconds(40);
        try (XftpServer server = setup.start();
                TestXftpClient client = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH)) {
            Created file = create(client);
            TestTls tls = TestTls.connect(server.port(), List.of("xftp/1"), null);
            TestH2Client http2 = tls.http2();
            TestXftpClient first = new TestXftpClient(poster(http2), tls.sessionId());
            first.nativeHandshake(TestServer.KEY_HASH, 3);
            CompletableFuture<TestH2Client.Response> stalled = stalledUpload(first, http2, file);
            Thread.sleep(300); // the first attempt is receiving now
            CompletableFuture<FileResponse> second = CompletableFuture.supplyAsync(() -> put(client, file));
            assertEquals(new FileResponse.Err(XftpError.FILE_IO), second.get(20, TimeUnit.SECONDS),
                    "the second upload waited for the first");
            assertEquals(false, stalled.isDone(), "the refused upload ended the first one");
            assertEquals(SIZE, server.usedStorage(), "only the first attempt holds a reservation");
            http2.close(); // the first attempt's client goes away: its upload fails and its marker goes
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            FileResponse retry = put(client, file);
            while (retry.equals(new FileResponse.Err(XftpError.FILE_IO)) && System.nanoTime() < deadline) {
                Thread.sleep(50);
                retry = put(client, file);
            }
            assertEquals(new FileResponse.Ok(), retry);
            assertEquals(SIZE, server.usedStorage());
            assertTrue(setup.log.stream().anyMatch(line -> line.contains("upload of file "
                    + file.senderId().toBase64() + " refused: another upload of it is in progress")),
                    setup.log.toString());
        }
    }

    private static Created[] twoFilesOnOneStripe(TestXftpClient client) throws Exception {
        Map<Integer, Created> byStripe = new HashMap<>();
        while (true) {
            Created file = create(client);
            Created earlier = byStripe.putIfAbsent(Math.floorMod(file.senderId().hashCode(), OLD_STRIPES), file);
            if (earlier != null) {
                return new Created[] {earlier, file};
            }
        }
    }

    private static Created create(TestXftpClient client) throws Exception {
        Ed25519PrivateKey sender = Ed25519PrivateKey.generate(TestXftpClient.RANDOM);
        byte[] data = Chunks.randomData(SIZE);
        FileResponse.Sids sids = assertInstanceOf(FileResponse.Sids.class,
                Chunks.fnew(client, sender, data, List.of(sender.publicKey()), null));
        return new Created(sender, sids.senderId(), data);
    }

    private static FileResponse put(TestXftpClient client, Created file) {
        try {
            synchronized (client) {
                return client.command(file.sender(), file.senderId(), new FileCommand.Fput(), file.data()).response();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** FPUT with the first kilobyte of the body, and then nothing: the stream stays open. */
    private static CompletableFuture<TestH2Client.Response> stalledUpload(TestXftpClient client, TestH2Client http2,
            Created file) throws Exception {
        byte[] corrId = "stalled".getBytes();
        byte[] authorized = XftpTransmissions.authorizedBytes(client.sessionId(), corrId, file.senderId(),
                new FileCommand.Fput());
        byte[] block = XftpTransmissions.encodeCommand(file.sender().sign(authorized).bytes(), client.sessionId(),
                corrId, file.senderId(), new FileCommand.Fput());
        return http2.send("POST", TestXftpClient.concat(block, new byte[1000]), Map.of(), false);
    }

    private static TestXftpClient.Poster poster(TestH2Client http2) {
        return new TestXftpClient.Poster() {
            @Override
            public TestXftpClient.Reply post(byte[] body, Map<String, String> headers) throws Exception {
                TestH2Client.Response r = http2.post(body, headers);
                return new TestXftpClient.Reply(r.status(), r.body(), Map.of());
            }

            @Override
            public void close() {}
        };
    }
}
