package dev.relayj.xftp.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The open store log, appended to as the server changes state. Each record is written whole with
 * its newline in one write ({@code writeStoreLogRecord} in {@code Server/StoreLog.hs}), so that
 * a crash leaves at most one torn last line; the append returns once the record is with the OS,
 * or on disk under {@link FsyncPolicy#EVERY_RECORD}.
 */
public final class FileStoreLog implements Closeable {
    private final Path path;
    private final FileChannel channel;
    private final FsyncPolicy fsyncPolicy;
    private final ReentrantLock lock = new ReentrantLock();

    private FileStoreLog(Path path, FileChannel channel, FsyncPolicy fsyncPolicy) {
        this.path = path;
        this.channel = channel;
        this.fsyncPolicy = fsyncPolicy;
    }

    /** Opens the log for appending, creating it if absent. */
    public static FileStoreLog openAppend(Path path, FsyncPolicy fsyncPolicy) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        return new FileStoreLog(path, channel, fsyncPolicy);
    }

    public Path path() {
        return path;
    }

    public void append(FileStoreLogRecord record) throws IOException {
        ByteBuffer line = ByteBuffer.wrap((record.encode() + "\n").getBytes(StandardCharsets.ISO_8859_1));
        lock.lock();
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
            if (fsyncPolicy == FsyncPolicy.EVERY_RECORD) {
                channel.force(false);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Forces what was appended to disk, for an orderly stop. */
    public void sync() throws IOException {
        lock.lock();
        try {
            channel.force(false);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (channel.isOpen()) {
                channel.force(false);
                channel.close();
            }
        } finally {
            lock.unlock();
        }
    }
}
