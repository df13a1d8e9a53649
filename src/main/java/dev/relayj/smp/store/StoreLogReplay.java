package dev.relayj.smp.store;

import dev.relayj.encoding.DecodingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Replays a store log: the calling thread reads the file in blocks of whole lines and applies
 * records to the store in their order, while the other cores parse blocks straight from their bytes
 * (base64, keys: most of the work of a restart). The outcome, warnings and errors included, is the
 * same as applying line after line: a block's records are applied only after every earlier
 * block's, and the first line that is not a record ends the replay there.
 */
final class StoreLogReplay {
    /**
     * The parsed lines of a block, then what ends the replay after them, if anything does. Line
     * {@code i} is a usual CREATE line made into its queue, with its ids' hashes, by the parsing
     * thread ({@code queues[i]}: the applying thread need not fetch the new queue's ids, see
     * {@link QueueStore#addReplayedQueue}), or else any record ({@code records[i]}).
     */
    private record Batch(StoreQueue[] queues, int[] recipientIdHashes, int[] senderIdHashes,
            StoreLogRecord[] records, int count, Ending ending) {}

    /** A line that is not a record: it ends the replay. */
    private sealed interface Ending {
        /** A complete line that does not parse: an error. */
        record Invalid(String problem) implements Ending {}

        /** A complete line that is not UTF-8 text: an error. */
        record Malformed() implements Ending {}

        /** The file's last line, without its newline: a crash cut its write, so it is skipped with a warning. */
        record Unfinished(boolean malformed) implements Ending {}
    }

    private static final String MALFORMED = "not valid UTF-8 text";

    private final Path file;
    private final QueueStore store;
    private final Consumer<String> notes;
    private long lines;
    private int warnings;

    private StoreLogReplay(Path file, QueueStore store, Consumer<String> notes) {
        this.file = file;
        this.store = store;
        this.notes = notes;
    }

    /** Replays the log into the store, which must not have a log attached yet. */
    static QueueStoreLog.LoadReport replay(Path file, QueueStore store, Consumer<String> notes)
            throws IOException, StoreFileException {
        return new StoreLogReplay(file, store, notes).run();
    }

    private QueueStoreLog.LoadReport run() throws IOException, StoreFileException {
        // the calling thread reads and applies, which takes it less than a third of the parsing: a
        // parser per core
        int parsers = Math.max(1, Runtime.getRuntime().availableProcessors());
        int window = 2 * parsers;
        ExecutorService executor = Executors.newFixedThreadPool(parsers, runnable -> {
            Thread thread = new Thread(runnable, "store-log-parser");
            thread.setDaemon(true);
            return thread;
        });
        ThreadLocal<BlockParser> blockParsers = ThreadLocal.withInitial(BlockParser::new);
        Deque<Future<Batch>> inFlight = new ArrayDeque<>();
        try (LogBlockReader blocks = new LogBlockReader(file, window + 2)) {
            boolean ended = false;
            while (!ended) {
                LogBlockReader.Block block = blocks.next();
                if (block != null) {
                    inFlight.add(executor.submit(() -> {
                        Batch batch = blockParsers.get().parse(block.bytes(), block.length());
                        blocks.recycle(block.bytes());
                        return batch;
                    }));
                }
                while (!inFlight.isEmpty() && (block == null || inFlight.size() > window)) {
                    ended = apply(take(inFlight.poll()));
                    if (ended) {
                        break;
                    }
                }
                ended |= block == null;
            }
            notes.accept("Processed: " + lines + " log lines");
            return new QueueStoreLog.LoadReport(lines, warnings);
        } finally {
            inFlight.forEach(pending -> pending.cancel(true));
            executor.shutdownNow();
        }
    }

    private static Batch take(Future<Batch> batch) throws IOException {
        try {
            return batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the store log", e);
        } catch (ExecutionException e) {
            throw new IOException("parsing the store log failed", e.getCause());
        }
    }

