package dev.relayj.smp.store;

import dev.relayj.protocol.EntityId;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The messages of all queues (simplexmq's {@code MsgStore/STM.hs} and {@code MsgStore/Types.hs}):
 * per-queue FIFO with the quota rule, peek / delete-by-id for SUB, GET and ACK, expiry by age.
 * Every change holds the queue's lock and, when a {@link MessageJournal} is attached, is journaled
 * under that lock so the journal order matches each queue's order.
 *
 * <p>A sender's message is durable only after {@link #awaitDurable}; the server calls it (without
 * holding the queue lock) before answering OK.
 */
public final class MessageStore implements AutoCloseable {
    /** Start compacting when the journal exceeds this, or twice the live messages if more. */
    private static final long MIN_COMPACT_BYTES = 64L << 20;
    private static final int RECORD_OVERHEAD = 64;

    private final QueueStore queueStore;
    private final int quota;
    private final Clock clock;
    private final AtomicLong storedBytes = new AtomicLong();
    private final AtomicBoolean compacting = new AtomicBoolean();
    private final Consumer<String> warnings;
    private volatile MessageJournal journal;
    private volatile Thread compactor;
    private long minCompactBytes = MIN_COMPACT_BYTES;

    /** The outcome of an accepted write: whether the queue was empty before, and what to await for durability. */
    public record WriteResult(Message message, boolean wasEmpty, long journalSeq) {}

    /** A delete-and-peek ({@code tryDelPeekMsg}): the deleted message (null when the id did not match) and the next one. */
    public record DeletePeek(Message deleted, Message next) {}

    /** A deleted queue: its last record and how many messages it held. */
    public record DeletedQueue(QueueRecord record, int messageCount) {}

    /** {@code MessageStats}: messages kept, messages expired, queues seen. */
    public record MessageStats(int storedCount, int expiredCount, int queueCount) {}

    /**
     * @param quota    {@code msg_queue_quota} (default 128)
     * @param warnings where non-fatal problems are reported (one line each)
     */
    public MessageStore(QueueStore queueStore, int quota, Clock clock, Consumer<String> warnings) {
        if (quota < 1) {
            throw new IllegalArgumentException("queue quota must be positive");
        }
        this.queueStore = queueStore;
        this.quota = quota;
        this.clock = clock;
        this.warnings = warnings;
    }

    public QueueStore queueStore() {
        return queueStore;
    }

    public int quota() {
        return quota;
    }

    /** Journals every change from now on; replaying the journal must already have happened. */
    void attachJournal(MessageJournal attached) {
        journal = attached;
    }

    /** Compaction threshold in bytes, for tests. */
    void setMinCompactBytes(long bytes) {
        minCompactBytes = bytes;
    }

    /**
     * Adds a message ({@code writeMsg}): QUOTA when the queue is full (the first refused message
     * leaves a quota marker), AUTH when the queue was deleted. Does not wait for durability.
     */
    public WriteResult writeMessage(StoreQueue queue, Message.Sent message) throws StoreException {
        WriteResult result;
        queue.lock();
        try {
            queue.requireRecord();
            MessageQueue messages = queue.messages();
            boolean wasEmpty = messages == null || messages.isEmpty();
            if (messages == null) {
                messages = new MessageQueue();
            }
            MessageQueue.WriteOutcome outcome = messages.write(message, quota);
            if (outcome == MessageQueue.WriteOutcome.REJECTED) {
                throw new StoreException(StoreError.QUOTA, "queue is full");
            }
            queue.setMessages(messages);
            if (outcome == MessageQueue.WriteOutcome.QUOTA_MARKER_ADDED) {
                Message marker = lastAdded(messages);
                journal(new JournalRecord.Added(queue.recipientId(), marker));
                storedBytes.addAndGet(RECORD_OVERHEAD);
                throw new StoreException(StoreError.QUOTA, "queue is full");
            }
            long seq = journal(new JournalRecord.Added(queue.recipientId(), message));
            storedBytes.addAndGet(RECORD_OVERHEAD + message.bodyLength());
            result = new WriteResult(message, wasEmpty, seq);
        } finally {
            queue.unlock();
        }
        compactIfLarge();
        return result;
    }

