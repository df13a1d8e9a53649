package dev.relayj.smp.store;

import dev.relayj.encoding.DecodingException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Replays a store log: lines are parsed on all cores, in batches, and applied to the store in
 * their order on the calling thread. Parsing (base64, keys) is most of the work of a restart; the
 * store's changes must stay in log order. The outcome, warnings and errors included, is the same
 * as applying line after line: a batch's results are applied only after every earlier batch's.
 */
final class StoreLogReplay {
    private static final int BATCH_LINES = 4096;

    /** What one line became: a record, or why it is not one. */
    private sealed interface Line {
        record Parsed(StoreLogRecord record) implements Line {}

        record Invalid(String problem) implements Line {}
    }

    /** A batch of lines and what ends the replay after them, if anything does. */
    private record Batch(long firstLine, List<Line> lines, Ending ending) {}

    /** The log's end: cut by a crash (a note, then the records before it count), or broken (an error). */
    private sealed interface Ending {
        record UnfinishedLine(String note) implements Ending {}

        record Broken(long line, String problem) implements Ending {}
    }

    private final Path file;
    private final QueueStore store;
    private final Consumer<String> notes;
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
        // the calling thread reads and applies; the other cores parse
        int parsers = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        ExecutorService executor = Executors.newFixedThreadPool(parsers, runnable -> {
            Thread thread = new Thread(runnable, "store-log-parser");
            thread.setDaemon(true);
            return thread;
        });
        Deque<Future<Batch>> inFlight = new ArrayDeque<>();
        try (LogLineReader lines = new LogLineReader(file)) {
            boolean more = true;
            while (more) {
                List<String> text = new ArrayList<>(BATCH_LINES);
                long firstLine = lines.lineNumber() + 1;
                Ending ending = null;
                while (text.size() < BATCH_LINES) {
                    String line;
                    try {
                        line = lines.next();
                    } catch (LogLineReader.MalformedLineException e) {
                        ending = lines.terminated()
                                ? new Ending.Broken(lines.lineNumber(), e.getMessage())
                                : new Ending.UnfinishedLine(file + ":" + lines.lineNumber()
                                        + ": ignoring the unfinished last line (" + e.getMessage() + ")");
                        break;
                    }
                    if (line == null) {
                        break;
                    }
                    if (!lines.terminated()) {
                        // every record is written with its newline in one write: without it the write was cut
                        ending = new Ending.UnfinishedLine(file + ":" + lines.lineNumber()
                                + ": ignoring the unfinished last line");
                        break;
                    }
                    text.add(line);
                }
                more = ending == null && text.size() == BATCH_LINES;
                Ending batchEnding = ending;
                inFlight.add(executor.submit(() -> new Batch(firstLine, parse(text), batchEnding)));
                while (inFlight.size() > 2 * parsers) {
                    apply(take(inFlight.poll()));
                }
            }
            while (!inFlight.isEmpty()) {
                apply(take(inFlight.poll()));
            }
            notes.accept("Processed: " + lines.lineNumber() + " log lines");
            return new QueueStoreLog.LoadReport(lines.lineNumber(), warnings);
        } finally {
            inFlight.forEach(pending -> pending.cancel(true));
            executor.shutdownNow();
        }
    }

    private static List<Line> parse(List<String> text) {
        List<Line> parsed = new ArrayList<>(text.size());
        for (String line : text) {
            try {
                parsed.add(new Line.Parsed(StoreLogRecord.parse(line)));
            } catch (DecodingException | RuntimeException e) {
                parsed.add(new Line.Invalid(String.valueOf(e.getMessage())));
            }
        }
        return parsed;
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

    private void apply(Batch batch) throws StoreFileException {
        long number = batch.firstLine();
        for (Line line : batch.lines()) {
            switch (line) {
                case Line.Parsed parsed -> {
                    String problem = QueueStoreLog.apply(store, parsed.record());
                    if (problem != null) {
                        notes.accept("STORE: " + problem + " (" + file + ":" + number + ")");
                        warnings++;
                    }
                }
                case Line.Invalid invalid ->
                        throw StoreFileException.atLine(file, number, "invalid store log record: " + invalid.problem());
            }
            number++;
        }
        switch (batch.ending()) {
            case null -> { }
            case Ending.UnfinishedLine unfinished -> {
                notes.accept(unfinished.note());
                warnings++;
            }
            case Ending.Broken broken -> throw StoreFileException.atLine(file, broken.line(), broken.problem());
        }
    }
}
