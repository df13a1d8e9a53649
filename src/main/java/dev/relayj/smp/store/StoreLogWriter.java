package dev.relayj.smp.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends store log lines to a file. Each line goes to the operating system in one write before
 * {@link #append} returns (as the reference's {@code hFlush} after every record), so a crash of
 * the server loses nothing it answered; with {@code fsyncEachRecord} it also reaches the disk,
 * surviving a crash of the machine.
 */
public final class StoreLogWriter implements StoreLogSink, AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final boolean fsyncEachRecord;
    private final ReentrantLock lock = new ReentrantLock();

    private StoreLogWriter(Path file, FileChannel channel, boolean fsyncEachRecord) {
        this.file = file;
        this.channel = channel;
        this.fsyncEachRecord = fsyncEachRecord;
    }

    /** Opens the file for appending, creating it when missing. */
    public static StoreLogWriter openAppend(Path file, boolean fsyncEachRecord) throws IOException {
        return new StoreLogWriter(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), fsyncEachRecord);
    }

    /** Opens the file empty, for writing a compacted state. */
    static StoreLogWriter create(Path file) throws IOException {
        return new StoreLogWriter(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), false);
    }

    public Path file() {
        return file;
    }

    @Override
    public void append(StoreLogRecord record) throws IOException {
        ByteBuffer line = ByteBuffer.wrap((record.encode() + "\n").getBytes(StandardCharsets.UTF_8));
        lock.lock();
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
            if (fsyncEachRecord) {
                channel.force(false);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Forces written lines to the disk. */
    public void sync() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
