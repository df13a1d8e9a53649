package dev.relayj.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** What makes a file's creation, rename or removal survive a crash of the machine. */
public final class Directories {
    private Directories() {}

    /**
     * Forces the directory's entries to the disk: after a rename into it the new name, and not
     * only the file's bytes, is then durable (a rename is atomic, but not durable by itself).
     */
    public static void sync(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** {@link #sync} of the directory that holds {@code file}. */
    public static void syncParent(Path file) throws IOException {
        sync(file.toAbsolutePath().getParent());
    }
}
