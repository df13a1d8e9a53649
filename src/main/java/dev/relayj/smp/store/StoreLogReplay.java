package dev.relayj.smp.store;

import dev.relayj.encoding.DecodingException;
import dev.relayj.protocol.EntityId;
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
    /** The parsed lines of a block, then what ends the replay after them, if anything does. */
    private record Batch(Line[] lines, int count, Ending ending) {}

    /** A line that is a record. */
    private sealed interface Line {
        record Parsed(StoreLogRecord record) implements Line {}

        /**
         * A usual CREATE line, made into its queue with its ids' hashes by the parsing thread, so
         * that the applying thread need not fetch the new queue's ids ({@link QueueStore#addReplayedQueue}).
         */
        record NewQueue(StoreQueue queue, EntityId recipientId, int recipientIdHash, EntityId senderId,
                int senderIdHash) implements Line {}
    }

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
        Line[] parsed = batch.lines();
        for (int i = 0; i < batch.count(); i++) {
            lines++;
            String problem = switch (parsed[i]) {
                case Line.Parsed line -> QueueStoreLog.apply(store, line.record());
                case Line.NewQueue line -> QueueStoreLog.apply(store, line.queue(), line.recipientId(),
                        line.recipientIdHash(), line.senderId(), line.senderIdHash());
            };
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
            Line[] lines = new Line[length / 128 + 1];
            int count = 0;
            int start = 0;
            while (start < length) {
                int newline = start;
                while (newline < length && bytes[newline] != '\n') {
                    newline++;
                }
                if (newline == length) {
                    return new Batch(lines, count, new Ending.Unfinished(text(bytes, start, newline) == null));
                }
                StoreLogRecord.CreateQueue create = CreateLineParser.isCreate(bytes, start, newline)
                        ? creates.parse(bytes, start, newline) : null;
                Line parsed;
                if (create != null) {
                    EntityId senderId = create.queue().senderId();
                    parsed = new Line.NewQueue(new StoreQueue(create.recipientId(), create.queue()),
                            create.recipientId(), create.recipientId().hashCode(), senderId, senderId.hashCode());
                } else {
                    String line = text(bytes, start, newline);
                    if (line == null) {
                        return new Batch(lines, count, new Ending.Malformed());
                    }
                    try {
                        parsed = new Line.Parsed(StoreLogRecord.parse(line));
                    } catch (DecodingException | RuntimeException e) {
                        return new Batch(lines, count, new Ending.Invalid(String.valueOf(e.getMessage())));
                    }
                }
                if (count == lines.length) {
                    lines = Arrays.copyOf(lines, count * 2);
                }
                lines[count++] = parsed;
                start = newline + 1;
            }
            return new Batch(lines, count, null);
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
