package dev.relayj.smp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogLineReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsLinesAcrossBufferBoundariesAndTellsAnUnfinishedLastLine() throws Exception {
        String shortLine = "x".repeat(1000);
        String longLine = "y".repeat(3 << 20);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < 2000; i++) {
            bytes.writeBytes((shortLine + i + "\n").getBytes(StandardCharsets.UTF_8));
        }
        bytes.writeBytes((longLine + "\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("caf\u00e9 \u2713\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("cut".getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("log");
        Files.write(file, bytes.toByteArray());
        try (LogLineReader reader = new LogLineReader(file)) {
            for (int i = 0; i < 2000; i++) {
                assertEquals(shortLine + i, reader.next());
                assertTrue(reader.terminated());
            }
            assertEquals(longLine, reader.next());
            assertEquals("", reader.next());
            assertEquals("caf\u00e9 \u2713", reader.next());
            assertEquals("cut", reader.next());
            assertFalse(reader.terminated());
            assertEquals(2004, reader.lineNumber());
            assertNull(reader.next());
        }
    }

    @Test
    void rejectsInvalidUtf8AndGoesOnWithTheNextLine() throws Exception {
        Path file = dir.resolve("log");
        Files.write(file, new byte[] {'a', (byte) 0xff, '\n', 'b', '\n'});
        try (LogLineReader reader = new LogLineReader(file)) {
            assertThrows(LogLineReader.MalformedLineException.class, reader::next);
            assertEquals(1, reader.lineNumber());
            assertEquals("b", reader.next());
            assertNull(reader.next());
        }
    }
}
