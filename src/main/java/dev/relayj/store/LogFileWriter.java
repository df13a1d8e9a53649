package dev.relayj.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends whole lines to a store log file, for the queue log and the file log alike. Each append
 * goes to the operating system in one write before it returns (as the reference's {@code hFlush}
 * after every record), so that a crash of the server loses nothing it answered and leaves at most
 * one torn last line; with {@code fsyncEachRecord} it also reaches the disk, surviving a crash of
 * the machine.
 */
public final class LogFileWriter implements AutoCloseable {
    private static final int COMPACTION_BUFFER = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private final boolean fsyncEachRecord;
    private final ReentrantLock lock = new ReentrantLock();
    /** Lines not yet written, for a compacted state written in one go; null when each line is written at once. */
    private final ByteBuffer pending;

    private LogFileWriter(Path file, FileChannel channel, boolean fsyncEachRecord, ByteBuffer pending) {
        this.file = file;
        this.channel = channel;
        this.fsyncEachRecord = fsyncEachRecord;
        this.pending = pending;
    }

    /** Opens the file for appending, creating it when missing. */
    public static LogFileWriter openAppend(Path file, boolean fsyncEachRecord) throws IOException {
        return new LogFileWriter(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), fsyncEachRecord, null);
    }

    /**
     * Opens the file empty, for writing a compacted state: lines are buffered, and reach the file
     * on {@link #sync} or {@link #close} (nothing depends on the file until it is complete).
     */
    public static LogFileWriter create(Path file) throws IOException {
        return new LogFileWriter(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), false, ByteBuffer.allocateDirect(COMPACTION_BUFFER));
    }

    public Path file() {
        return file;
    }

    /** Appends whole lines already encoded, each ending with its newline. */
    public void appendLines(byte[] lines) throws IOException {
        appendLines(lines, lines.length);
    }

    /** Appends the whole lines in {@code lines[0, length)}, each ending with its newline. */
    public void appendLines(byte[] lines, int length) throws IOException {
        ByteBuffer line = ByteBuffer.wrap(lines, 0, length);
        lock.lock();
        try {
            if (pending != null) {
                if (line.remaining() > pending.remaining()) {
                    writePending();
                }
                if (line.remaining() <= pending.remaining()) {
                    pending.put(line);
                    return;
                }
            }
            writeFully(line);
            if (fsyncEachRecord) {
                channel.force(false);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Forces written lines to the disk. */
    public void sync() throws IOException {
        lock.lock();
        try {
            writePending();
            channel.force(false);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forces to the disk what has reached the file so far, without stopping appends meanwhile: a
     * compaction writing gigabytes has the disk work while it encodes the rest, rather than in
     * one {@link #sync} at the end.
     */
    public void forceWritten() throws IOException {
        channel.force(false);
    }

    /** Writes what is buffered, forces it to the disk and closes the file. Idempotent. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try (channel) {
            if (channel.isOpen()) {
                writePending();
                channel.force(false);
            }
        } finally {
            lock.unlock();
        }
    }

    private void writePending() throws IOException {
        if (pending != null && pending.position() > 0) {
            pending.flip();
            writeFully(pending);
            pending.clear();
        }
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }
}
