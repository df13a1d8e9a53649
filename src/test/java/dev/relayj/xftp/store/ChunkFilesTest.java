package dev.relayj.xftp.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.protocol.EntityId;
import dev.relayj.xftp.protocol.XftpError;
import dev.relayj.xftp.protocol.XftpException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 5: a received chunk is renamed into place and then its directory is synced, so the
 * new name survives a crash of the machine (a rename is atomic but not durable by itself). A real
 * power cut cannot be staged in a test, so the order of operations is observed at the sync.
 */
class ChunkFilesTest {
    private static final int SIZE = 100_000;

    @TempDir
    Path dir;

    private final EntityId senderId = new EntityId(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
        17, 18, 19, 20, 21, 22, 23, 24});

    @Test
    void theDirectoryIsSyncedAfterTheFinishedChunkIsRenamedIntoPlace() throws Exception {
        byte[] data = data();
        List<String> seen = new ArrayList<>();
        ChunkFiles[] holder = new ChunkFiles[1];
        ChunkFiles chunks = new ChunkFiles(dir, synced -> {
            Path target = holder[0].pathFor(senderId);
            seen.add("sync " + dir.relativize(synced) + " target=" + Files.exists(target) + " part="
                    + Files.exists(target.resolveSibling(target.getFileName() + ".part")));
            assertArrayEquals(data, Files.readAllBytes(target), "the renamed chunk is complete when synced");
        });
        holder[0] = chunks;
        Path received = chunks.receive(senderId, SIZE, sha256(data), new ByteArrayInputStream(data));
        assertEquals(chunks.pathFor(senderId), received);
        assertEquals(List.of("sync  target=true part=false"), seen, "one sync of the files directory, after the rename");
    }

    @Test
    void aFailedDirectorySyncFailsTheUploadAsADiskError() {
        byte[] data = data();
        ChunkFiles chunks = new ChunkFiles(dir, synced -> {
            throw new IOException("fsync failed");
        });
        assertThrows(IOException.class,
                () -> chunks.receive(senderId, SIZE, sha256(data), new ByteArrayInputStream(data)));
    }

    @Test
    void aChunkWithTheWrongDigestIsNeitherRenamedNorSynced() throws Exception {
        byte[] data = data();
        List<Path> synced = new ArrayList<>();
        ChunkFiles chunks = new ChunkFiles(dir, synced::add);
        byte[] wrong = sha256(data);
        wrong[0] ^= 1;
        XftpException e = assertThrows(XftpException.class,
                () -> chunks.receive(senderId, SIZE, wrong, new ByteArrayInputStream(data)));
        assertEquals(XftpError.DIGEST, e.error());
        assertTrue(synced.isEmpty());
        assertFalse(Files.exists(chunks.pathFor(senderId)));
        try (var entries = Files.list(dir)) {
            assertEquals(0, entries.count(), "no part file left behind");
        }
    }

    private static byte[] data() {
        byte[] data = new byte[SIZE];
        new Random(14).nextBytes(data);
        return data;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