    /** Returns once the written message is in the journal on disk; immediately when there is no journal. */
    public void awaitDurable(WriteResult result) throws StoreException {
        MessageJournal current = journal;
        if (current == null || result.journalSeq() == 0) {
            return;
        }
        try {
            current.awaitDurable(result.journalSeq());
        } catch (IOException e) {
            throw new StoreException(StoreError.STORE, "message journal: " + e.getMessage(), e);
        }
    }

    /**
     * Makes everything journaled so far durable; the server calls it every second or so, which bounds
     * what a crash loses of acknowledgements and deletions (sent messages are awaited before OK).
     */
    public void syncJournal() throws IOException {
        MessageJournal current = journal;
        if (current != null) {
            current.sync();
        }
    }

    /** The oldest message, or null ({@code tryPeekMsg}). */
    public Message peekMessage(StoreQueue queue) {
        queue.lock();
        try {
            MessageQueue messages = queue.messages();
            return messages == null ? null : messages.peek();
        } finally {
            queue.unlock();
        }
    }

    /** Deletes the oldest message if it has this id and returns it, else null ({@code tryDelMsg}). */
    public Message tryDeleteMessage(StoreQueue queue, EntityId messageId) throws StoreException {
        return tryDeletePeekMessage(queue, messageId).deleted();
    }

    /**
     * ACK: deletes the oldest message if it has this id, and peeks the next one
     * ({@code tryDelPeekMsg}); with another id nothing is deleted and the oldest is returned as next.
     */
    public DeletePeek tryDeletePeekMessage(StoreQueue queue, EntityId messageId) throws StoreException {
        queue.lock();
        try {
            MessageQueue messages = queue.messages();
            Message first = messages == null ? null : messages.peek();
            if (first == null) {
                return new DeletePeek(null, null);
            }
            if (!first.id().equals(messageId)) {
                return new DeletePeek(null, first);
            }
            removeFirst(queue, messages);
            return new DeletePeek(first, queue.messages() == null ? null : messages.peek());
        } finally {
            queue.unlock();
        }
    }

    public int queueSize(StoreQueue queue) {
        queue.lock();
        try {
            MessageQueue messages = queue.messages();
            return messages == null ? 0 : messages.size();
        } finally {
            queue.unlock();
        }
    }

    /** The messages of the queue, oldest first. */
    public List<Message> messages(StoreQueue queue) {
        queue.lock();
        try {
            MessageQueue messages = queue.messages();
            return messages == null ? List.of() : messages.snapshot();
        } finally {
            queue.unlock();
        }
    }

    /**
     * Deletes the oldest messages sent before {@code oldBefore} (epoch seconds); stops at the first
     * newer message or at a quota marker ({@code deleteExpireMsgs_}). Returns how many it deleted.
     */
    public int deleteExpiredMessages(StoreQueue queue, long oldBefore) throws StoreException {
        queue.lock();
        try {
            int deleted = 0;
            MessageQueue messages = queue.messages();
            while (messages != null && messages.peek() instanceof Message.Sent sent && sent.timestamp() < oldBefore) {
                removeFirst(queue, messages);
                messages = queue.messages();
                deleted++;
            }
            return deleted;
        } finally {
            queue.unlock();
        }
    }

