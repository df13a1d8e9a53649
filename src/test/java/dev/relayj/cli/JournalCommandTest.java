package dev.relayj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code smp-server journal import|export|delete}: the checks, prompts and texts of Server/Main.hs. */
class JournalCommandTest {
    @TempDir
    Path tmp;

    private Path cfg() {
        return tmp.resolve("etc");
    }

    private Path log() {
        return tmp.resolve("var");
    }

    @Test
    void importExportAndDeleteAnswerAsTheReference() throws Exception {
        assertEquals(0, CliRun.smp(cfg(), log(), "init", "-y", "--disable-web").exitCode());
        Path journalDir = log().resolve("messages");
        Path msgsFile = log().resolve("smp-server-messages.log");

        CliRun missing = CliRun.smp(cfg(), log(), "journal");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().startsWith("Missing: COMMAND"), missing.err());

        CliRun noStoreLog = CliRun.smp(cfg(), log(), "journal", "delete");
        assertEquals(1, noStoreLog.exitCode());
        assertTrue(noStoreLog.err().contains("Store log file " + log().resolve("smp-server-store.log") + " not found"),
                noStoreLog.err());
        Files.createDirectories(log());
        Files.writeString(log().resolve("smp-server-store.log"), "");

        CliRun noDir = CliRun.smp(cfg(), log(), "journal", "delete");
        assertEquals(1, noDir.exitCode());
        assertTrue(noDir.err().contains(journalDir + " directory does not exists."), noDir.err());

        CliRun noFile = CliRun.smp(cfg(), log(), "journal", "import");
        assertTrue(noFile.err().contains(msgsFile + " file does not exist."), noFile.err());

        Files.writeString(msgsFile, "");
        CliRun declined = CliRun.smp(cfg(), log(), "n\n", server -> server.close(), "journal", "import");
        assertEquals(1, declined.exitCode());
        assertTrue(declined.out().contains("WARNING: message log file " + msgsFile
                + " will be imported to journal directory " + journalDir + "\nContinue (Y/n): "), declined.out());
        assertTrue(declined.err().contains("Messages not imported"), declined.err());

        CliRun imported = CliRun.smp(cfg(), log(), "Y\n", server -> server.close(), "journal", "import");
        assertEquals(0, imported.exitCode(), imported.err());
        assertTrue(imported.out().contains("Import completed\nMessages stored: 0, expired: 0, queues: 0\n"
                + "store_messages set to `memory`, update it to `journal` in INI file\n"), imported.out());
        assertTrue(Files.exists(log().resolve("smp-server-messages.log.bak")));

        Files.createDirectories(journalDir);
        CliRun exported = CliRun.smp(cfg(), log(), "Y\n", server -> server.close(), "journal", "export");
        assertEquals(0, exported.exitCode(), exported.err());
        assertTrue(exported.out().contains("Export completed\nstore_messages set to `memory`, start the server.\n"),
                exported.out());
        assertTrue(Files.exists(msgsFile));

        CliRun both = CliRun.smp(cfg(), log(), "journal", "export");
        assertTrue(both.err().contains("Error: both " + msgsFile + " file and " + journalDir
                + " directory are present.\nConfigure memory storage."), both.err());

        CliRun deleted = CliRun.smp(cfg(), log(), "Y\n", server -> server.close(), "journal", "delete");
        assertEquals(0, deleted.exitCode(), deleted.err());
        assertTrue(deleted.out().contains("WARNING: journal directory " + journalDir
                + " will be permanently deleted.\nTHIS CANNOT BE UNDONE!"), deleted.out());
        assertTrue(deleted.out().contains("Deleted all messages in journal " + journalDir), deleted.out());
        assertFalse(Files.exists(journalDir));
    }
}
