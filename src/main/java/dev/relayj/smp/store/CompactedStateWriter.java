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
 * work) and written in the order the store lists them. What is written is forced to the disk in
 * the background every {@link #FORCE_EVERY} bytes, so that the disk writes while the rest is
 * encoded rather than all at the caller's final sync.
 */
final class CompactedStateWriter {
    /** Chunks of lines stay below G1's humongous size for heaps from 2 GB (a line is 200 to 250 bytes). */
    private static final int CHUNK_QUEUES = 2048;
    private static final long FORCE_EVERY = 64L << 20;

    private final StoreLogWriter writer;
    private final ExecutorService encoders;
    private final ExecutorService forcer;
    private final int window;
    private final Deque<Future<LineBuffer>> inFlight = new ArrayDeque<>();
    private StoreQueue[] chunk = new StoreQueue[CHUNK_QUEUES];
    private int chunked;
    private long unforced;
    private Future<?> forcing;
    private IOException failure;

    private CompactedStateWriter(StoreLogWriter writer, int threads) {
        this.writer = writer;
        this.window = 2 * threads;
        this.encoders = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "store-log-encoder");
            thread.setDaemon(true);
            return thread;
        });
        this.forcer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "store-log-sync");
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
            state.forcer.shutdownNow();
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
        if (forcing != null) {
            awaitForce();
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
    private static LineBuffer encode(StoreQueue[] queues) {
        LineBuffer lines = new LineBuffer(queues.length * 256);
        for (StoreQueue queue : queues) {
            QueueRecord record = queue.record();
            if (record != null) {
                new StoreLogRecord.CreateQueue(queue.recipientId(), record).writeTo(lines);
                lines.character('\n');
            }
        }
        return lines;
    }

    private void writeOldest() {
        try {
            LineBuffer lines = inFlight.poll().get();
            writer.appendLines(lines.array(), lines.length());
            unforced += lines.length();
            if (unforced >= FORCE_EVERY && (forcing == null || forcing.isDone())) {
                if (forcing != null) {
                    awaitForce();
                }
                unforced = 0;
                forcing = forcer.submit(() -> {
                    writer.forceWritten();
                    return null;
                });
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new IOException("interrupted while compacting the store log", e);
        } catch (ExecutionException e) {
            failure = new IOException("encoding the store log failed", e.getCause());
        }
    }

    /** Waits for the background force; its failure fails the compaction. */
    private void awaitForce() {
        try {
            forcing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new IOException("interrupted while compacting the store log", e);
        } catch (ExecutionException e) {
            failure = e.getCause() instanceof IOException io ? io : new IOException("syncing the store log failed", e);
        }
        forcing = null;
    }
}
