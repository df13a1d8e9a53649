package dev.relayj.xftp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.xftp.protocol.FileCommand;
import dev.relayj.xftp.protocol.FileResponse;
import dev.relayj.xftp.protocol.XftpTransmissions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 5: a client that cuts its upload is not a disk failure, and a stop under load lets
 * the requests in flight finish (or fail) before the store log closes, so every upload answered OK
 * is there after a restart.
 */
@Timeout(120)
class XftpStopAndFailuresTest {
    private static final int SIZE = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void anUploadCutByTheClientIsReportedAsCutNotAsADiskError() throws Exception {
        TestServer setup = new TestServer(dir);
        try (XftpServer server = setup.start();
                TestXftpClient client = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH)) {
            Chunks.Chunk unused = Chunks.upload(client, SIZE); // a healthy upload first
            var sender = dev.relayj.crypto.Ed25519PrivateKey.generate(TestXftpClient.RANDOM);
            byte[] data = Chunks.randomData(SIZE);
            var sids = (FileResponse.Sids) Chunks.fnew(client, sender, data, List.of(sender.publicKey()), null);
            TestTls tls = TestTls.connect(server.port(), List.of("xftp/1"), null);
            TestH2Client http2 = tls.http2();
            TestXftpClient cutter = new TestXftpClient(new TestXftpClient.Poster() {
                @Override
                public TestXftpClient.Reply post(byte[] body, Map<String, String> headers) throws Exception {
                    TestH2Client.Response r = http2.post(body, headers);
                    return new TestXftpClient.Reply(r.status(), r.body(), Map.of());
                }

                @Override
                public void close() {}
            }, tls.sessionId());
            cutter.nativeHandshake(TestServer.KEY_HASH, 3);
            byte[] corrId = "cut".getBytes();
            byte[] authorized = XftpTransmissions.authorizedBytes(cutter.sessionId(), corrId, sids.senderId(),
                    new FileCommand.Fput());
            byte[] block = XftpTransmissions.encodeCommand(sender.sign(authorized).bytes(), cutter.sessionId(), corrId,
                    sids.senderId(), new FileCommand.Fput());
            http2.send("POST", TestXftpClient.concat(block, new byte[1000]), Map.of(), false);
            Thread.sleep(300);
            http2.close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (setup.log.stream().noneMatch(line -> line.contains("cut by the client"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(setup.log.stream().anyMatch(line -> line.contains("upload of file " + sids.senderId().toBase64()
                    + " cut by the client")), setup.log.toString());
            assertFalse(setup.log.stream().anyMatch(line -> line.contains("receiveFile error")), setup.log.toString());
            assertEquals(SIZE, server.usedStorage(), "the cut upload's reservation is released");
            assertEquals(new FileResponse.Ok(),
                    client.command(sender, sids.senderId(), new FileCommand.Fput(), data).response());
        }
    }

    /**
     * Uploads and downloads run while the relay stops: none of them is answered with an error (a
     * request either completes or its connection is closed under it; no handler reaches a closed
     * store log, which would answer {@code FILE_IO} or {@code INTERNAL}), and after a restart the
     * store log holds every upload answered OK.
     */
    @Test
    void aStopUnderLoadKeepsEveryUploadItAnsweredOk() throws Exception {
        TestServer setup = new TestServer(dir);
        List<Chunks.Chunk> acknowledged = new CopyOnWriteArrayList<>();
        List<Throwable> unexpected = new CopyOnWriteArrayList<>();
        List<Throwable> errorAnswers = new CopyOnWriteArrayList<>();
        AtomicInteger downloads = new AtomicInteger();
        AtomicBoolean stopping = new AtomicBoolean();
        XftpServer server = setup.start();
        Chunks.Chunk shared;
        try (TestXftpClient client = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH)) {
            shared = Chunks.upload(client, SIZE);
        }
        acknowledged.add(shared);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            boolean uploader = c % 2 == 0;
            clients.add(Thread.ofVirtual().start(() -> {
                try (TestXftpClient client = TestXftpClient.connectNative(server.port(), TestServer.KEY_HASH)) {
                    while (true) {
                        if (uploader) {
                            acknowledged.add(Chunks.upload(client, SIZE));
                        } else {
                            Chunks.assertDownloads(client, shared, 0);
                            downloads.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    if (!stopping.get()) {
                        unexpected.add(e);
                    } else if (String.valueOf(e.getMessage()).contains("Err[")) {
                        errorAnswers.add(e);
                    }
                }
            }));
        }
        Thread.sleep(1500);
        stopping.set(true);
        server.close();
        for (Thread client : clients) {
            client.join(30_000);
        }
        assertTrue(unexpected.isEmpty(), "failures before the stop: " + unexpected);
        assertTrue(errorAnswers.isEmpty(), "requests answered with an error during the stop: " + errorAnswers);
        assertTrue(acknowledged.size() > 3, "uploads before the stop: " + acknowledged.size());
        assertTrue(downloads.get() > 3, "downloads before the stop: " + downloads.get());
        assertFalse(setup.log.stream().anyMatch(line -> line.contains("Error closing store log")
                || line.contains("still running") || line.contains("receiveFile error")),
                setup.log.toString());
        setup.log.clear();
        try (XftpServer restarted = setup.start();
                TestXftpClient client = TestXftpClient.connectNative(restarted.port(), TestServer.KEY_HASH)) {
            for (Chunks.Chunk chunk : acknowledged) {
                Chunks.assertDownloads(client, chunk, 0);
            }
            assertFalse(setup.log.stream().anyMatch(line -> line.contains("removed file record")
                    || line.contains("ignoring")), setup.log.toString());
        }
    }
}
