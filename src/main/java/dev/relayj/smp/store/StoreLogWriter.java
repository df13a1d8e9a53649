package dev.relayj.smp.store;

import dev.relayj.store.LogFileWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The queue store log open for appending its records; the writing is the shared {@link LogFileWriter}. */
public final class StoreLogWriter implements StoreLogSink, AutoCloseable {
    private final LogFileWriter out;

    private StoreLogWriter(LogFileWriter out) {
        this.out = out;
    }

    /** Opens the file for appending, creating it when missing. */
    public static StoreLogWriter openAppend(Path file, boolean fsyncEachRecord) throws IOException {
        return new StoreLogWriter(LogFileWriter.openAppend(file, fsyncEachRecord));
    }

    /** Opens the file empty, for writing a compacted state (buffered until {@link #sync} or {@link #close}). */
    static StoreLogWriter create(Path file) throws IOException {
        return new StoreLogWriter(LogFileWriter.create(file));
    }

    public Path file() {
        return out.file();
    }

    @Override
    public void append(StoreLogRecord record) throws IOException {
        out.appendLines((record.encode() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Appends the whole lines in {@code lines[0, length)}, each ending with its newline. */
    void appendLines(byte[] lines, int length) throws IOException {
        out.appendLines(lines, length);
    }

    /** Forces what has reached the file so far to the disk, while appends go on ({@link LogFileWriter#forceWritten}). */
    void forceWritten() throws IOException {
        out.forceWritten();
    }

    /** Forces written lines to the disk. */
    public void sync() throws IOException {
        out.sync();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
