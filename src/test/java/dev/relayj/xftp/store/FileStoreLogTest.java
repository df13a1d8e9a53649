package dev.relayj.xftp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.crypto.Ed25519PublicKey;
import dev.relayj.crypto.X25519PublicKey;
import dev.relayj.encoding.DecodingException;
import dev.relayj.protocol.BlockingInfo;
import dev.relayj.protocol.ClientNotice;
import dev.relayj.protocol.EntityId;
import dev.relayj.store.EntityStatus;
import dev.relayj.store.StoreLogFiles;
import dev.relayj.xftp.protocol.FileParty;
import dev.relayj.xftp.protocol.XftpError;
import dev.relayj.xftp.protocol.XftpException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreLogTest {
    // base64url of the SPKI of Ed25519 keys of 32 bytes 0x01 and 0x02, and an X25519 key of 0x03
    static final String SND_KEY = "MCowBQYDK2VwAyEAAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=";
    static final String RCV_KEY = "MCowBQYDK2VwAyEAAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=";
    static final String DH_RCV_KEY = "MCowBQYDK2VuAyEAAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwM=";
    static final String SID1 = "EBAQEBAQEBAQEBAQEBAQEA==";
    static final String SID2 = "ICAgICAgICAgICAgICAgIA==";
    static final String SID3 = "MDAwMDAwMDAwMDAwMDAwMA==";
    static final String RID1 = "EREREREREREREREREREREQ==";
    static final String RID2 = "EhISEhISEhISEhISEhISEg==";
    static final String RID3 = "ISEhISEhISEhISEhISEhIQ==";
    static final String DIGEST = "CQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk=";
    // base64url of "/var/opt/simplex-xftp/EBAQEBAQEBAQEBAQEBAQEA=="
    static final String PATH1 = "L3Zhci9vcHQvc2ltcGxleC14ZnRwL0VCQVFFQkFRRUJBUUVCQVFFQkFRRUE9PQ==";

    /** A log as the reference writes it, including an old FNEW without status. */
    static final List<String> SAMPLE = List.of(
            "FNEW " + SID1 + " " + SND_KEY + " 65536 " + DIGEST + " 1718000000 active",
            "FADD " + SID1 + " " + RID1 + ":" + RCV_KEY + "," + RID2 + ":" + DH_RCV_KEY,
            "FPUT " + SID1 + " " + PATH1,
            "FNEW " + SID2 + " " + SND_KEY + " 262144 " + DIGEST + " 1718003600",
            "FADD " + SID2 + " " + RID3 + ":" + RCV_KEY,
            "FACK " + RID2,
            "FBLK " + SID2 + " reason=spam,notice={\"ttl\":86400}",
            "FNEW " + SID3 + " " + SND_KEY + " 1048576 " + DIGEST + " 1718007200 blocked,reason=content",
            "FDEL " + SID3);

    static EntityId id(String base64) throws DecodingException {
        return EntityId.fromBase64(base64);
    }

    @Test
    void everyRecordKindReadsAndWritesTheReferenceText() throws Exception {
        List<String> lines = new ArrayList<>(SAMPLE);
        lines.set(3, SAMPLE.get(3) + " active"); // we always write the status, as the reference does now
        lines.add("FNEW " + SID3 + " " + SND_KEY + " 4194304 " + DIGEST + " -3600 off");
        for (String line : lines) {
            assertEquals(line, FileStoreLogRecord.parse(line).encode(), line);
        }
        FileStoreLogRecord.AddFile old = assertInstanceOf(FileStoreLogRecord.AddFile.class, FileStoreLogRecord.parse(SAMPLE.get(3)));
        assertEquals(EntityStatus.ACTIVE, old.status());
        assertEquals(262144, old.fileInfo().size());
        FileStoreLogRecord.PutFile put = assertInstanceOf(FileStoreLogRecord.PutFile.class, FileStoreLogRecord.parse(SAMPLE.get(2)));
        assertEquals("/var/opt/simplex-xftp/EBAQEBAQEBAQEBAQEBAQEA==", put.filePath());
        FileStoreLogRecord.AddRecipients add = assertInstanceOf(FileStoreLogRecord.AddRecipients.class,
                FileStoreLogRecord.parse(SAMPLE.get(1)));
        assertInstanceOf(X25519PublicKey.class, add.recipients().get(1).key());
        // unpadded base64 is read too
        assertEquals(id(SID1), ((FileStoreLogRecord.DeleteFile) FileStoreLogRecord.parse("FDEL EBAQEBAQEBAQEBAQEBAQEA")).senderId());
        for (String bad : List.of("", "FNEW", "FDEL ", "FDEL !!", "FDEL " + SID1 + " x", "FACK " + SID1 + " ",
                "FNEW " + SID1 + " " + SND_KEY + " 65536 " + DIGEST, "FNEW " + SID1 + " " + SND_KEY + " 4294967296 " + DIGEST + " 1",
                "FNEW " + SID1 + " " + SND_KEY + " 1 " + DIGEST + " 1 paused", "FADD " + SID1 + " " + RID1,
                "FADD " + SID1 + " " + RID1 + ":" + RCV_KEY + ",", "FBLK " + SID1, "FBLK " + SID1 + " reason=x", "XXXX " + SID1)) {
            assertThrows(DecodingException.class, () -> FileStoreLogRecord.parse(bad), bad);
        }
    }

    @Test
    void sampleLogLoadsUnchanged(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("file-server-store.log");
        Files.writeString(log, String.join("\n", SAMPLE) + "\n", StandardCharsets.ISO_8859_1);
        FileStore store = new FileStore();
        List<String> reports = new ArrayList<>();
        FileStoreLogLoader.replay(log, store, reports::add);
        assertEquals(List.of(), reports);
        assertEquals(2, store.fileCount());

        FileRec first = store.getFile(FileParty.SENDER, id(SID1)).file();
        assertEquals("/var/opt/simplex-xftp/EBAQEBAQEBAQEBAQEBAQEA==", first.filePath());
        assertEquals(1718000000, first.createdAt());
        assertEquals(List.of(id(RID1)), first.recipientIds());
        assertEquals(new Ed25519PublicKey(filled(32, 2)), store.getFile(FileParty.RECIPIENT, id(RID1)).key());
        assertEquals(XftpError.AUTH, assertThrows(XftpException.class, () -> store.getFile(FileParty.RECIPIENT, id(RID2))).error());

        FileRec second = store.getFile(FileParty.RECIPIENT, id(RID3)).file();
        assertEquals(new EntityStatus.Blocked(new BlockingInfo(BlockingInfo.Reason.SPAM, new ClientNotice(86400L))),
                second.status());
        assertNull(second.filePath());
        assertThrows(XftpException.class, () -> store.getFile(FileParty.SENDER, id(SID3)));
        assertEquals(65536, store.usedStorage());
    }

    @Test
    void compactionWritesTheReferenceFormatAndKeepsABackup(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("file-server-store.log");
        Files.writeString(log, String.join("\n", SAMPLE) + "\n", StandardCharsets.ISO_8859_1);
        FileStore store = new FileStore();
        FileStoreLogLoader.replay(log, store, r -> { });
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:20:30.120Z"), ZoneOffset.UTC);
        List<String> reports = new ArrayList<>();
        try (FileStoreLog writer = FileStoreLogLoader.compact(log, store, FsyncPolicy.EVERY_RECORD, clock, reports::add)) {
            writer.append(new FileStoreLogRecord.AckFile(id(RID1)));
        }
        Path backup = dir.resolve("file-server-store.log.2026-03-01T10:20:30.12Z");
        assertTrue(Files.exists(backup), "timed backup as iso8601Show names it");
        assertEquals(String.join("\n", SAMPLE) + "\n", Files.readString(backup, StandardCharsets.ISO_8859_1));
        assertFalse(Files.exists(dir.resolve("file-server-store.log.tmp")));

        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        List<String> firstFile = List.of(
                "FNEW " + SID1 + " " + SND_KEY + " 65536 " + DIGEST + " 1718000000 active",
                "FADD " + SID1 + " " + RID1 + ":" + RCV_KEY,
                "FPUT " + SID1 + " " + PATH1);
        List<String> secondFile = List.of(
                "FNEW " + SID2 + " " + SND_KEY + " 262144 " + DIGEST + " 1718003600 blocked,reason=spam,notice={\"ttl\":86400}",
                "FADD " + SID2 + " " + RID3 + ":" + RCV_KEY);
        assertEquals(6, lines.size());
        assertEquals("FACK " + RID1, lines.get(5));
        List<String> compacted = lines.subList(0, 5);
        assertTrue(compacted.equals(concat(firstFile, secondFile)) || compacted.equals(concat(secondFile, firstFile)), lines::toString);

        FileStore reloaded = new FileStore();
        FileStoreLogLoader.replay(log, reloaded, r -> { });
        assertEquals(2, reloaded.fileCount());
        assertEquals(List.of(), reloaded.getFile(FileParty.SENDER, id(SID1)).file().recipientIds());
    }

    @Test
    void tornLastLineIsReportedAndSkipped(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("file-server-store.log");
        String torn = "FADD " + SID1 + " " + RID1 + ":MCowBQYDK2Vw";
        Files.writeString(log, SAMPLE.get(0) + "\n" + torn, StandardCharsets.ISO_8859_1);
        FileStore store = new FileStore();
        List<String> reports = new ArrayList<>();
        FileStoreLogLoader.replay(log, store, reports::add);
        assertEquals(1, store.fileCount());
        assertEquals(1, reports.size());
        assertTrue(reports.get(0).contains("line 2") && reports.get(0).contains("torn"), reports.get(0));
    }

    @Test
    void aCorruptLineStopsTheStartNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("file-server-store.log");
        Files.writeString(log, SAMPLE.get(0) + "\nFADD garbage\n" + SAMPLE.get(3) + "\n", StandardCharsets.ISO_8859_1);
        StoreLogCorruptException e = assertThrows(StoreLogCorruptException.class,
                () -> FileStoreLogLoader.replay(log, new FileStore(), r -> { }));
        assertTrue(e.getMessage().startsWith(log + " line 2: "), e.getMessage());
    }

    @Test
    void recordsThatDoNotApplyAreReportedAsTheReferenceDoes(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("file-server-store.log");
        Files.writeString(log, "FACK " + RID1 + "\n" + SAMPLE.get(0) + "\n" + SAMPLE.get(0) + "\n"
                + "FNEW " + SID2 + " " + SND_KEY + " 0 " + DIGEST + " 1\n", StandardCharsets.ISO_8859_1);
        FileStore store = new FileStore();
        List<String> reports = new ArrayList<>();
        FileStoreLogLoader.replay(log, store, reports::add);
        assertEquals(1, store.fileCount());
        assertEquals(3, reports.size());
        assertTrue(reports.get(0).contains("(AUTH)"));
        assertTrue(reports.get(1).contains("(DUPLICATE_)"));
        assertTrue(reports.get(2).contains("(SIZE)"));
    }

    @Test
    void anInterruptedReferenceCompactionIsRecovered(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("file-server-store.log");
        Files.writeString(dir.resolve("file-server-store.log.start"), SAMPLE.get(0) + "\n");
        Files.writeString(log, "FNEW partial");
        FileStore store = new FileStore();
        FileStoreLogLoader.replay(log, store, r -> { });
        assertEquals(1, store.fileCount());
        assertEquals("FNEW partial", Files.readString(dir.resolve("file-server-store.log.bak")));
        assertFalse(Files.exists(dir.resolve("file-server-store.log.start")));
    }

    @Test
    void oldBackupsArePrunedAsTheReferenceDoes(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("file-server-store.log");
        Files.writeString(log, "");
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        List<String> old = new ArrayList<>();
        for (int day = 22; day <= 27; day++) {
            String name = "file-server-store.log." + StoreLogFiles.iso8601(now.minusSeconds(day * 86400L));
            Files.writeString(dir.resolve(name), "");
            old.add(name);
        }
        FileStoreLogLoader.compact(log, new FileStore(), FsyncPolicy.OS_BUFFERED, Clock.fixed(now, ZoneOffset.UTC), r -> { }).close();
        // six backups older than 21 days: the newest three are kept
        for (int i = 0; i < old.size(); i++) {
            assertEquals(i < 3, Files.exists(dir.resolve(old.get(i))), old.get(i));
        }
        assertTrue(Files.exists(dir.resolve("file-server-store.log.2026-03-01T00:00:00Z")));
    }

    static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
