package dev.relayj.xftp.store;

import dev.relayj.store.LogFileWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The open file store log, appended to as the server changes state ({@code writeStoreLogRecord}
 * in {@code Server/StoreLog.hs}); the writing is the shared {@link LogFileWriter}: each record
 * whole with its newline in one write, on disk before the append returns under
 * {@link FsyncPolicy#EVERY_RECORD}.
 */
public final class FileStoreLog implements Closeable {
    private final LogFileWriter out;

    private FileStoreLog(LogFileWriter out) {
        this.out = out;
    }

    /** Opens the log for appending, creating it if absent. */
    public static FileStoreLog openAppend(Path path, FsyncPolicy fsyncPolicy) throws IOException {
        return new FileStoreLog(LogFileWriter.openAppend(path, fsyncPolicy == FsyncPolicy.EVERY_RECORD));
    }

    public Path path() {
        return out.file();
    }

    public void append(FileStoreLogRecord record) throws IOException {
        out.appendLines((record.encode() + "\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Forces what was appended to disk, for an orderly stop. */
    public void sync() throws IOException {
        out.sync();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
