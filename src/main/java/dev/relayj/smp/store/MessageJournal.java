package dev.relayj.smp.store;

import dev.relayj.store.Directories;
import dev.relayj.encoding.ByteView;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Our durability extension beyond simplexmq (which saves messages only on a clean stop): an
 * append-only write-ahead journal of message changes, so that a message acknowledged to its
 * sender survives {@code kill -9}.
 *
 * <p>The journal is a sequence of segment files {@code <base>.<n>}, replayed in order of n. Each
 * record is framed as {@code length:u32 crc32c:u32 payload} (big-endian) with the payload of
 * {@link JournalRecord}. Appends go to an in-memory batch; {@link #awaitDurable} writes and
 * fsyncs it with group commit: the first waiter writes the whole batch for everyone waiting, so
 * many concurrent senders share one fsync. A torn or corrupt tail (a crash mid-write) is cut off
 * with a warning on open, never fatal.
 *
 * <p>Compaction starts a new segment and rewrites the live messages into it (see
 * {@link #startSegment()} and {@link #dropSegmentsBefore}); replaying old and new segments in order
 * gives the same state as replaying the new one alone once it is complete.
 */
public final class MessageJournal implements AutoCloseable {
    private static final int HEADER = 8;
    /**
     * Larger payloads are corruption. The largest record is a compacted queue: its quota of
     * messages of at most 16 KB each.
     */
    private static final int MAX_PAYLOAD = 1 << 30;

    private final Path directory;
    private final String baseName;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition flushed = lock.newCondition();
    private FileChannel channel;
    private long segment;
    private long segmentBytes;
    private byte[] batch = new byte[8192];
    private int batchSize;
    /** The buffer of the last write, taken as the next batch: writing does not allocate. */
    private byte[] spare;
    private long appendedSeq;
    private long durableSeq;
    private boolean flushing;
    private IOException failure;
    private boolean closed;
    private ReplayReport replayReport;

    private MessageJournal(Path directory, String baseName) {
        this.directory = directory;
        this.baseName = baseName;
    }

    /** What replay found. */
    public record ReplayReport(int records, long segments, long truncatedBytes) {}

    /**
     * Opens the journal at {@code base} (a file path; segments are {@code base.1}, {@code base.2}, ...),
     * feeds every intact record to {@code replay} in order, cuts off a torn tail (reported to
     * {@code warnings}) and continues appending to the last segment.
     */
    public static MessageJournal open(Path base, Consumer<JournalRecord> replay, Consumer<String> warnings)
            throws IOException {
        Path directory = base.toAbsolutePath().getParent();
        MessageJournal journal = new MessageJournal(directory, base.getFileName().toString());
        List<Long> segments = journal.segmentNumbers();
        int records = 0;
        long truncated = 0;
        for (int i = 0; i < segments.size(); i++) {
            Path file = journal.segmentPath(segments.get(i));
            long[] counts = replaySegment(file, replay, warnings);
            records += (int) counts[0];
            truncated += counts[1];
        }
        journal.segment = segments.isEmpty() ? 1 : segments.get(segments.size() - 1);
        journal.channel = openAppend(journal.segmentPath(journal.segment));
        journal.segmentBytes = journal.channel.size();
        if (segments.isEmpty()) {
            Directories.sync(directory);
        }
        journal.replayReport = new ReplayReport(records, segments.size(), truncated);
        return journal;
    }

    /**
     * Opens the journal at {@code base} on a new segment after any existing ones, without
     * replaying them: their content is superseded (the message log of a clean stop is being
     * imported). They stay on disk until {@link #dropSegmentsBefore} removes them once the new
     * state is durable, so a crash before that loses nothing.
     */
    public static MessageJournal openSuperseding(Path base) throws IOException {
        Path directory = base.toAbsolutePath().getParent();
        MessageJournal journal = new MessageJournal(directory, base.getFileName().toString());
        List<Long> segments = journal.segmentNumbers();
        journal.segment = segments.isEmpty() ? 1 : segments.get(segments.size() - 1) + 1;
        journal.channel = openAppend(journal.segmentPath(journal.segment));
        journal.segmentBytes = journal.channel.size();
        Directories.sync(directory);
        journal.replayReport = new ReplayReport(0, 0, 0);
        return journal;
    }

    /** Returns [records, truncated bytes]. */
    private static long[] replaySegment(Path file, Consumer<JournalRecord> replay, Consumer<String> warnings)
            throws IOException {
        byte[] data = Files.readAllBytes(file);
        int position = 0;
        int records = 0;
        String problem = null;
        while (position < data.length) {
            if (data.length - position < HEADER) {
                problem = "incomplete record header";
                break;
            }
            int length = ByteBuffer.wrap(data, position, 4).getInt();
            int crc = ByteBuffer.wrap(data, position + 4, 4).getInt();
            if (length <= 0 || length > MAX_PAYLOAD || length > data.length - position - HEADER) {
                problem = length > data.length - position - HEADER && length > 0 && length <= MAX_PAYLOAD
                        ? "incomplete record" : "invalid record length " + length;
                break;
            }
            if (crc32c(data, position + HEADER, length) != crc) {
                problem = "checksum mismatch";
                break;
            }
            JournalRecord record;
            try {
                record = JournalRecord.read(Arrays.copyOfRange(data, position + HEADER, position + HEADER + length));
            } catch (DecodingException e) {
                problem = "undecodable record (" + e.getMessage() + ")";
                break;
            }
            replay.accept(record);
            records++;
            position += HEADER + length;
        }
        long truncated = data.length - position;
        if (problem != null) {
            warnings.accept("message journal " + file + ": " + problem + " at byte " + position + ", ignoring the last "
                    + truncated + " bytes (interrupted write)");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(position);
                channel.force(true);
            }
        }
        return new long[] {records, truncated};
    }

    /** What {@link #open} replayed. */
    public ReplayReport replayReport() {
        return replayReport;
    }

    /** Adds a record to the current batch; returns its sequence number for {@link #awaitDurable}. */
    public long append(JournalRecord record) throws IOException {
        SmpWriter head = new SmpWriter(96);
        record.writeHead(head);
        byte[] headBytes = head.toByteArray();
        ByteView body = record.body();
        int length = headBytes.length + body.length();
        // the checksum of a 16 KB body is computed before taking the lock all appenders share
        CRC32C crc = new CRC32C();
        crc.update(headBytes);
        body.updateChecksum(crc);
        lock.lock();
        try {
            if (closed) {
                throw new IOException("message journal is closed");
            }
            if (failure != null) {
                throw failure;
            }
            ensureBatch(HEADER + length);
            ByteBuffer.wrap(batch, batchSize, HEADER).putInt(length).putInt((int) crc.getValue());
            System.arraycopy(headBytes, 0, batch, batchSize + HEADER, headBytes.length);
            body.copyTo(batch, batchSize + HEADER + headBytes.length);
            batchSize += HEADER + length;
            return ++appendedSeq;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns once the record with this sequence number (and all before it) is written and
     * fsync'd. Concurrent callers share one write and one fsync.
     */
    public void awaitDurable(long seq) throws IOException {
        lock.lock();
        try {
            while (durableSeq < seq) {
                if (failure != null) {
                    throw failure;
                }
                if (flushing) {
                    flushed.awaitUninterruptibly();
                } else {
                    writeBatchAsLeader(true);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writes and fsyncs everything appended so far. */
    public void sync() throws IOException {
        long seq;
        lock.lock();
        try {
            seq = appendedSeq;
        } finally {
            lock.unlock();
        }
        awaitDurable(seq);
    }

    /** Bytes in the current segment, including the unwritten batch. */
    public long segmentBytes() {
        lock.lock();
        try {
            return segmentBytes + batchSize;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes everything appended so far durable in the current segment, then directs further
     * appends to a new segment; returns the new segment's number.
     */
    public long startSegment() throws IOException {
        sync();
        lock.lock();
        try {
            while (flushing) {
                flushed.awaitUninterruptibly();
            }
            if (batchSize > 0) {
                writeBatchAsLeader(true);
            }
            long next = segment + 1;
            FileChannel nextChannel = openAppend(segmentPath(next));
            Directories.sync(directory);
            channel.close();
            channel = nextChannel;
            segment = next;
            segmentBytes = 0;
            return next;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Deletes the segments numbered below {@code first}, after making the current one durable.
     * Oldest first: a crash part-way leaves a suffix of the old segments, which replays to the
     * same state, since the new segment holds a snapshot of every queue that still has messages.
     */
    public void dropSegmentsBefore(long first) throws IOException {
        sync();
        for (long number : segmentNumbers()) {
            if (number < first) {
                Files.deleteIfExists(segmentPath(number));
            }
        }
        Directories.sync(directory);
    }

    /** Deletes every segment: the messages are saved elsewhere (the message log of a clean stop). */
    public static void deleteAll(Path base) throws IOException {
        Path directory = base.toAbsolutePath().getParent();
        MessageJournal probe = new MessageJournal(directory, base.getFileName().toString());
        for (long number : probe.segmentNumbers()) {
            Files.deleteIfExists(probe.segmentPath(number));
        }
        Directories.sync(directory);
    }

    public static boolean exists(Path base) throws IOException {
        Path directory = base.toAbsolutePath().getParent();
        return !new MessageJournal(directory, base.getFileName().toString()).segmentNumbers().isEmpty();
    }

    /** Makes everything durable and closes the file. */
    @Override
    public void close() throws IOException {
        try {
            if (failure == null) {
                sync();
            }
        } finally {
            lock.lock();
            try {
                closed = true;
                channel.close();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Caller holds the lock and no flush is running; the lock is released during I/O. */
    private void writeBatchAsLeader(boolean force) throws IOException {
        flushing = true;
        byte[] toWrite = batch;
        int size = batchSize;
        long seq = appendedSeq;
        FileChannel target = channel;
        batch = spare != null ? spare : new byte[Math.max(8192, Math.min(size, 1 << 20))];
        spare = null;
        batchSize = 0;
        lock.unlock();
        IOException error = null;
        try {
            ByteBuffer buffer = ByteBuffer.wrap(toWrite, 0, size);
            while (buffer.hasRemaining()) {
                target.write(buffer);
            }
            if (force) {
                target.force(false);
            }
        } catch (IOException e) {
            error = e instanceof InterruptedIOException ? new IOException("journal write interrupted", e) : e;
        } finally {
            lock.lock();
            flushing = false;
            if (toWrite.length <= 1 << 20) {
                spare = toWrite;
            }
            if (error == null) {
                durableSeq = seq;
                segmentBytes += size;
            } else {
                failure = new IOException("message journal write failed: " + error.getMessage(), error);
            }
            flushed.signalAll();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void ensureBatch(int extra) {
        if (batchSize + extra > batch.length) {
            batch = Arrays.copyOf(batch, Math.max(batchSize + extra, batch.length * 2));
        }
    }

    private Path segmentPath(long number) {
        return directory.resolve(baseName + "." + number);
    }

    private List<Long> segmentNumbers() throws IOException {
        List<Long> numbers = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return numbers;
        }
        String prefix = baseName + ".";
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, prefix + "*")) {
            for (Path file : files) {
                String suffix = file.getFileName().toString().substring(prefix.length());
                if (!suffix.isEmpty() && suffix.chars().allMatch(c -> c >= '0' && c <= '9') && suffix.length() < 18) {
                    numbers.add(Long.parseLong(suffix));
                }
            }
        }
        numbers.sort(null);
        return numbers;
    }

    private static FileChannel openAppend(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private static int crc32c(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        return (int) crc.getValue();
    }
}
