package dev.relayj.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicTextFileTest {
    @TempDir
    Path dir;

    /** The stats state and metrics files get the umask's mode, as a plain new file (not 0600 of a temp file). */
    @Test
    void replacesTheTextWholeWithThePlainFileMode() throws Exception {
        Path plain = Files.createFile(dir.resolve("plain"));
        Path state = dir.resolve("smp-server-stats.log");
        AtomicTextFile.write(state, "fromTime=0\n");
        AtomicTextFile.write(state, "fromTime=1\n");
        assertEquals("fromTime=1\n", Files.readString(state));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(state));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("plain", "smp-server-stats.log"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file is left");
        }
    }
}
