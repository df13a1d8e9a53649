package dev.relayj.smp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.protocol.EntityId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notifications of a clean stop survive a crash of the next run (hardening issue, item 7). */
class NotificationLogTest {
    private static final long NOW = 1_740_830_400L;

    @TempDir
    Path dir;

    @Test
    void restoredNotificationsAreRestoredAgainAfterACrashOfTheStartedRelay() throws Exception {
        Path file = dir.resolve("smp-server-ntfs.log");
        NotificationStore saved = new NotificationStore();
        EntityId notifier = new EntityId(bytes(24, 1));
        saved.store(notifier, notification(1));
        saved.store(notifier, notification(2));
        assertEquals(2, NotificationLog.save(file, saved));
        assertFalse(Files.exists(dir.resolve("smp-server-ntfs.log.tmp")));

        NotificationStore started = new NotificationStore();
        assertEquals(2, NotificationLog.restore(file, started, NOW - 3600).storedCount());
        assertTrue(Files.exists(dir.resolve("smp-server-ntfs.log.bak")), "the reference's backup copy");
        assertTrue(Files.exists(file), "kept until the next save replaces it");

        // killed before any save: the next start finds the same notifications
        NotificationStore restarted = new NotificationStore();
        assertEquals(2, NotificationLog.restore(file, restarted, NOW - 3600).storedCount());
        List<NotificationStore.MessageNotification> restored = restarted.snapshot().get(notifier);
        assertArrayEquals(notification(1).msgId(), restored.get(0).msgId());
        assertArrayEquals(notification(2).msgId(), restored.get(1).msgId());

        // a save replaces the file with the current state
        assertEquals(0, NotificationLog.save(file, new NotificationStore()));
        assertEquals(0, Files.size(file));
    }

    private static NotificationStore.MessageNotification notification(int seed) {
        return new NotificationStore.MessageNotification(bytes(24, 10 + seed), NOW, bytes(24, 20 + seed),
                bytes(40, 30 + seed));
    }

    private static byte[] bytes(int length, int seed) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (seed * 31 + i * 7);
        }
        return out;
    }
}
