package dev.relayj.smp.store;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a compacted store log ({@code writeQueueStore}): services, then one CREATE line per queue,
 * the lines of many queues encoded on all cores (base64 of keys and ids is most of a compaction's
 * work) and written in the order the store lists them.
 */
final class CompactedStateWriter {
    private static final int CHUNK_QUEUES = 8192;

    private final StoreLogWriter writer;
    private final ExecutorService encoders;
    private final int window;
    private final Deque<Future<byte[]>> inFlight = new ArrayDeque<>();
    private StoreQueue[] chunk = new StoreQueue[CHUNK_QUEUES];
    private int chunked;
    private IOException failure;

    private CompactedStateWriter(StoreLogWriter writer, int threads) {
        this.writer = writer;
        this.window = 2 * threads;
        this.encoders = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "store-log-encoder");
            thread.setDaemon(true);
            return thread;
        });
    }

    static void write(StoreLogWriter writer, QueueStore store) throws IOException {
        CompactedStateWriter state = new CompactedStateWriter(writer,
                Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            state.run(store);
        } finally {
            state.inFlight.forEach(pending -> pending.cancel(true));
            state.encoders.shutdownNow();
        }
    }

    private void run(QueueStore store) throws IOException {
        IOException[] serviceFailure = new IOException[1];
        store.forEachService(service -> {
            try {
                if (serviceFailure[0] == null) {
                    writer.append(new StoreLogRecord.NewService(service));
                }
            } catch (IOException e) {
                serviceFailure[0] = e;
            }
        });
        if (serviceFailure[0] != null) {
            throw serviceFailure[0];
        }
        store.forEachQueue(this::add);
        submitChunk();
        while (failure == null && !inFlight.isEmpty()) {
            writeOldest();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void add(StoreQueue queue) {
        if (failure != null) {
            return;
        }
        chunk[chunked++] = queue;
        if (chunked == chunk.length) {
            submitChunk();
            while (failure == null && inFlight.size() > window) {
                writeOldest();
            }
        }
    }

    private void submitChunk() {
        if (chunked == 0) {
            return;
        }
        StoreQueue[] queues = Arrays.copyOf(chunk, chunked);
        chunked = 0;
        inFlight.add(encoders.submit(() -> encode(queues)));
    }

    /** CREATE lines of the queues not deleted meanwhile. */
    private static byte[] encode(StoreQueue[] queues) {
        LineBuffer lines = new LineBuffer(queues.length * 256);
        for (StoreQueue queue : queues) {
            QueueRecord record = queue.record();
            if (record != null) {
                new StoreLogRecord.CreateQueue(queue.recipientId(), record).writeTo(lines);
                lines.character('\n');
            }
        }
        return lines.toByteArray();
    }

    private void writeOldest() {
        try {
            writer.appendLines(inFlight.poll().get());
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new IOException("interrupted while compacting the store log", e);
        } catch (ExecutionException e) {
            failure = new IOException("encoding the store log failed", e.getCause());
        }
    }
}