    /** Expires messages older than {@code ttl} in every queue ({@code expireOldMessages}). */
    public MessageStats expireOldMessages(Duration ttl) throws StoreException {
        long oldBefore = clock.instant().getEpochSecond() - ttl.toSeconds();
        int[] counts = new int[3];
        StoreException[] failure = new StoreException[1];
        queueStore.forEachQueue(queue -> {
            if (failure[0] != null) {
                return;
            }
            try {
                counts[1] += deleteExpiredMessages(queue, oldBefore);
            } catch (StoreException e) {
                failure[0] = e;
            }
            counts[0] += queueSize(queue);
            counts[2]++;
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return new MessageStats(counts[0], counts[1], counts[2]);
    }

    /** Deletes the queue and its messages ({@code deleteQueueSize}). */
    public DeletedQueue deleteQueue(StoreQueue queue) throws StoreException {
        queue.lock();
        try {
            QueueRecord record = queueStore.deleteQueue(queue);
            MessageQueue messages = queue.messages();
            int count = messages == null ? 0 : messages.size();
            if (messages != null) {
                clearUnjournaled(queue, messages);
                journal(new JournalRecord.Cleared(queue.recipientId()));
            }
            return new DeletedQueue(record, count);
        } finally {
            queue.unlock();
        }
    }

    /** Total messages in all queues. */
    public int messageCount() {
        if (!holdsMessages()) {
            return 0;
        }
        int[] count = new int[1];
        queueStore.forEachQueue(queue -> count[0] += queueSize(queue));
        return count[0];
    }

    /**
     * Rewrites the journal as the current messages: a new segment gets every queue's messages,
     * then the older segments are deleted. Senders keep writing meanwhile.
     */
    public void compactJournal() throws IOException {
        compactJournal(false, null);
    }

    /**
     * {@link #compactJournal} before the relay serves anyone: with no message stored nothing is
     * copied, so the queues need no visit. (While serving, a message may be counted only after
     * its journal record went to the older segment, so the count cannot be trusted then.)
     * {@code holding}: the only queues that may hold messages, or null when any may.
     */
    void compactJournalAtStart(Collection<StoreQueue> holding) throws IOException {
        compactJournal(true, holding);
    }

    /** Whether any message or quota marker is stored; exact only when nobody writes meanwhile. */
    boolean holdsMessages() {
        return storedBytes.get() != 0;
    }

    private void compactJournal(boolean skipWhenEmpty, Collection<StoreQueue> holding) throws IOException {
        MessageJournal current = journal;
        if (current == null) {
            return;
        }
        long firstKept = current.startSegment();
        if (skipWhenEmpty && !holdsMessages()) {
            current.dropSegmentsBefore(firstKept);
            return;
        }
        IOException[] failure = new IOException[1];
        Consumer<Consumer<StoreQueue>> queues = holding == null ? queueStore::forEachQueue : holding::forEach;
        queues.accept(queue -> {
            if (failure[0] != null) {
                return;
            }
            queue.lock();
            try {
                MessageQueue messages = queue.messages();
                if (messages != null && !messages.isEmpty()) {
                    // one record, so that a journal cut anywhere never holds half of this queue
                    current.append(new JournalRecord.Snapshot(queue.recipientId(), messages.snapshot(),
                            messages.closedByQuota()));
                }
            } catch (IOException e) {
                failure[0] = e;
            } finally {
                queue.unlock();
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        current.dropSegmentsBefore(firstKept);
    }

    /** Stops background compaction and closes the journal, making it durable. */
    @Override
    public void close() throws IOException {
        Thread running = compactor;
        if (running != null) {
            try {
                running.join(Duration.ofMinutes(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        MessageJournal current = journal;
        journal = null;
        if (current != null) {
            current.close();
        }
    }

    // --- restoring (package-private: used by MessageLogFile and MessagePersistence)

    /** Adds a message while restoring, with the quota rule; false when the queue is full. */
    boolean restoreMessage(StoreQueue queue, Message message) {
        queue.lock();
        try {
            MessageQueue messages = queue.messages();
            if (messages == null) {
                messages = new MessageQueue();
            }
            MessageQueue.WriteOutcome outcome = messages.write(message, quota);
            if (!messages.isEmpty()) {
                queue.setMessages(messages);
            }
            if (outcome != MessageQueue.WriteOutcome.ADDED) {
                if (outcome == MessageQueue.WriteOutcome.QUOTA_MARKER_ADDED) {
                    storedBytes.addAndGet(RECORD_OVERHEAD);
                }
                return false;
            }
            storedBytes.addAndGet(sizeOf(message));
            return true;
        } finally {
            queue.unlock();
        }
    }

    /** Restoring a quota marker from the message log: an earlier marker at the head is dropped first. */
    void restoreQuotaMarker(StoreQueue queue, Message.QuotaMarker marker) {
        queue.lock();
        try {
            MessageQueue messages = queue.messages();
            if (messages != null && messages.peek() instanceof Message.QuotaMarker) {
                messages.removeFirst();
                if (messages.isEmpty()) {
                    queue.setMessages(null);
                }
            }
        } finally {
            queue.unlock();
        }
        restoreMessage(queue, marker);
    }

    void setOverQuota(StoreQueue queue) {
        queue.lock();
        try {
            MessageQueue messages = queue.messages();
            if (messages != null) {
                messages.setOverQuota();
            }
        } finally {
            queue.unlock();
        }
    }

    /** Applies a journal record during replay; false when its queue is unknown. */
    boolean replay(JournalRecord record) {
        StoreQueue queue = queueStore.findByRecipient(record.recipientId());
        if (queue == null) {
            return false;
        }
        queue.lock();
        try {
            MessageQueue messages = queue.messages();
            switch (record) {
                case JournalRecord.Added added -> {
                    if (messages == null) {
                        messages = new MessageQueue();
                        queue.setMessages(messages);
                    }
                    messages.appendRestored(added.message());
                    storedBytes.addAndGet(sizeOf(added.message()));
                }
                case JournalRecord.Removed removed -> {
                    if (messages != null && messages.peek() != null && messages.peek().id().equals(removed.messageId())) {
                        removeFirstUnjournaled(queue, messages);
                    }
                }
                case JournalRecord.Cleared cleared -> clearUnjournaled(queue, messages);
                case JournalRecord.Snapshot snapshot -> {
                    clearUnjournaled(queue, messages);
                    if (!snapshot.messages().isEmpty()) {
                        MessageQueue restored = new MessageQueue();
                        for (Message message : snapshot.messages()) {
                            restored.appendRestored(message);
                            storedBytes.addAndGet(sizeOf(message));
                        }
                        if (snapshot.overQuota()) {
                            restored.setOverQuota();
                        }
                        queue.setMessages(restored);
                    }
                }
            }
            return true;
        } finally {
            queue.unlock();
        }
    }

    // --- internals

    private static Message lastAdded(MessageQueue messages) {
        List<Message> all = messages.snapshot();
        return all.get(all.size() - 1);
    }

    /** Caller holds the queue lock. */
    private void removeFirst(StoreQueue queue, MessageQueue messages) throws StoreException {
        Message removed = removeFirstUnjournaled(queue, messages);
        journal(new JournalRecord.Removed(queue.recipientId(), removed.id()));
    }

    /** Caller holds the queue lock. */
    private void clearUnjournaled(StoreQueue queue, MessageQueue messages) {
        if (messages != null) {
            for (Message message : messages.snapshot()) {
                storedBytes.addAndGet(-sizeOf(message));
            }
            queue.setMessages(null);
        }
    }

    private Message removeFirstUnjournaled(StoreQueue queue, MessageQueue messages) {
        Message removed = messages.removeFirst();
        storedBytes.addAndGet(-sizeOf(removed));
        if (messages.isEmpty()) {
            queue.setMessages(null);
        }
        return removed;
    }

    /** Caller holds the queue lock; returns the sequence number (0 without a journal). */
    private long journal(JournalRecord record) throws StoreException {
        MessageJournal current = journal;
        if (current == null) {
            return 0;
        }
        try {
            return current.append(record);
        } catch (IOException e) {
            throw new StoreException(StoreError.STORE, "message journal: " + e.getMessage(), e);
        }
    }

    private static long sizeOf(Message message) {
        return RECORD_OVERHEAD + (message instanceof Message.Sent sent ? sent.bodyLength() : 0);
    }

    private void compactIfLarge() {
        MessageJournal current = journal;
        if (current == null) {
            return;
        }
        long threshold = Math.max(minCompactBytes, 2 * storedBytes.get());
        if (current.segmentBytes() <= threshold || !compacting.compareAndSet(false, true)) {
            return;
        }
        compactor = Thread.ofVirtual().name("message-journal-compaction").start(() -> {
            try {
                compactJournal();
            } catch (IOException e) {
                warnings.accept("message journal compaction failed: " + e.getMessage());
            } finally {
                compacting.set(false);
            }
        });
    }
}
