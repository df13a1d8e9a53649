package dev.relayj.xftp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.crypto.Ed25519PublicKey;
import dev.relayj.protocol.BlockingInfo;
import dev.relayj.protocol.EntityId;
import dev.relayj.store.EntityStatus;
import dev.relayj.xftp.protocol.FileInfo;
import dev.relayj.xftp.protocol.FileParty;
import dev.relayj.xftp.protocol.XftpError;
import dev.relayj.xftp.protocol.XftpException;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreTest {
    private static final Ed25519PublicKey KEY = new Ed25519PublicKey(FileStoreLogTest.filled(32, 1));

    private static EntityId id(int n) {
        byte[] bytes = new byte[16]; // the size of the ids the server makes
        bytes[0] = (byte) (n >>> 24);
        bytes[1] = (byte) (n >>> 16);
        bytes[2] = (byte) (n >>> 8);
        bytes[3] = (byte) n;
        return new EntityId(bytes);
    }

    private static FileInfo info(long size) {
        return new FileInfo(KEY, size, new byte[32]);
    }

    private static XftpError errorOf(org.junit.jupiter.api.function.Executable action) {
        return assertThrows(XftpException.class, action).error();
    }

    @Test
    void operationsFollowTheReferenceStore() throws Exception {
        FileStore store = new FileStore();
        store.addFile(id(1), info(65536), 3600, EntityStatus.ACTIVE);
        assertEquals(XftpError.DUPLICATE, errorOf(() -> store.addFile(id(1), info(65536), 3600, EntityStatus.ACTIVE)));
        store.addRecipient(id(1), new FileRecipient(id(100), KEY));
        assertEquals(XftpError.DUPLICATE, errorOf(() -> store.addRecipient(id(1), new FileRecipient(id(100), KEY))));
        assertEquals(XftpError.AUTH, errorOf(() -> store.addRecipient(id(2), new FileRecipient(id(101), KEY))));
        assertEquals(id(1), store.getFile(FileParty.RECIPIENT, id(100)).file().senderId());
        assertEquals(XftpError.AUTH, errorOf(() -> store.getFile(FileParty.SENDER, id(100))));
        assertEquals(XftpError.AUTH, errorOf(() -> store.getFile(FileParty.RECIPIENT, id(1))));

        assertEquals(0, store.usedStorage());
        store.setFilePath(id(1), "/files/a");
        assertEquals(65536, store.usedStorage());
        assertEquals(XftpError.AUTH, errorOf(() -> store.setFilePath(id(1), "/files/b")));

        store.ackFile(id(100));
        assertEquals(XftpError.AUTH, errorOf(() -> store.ackFile(id(100))));
        assertEquals(List.of(), store.getFile(FileParty.SENDER, id(1)).file().recipientIds());

        store.addRecipient(id(1), new FileRecipient(id(102), KEY));
        FileRec rec = store.getFile(FileParty.RECIPIENT, id(102)).file();
        store.deleteRecipient(id(102), rec);
        assertNull(store.recipient(id(102)));

        store.blockFile(id(1), new BlockingInfo(BlockingInfo.Reason.CONTENT, null));
        assertEquals(0, store.usedStorage());
        store.addFile(id(2), info(65536), 3600, EntityStatus.ACTIVE);
        store.blockFile(id(2), new BlockingInfo(BlockingInfo.Reason.SPAM, null));
        assertEquals(XftpError.AUTH, errorOf(() -> store.setFilePath(id(2), "/files/c")));

        store.addRecipient(id(1), new FileRecipient(id(103), KEY));
        store.deleteFile(id(1));
        assertNull(store.recipient(id(103)));
        assertEquals(XftpError.AUTH, errorOf(() -> store.deleteFile(id(1))));
    }

    @Test
    void expiryAllowsForTheRoundingOfCreationTimes() throws Exception {
        FileStore store = new FileStore();
        Clock clock = Clock.fixed(Instant.ofEpochSecond(7 * 3600 + 1234), ZoneOffset.UTC);
        assertEquals(7 * 3600, FileStore.fileTime(clock));
        store.addFile(id(1), info(65536), 3600, EntityStatus.ACTIVE);
        store.addFile(id(2), info(65536), 7200, EntityStatus.ACTIVE);
        store.setFilePath(id(1), "/files/1");
        List<FileStore.ExpiredFile> expired = store.expiredFiles(7201, 100);
        assertEquals(List.of(new FileStore.ExpiredFile(id(1), "/files/1", 65536)), expired);
        assertEquals(2, store.expiredFiles(10801, 100).size());
        assertEquals(1, store.expiredFiles(10801, 1).size());
    }

    @Test
    void quotaReservesAndReleases() {
        StorageQuota quota = new StorageQuota(2 * 65536, 0);
        assertTrue(quota.tryReserve(65536));
        assertTrue(quota.tryReserve(65536));
        assertFalse(quota.tryReserve(1));
        quota.release(65536);
        assertTrue(quota.tryReserve(65536));
        assertEquals(2 * 65536, quota.used());
        StorageQuota unlimited = new StorageQuota(Long.MAX_VALUE, Long.MAX_VALUE - 10);
        assertFalse(unlimited.tryReserve(100));
    }

    @Test
    void concurrentAddsAndDeletesStayConsistent() throws Exception {
        FileStore store = new FileStore();
        int threads = 16;
        int perThread = 200;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                futures.add(executor.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        int n = base + i;
                        store.addFile(id(n), info(65536), 0, EntityStatus.ACTIVE);
                        // recipient ids collide across threads on purpose: one wins, the other gets DUPLICATE_
                        for (int r = 0; r < 3; r++) {
                            try {
                                store.addRecipient(id(n), new FileRecipient(id(1_000_000 + (n + r) % 500), KEY));
                            } catch (XftpException e) {
                                assertEquals(XftpError.DUPLICATE, e.error());
                            }
                        }
                        store.setFilePath(id(n), "/files/" + n);
                        if (n % 2 == 0) {
                            store.deleteFile(id(n));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        }
        assertEquals(threads * perThread / 2, store.fileCount());
        assertEquals((long) threads * perThread / 2 * 65536, store.usedStorage());
        for (FileRec file : store.files()) {
            for (EntityId recipientId : file.recipientIds()) {
                assertEquals(file.senderId(), store.recipient(recipientId).senderId());
            }
        }
        for (int r = 0; r < 500; r++) {
            FileStore.RecipientEntry entry = store.recipient(id(1_000_000 + r));
            if (entry != null) {
                assertTrue(store.getFile(FileParty.SENDER, entry.senderId()).file().recipientIds().contains(id(1_000_000 + r)));
            }
        }
    }

    @Test
    void uploadsAreCheckedAndMovedIntoPlace(@TempDir Path dir) throws Exception {
        ChunkFiles chunks = new ChunkFiles(dir);
        byte[] body = FileStoreLogTest.filled(65536, 7);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
        Path path = chunks.receive(id(1), body.length, digest, new ByteArrayInputStream(body));
        assertEquals(dir.resolve(id(1).toBase64()), path);
        assertEquals(65536, Files.size(path));

        assertEquals(XftpError.DIGEST, errorOf(() -> chunks.receive(id(2), body.length, new byte[32], new ByteArrayInputStream(body))));
        assertEquals(XftpError.SIZE, errorOf(() -> chunks.receive(id(2), body.length + 1, digest, new ByteArrayInputStream(body))));
        assertEquals(XftpError.SIZE, errorOf(() -> chunks.receive(id(2), body.length - 1, digest, new ByteArrayInputStream(body))));
        try (var entries = Files.list(dir)) {
            assertEquals(List.of(path), entries.toList(), "a failed upload leaves nothing behind");
        }
    }

    @Test
    void startUpReconcilesDiskAndStore(@TempDir Path dir) throws Exception {
        ChunkFiles chunks = new ChunkFiles(dir);
        FileStore store = new FileStore();
        store.addFile(id(1), info(65536), 0, EntityStatus.ACTIVE);
        store.setFilePath(id(1), chunks.pathFor(id(1)).toString());
        Files.write(chunks.pathFor(id(1)), new byte[10]);
        store.addFile(id(2), info(65536), 0, EntityStatus.ACTIVE);
        store.setFilePath(id(2), chunks.pathFor(id(2)).toString());
        store.addRecipient(id(2), new FileRecipient(id(200), KEY));
        store.addFile(id(3), info(65536), 0, EntityStatus.ACTIVE);
        store.setFilePath(id(3), chunks.pathFor(id(3)).toString());
        store.blockFile(id(3), new BlockingInfo(BlockingInfo.Reason.SPAM, null));
        store.addFile(id(4), info(262144), 0, EntityStatus.ACTIVE);
        Files.write(chunks.pathFor(id(5)), new byte[1]);
        Files.write(dir.resolve(id(6).toBase64() + ".part"), new byte[1]);

        List<String> reports = new ArrayList<>();
        long used = chunks.reconcile(store, reports::add);
        assertEquals(65536, used);
        assertEquals(3, store.fileCount(), "the active record without its body is dropped");
        assertNull(store.recipient(id(200)));
        assertFalse(Files.exists(chunks.pathFor(id(5))));
        assertFalse(Files.exists(dir.resolve(id(6).toBase64() + ".part")));
        assertTrue(Files.exists(chunks.pathFor(id(1))));
        assertEquals(3, reports.size(), reports::toString);
    }
}