    /** Applies a batch; returns whether the replay ends with it. */
    private boolean apply(Batch batch) throws StoreFileException {
        StoreQueue[] queues = batch.queues();
        for (int i = 0; i < batch.count(); i++) {
            lines++;
            String problem = queues[i] != null
                    ? QueueStoreLog.apply(store, queues[i], batch.recipientIdHashes()[i], batch.senderIdHashes()[i])
                    : QueueStoreLog.apply(store, batch.records()[i]);
            if (problem != null) {
                notes.accept("STORE: " + problem + " (" + file + ":" + lines + ")");
                warnings++;
            }
        }
        if (batch.ending() == null) {
            return false;
        }
        lines++;
        switch (batch.ending()) {
            case Ending.Invalid invalid ->
                    throw StoreFileException.atLine(file, lines, "invalid store log record: " + invalid.problem());
            case Ending.Malformed malformed -> throw StoreFileException.atLine(file, lines, MALFORMED);
            case Ending.Unfinished unfinished -> {
                // every record is written with its newline in one write: without it the write was cut
                notes.accept(file + ":" + lines + ": ignoring the unfinished last line"
                        + (unfinished.malformed() ? " (" + MALFORMED + ")" : ""));
                warnings++;
            }
        }
        return true;
    }

    /** Parses blocks on one thread, reusing its buffers. */
    private static final class BlockParser {
        private final CreateLineParser creates = new CreateLineParser();
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);

        /** The records of the block's lines, up to the first line that is not one. */
        Batch parse(byte[] bytes, int length) {
            int capacity = length / 128 + 1;
            StoreQueue[] queues = new StoreQueue[capacity];
            int[] recipientIdHashes = new int[capacity];
            int[] senderIdHashes = new int[capacity];
            StoreLogRecord[] records = new StoreLogRecord[capacity];
            int count = 0;
            int start = 0;
            Ending ending = null;
            while (start < length && ending == null) {
                int newline = start;
                while (newline < length && bytes[newline] != '\n') {
                    newline++;
                }
                if (newline == length) {
                    ending = new Ending.Unfinished(text(bytes, start, newline) == null);
                    break;
                }
                if (count == capacity) {
                    capacity *= 2;
                    queues = Arrays.copyOf(queues, capacity);
                    recipientIdHashes = Arrays.copyOf(recipientIdHashes, capacity);
                    senderIdHashes = Arrays.copyOf(senderIdHashes, capacity);
                    records = Arrays.copyOf(records, capacity);
                }
                StoreQueue queue = CreateLineParser.isCreate(bytes, start, newline)
                        ? creates.parse(bytes, start, newline) : null;
                if (queue != null) {
                    queues[count] = queue;
                    recipientIdHashes[count] = queue.recipientId().hashCode();
                    senderIdHashes[count] = queue.record().senderIdHash();
                    count++;
                } else {
                    String line = text(bytes, start, newline);
                    if (line == null) {
                        ending = new Ending.Malformed();
                        break;
                    }
                    try {
                        records[count] = StoreLogRecord.parse(line);
                        count++;
                    } catch (DecodingException | RuntimeException e) {
                        ending = new Ending.Invalid(String.valueOf(e.getMessage()));
                        break;
                    }
                }
                start = newline + 1;
            }
            return new Batch(queues, recipientIdHashes, senderIdHashes, records, count, ending);
        }

        /** The line as text, or null when it is not UTF-8; store log lines are ASCII but for blocking notices. */
        private String text(byte[] bytes, int from, int to) {
            boolean ascii = true;
            for (int i = from; i < to; i++) {
                if (bytes[i] < 0) {
                    ascii = false;
                    break;
                }
            }
            if (ascii) {
                return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
            }
            try {
                return utf8.reset().decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
            } catch (CharacterCodingException e) {
                return null;
            }
        }
    }
}
