package dev.relayj.smp.store;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The messages of one queue, oldest first, with the quota rule of simplexmq's
 * {@code MsgStore/STM.hs} ({@code writeMsg}): while the queue holds fewer than {@code quota}
 * messages a message is added; the message that would exceed it is replaced by a quota marker,
 * after which nothing is added until the queue has been emptied. Not thread-safe: the owning
 * {@link StoreQueue}'s lock guards it.
 */
final class MessageQueue {
    private final ArrayDeque<Message> messages = new ArrayDeque<>(4);
    private boolean canWrite = true;

    /** What {@link #write} did. */
    enum WriteOutcome {
        ADDED,
        QUOTA_MARKER_ADDED,
        REJECTED
    }

    WriteOutcome write(Message message, int quota) {
        if (!canWrite && !messages.isEmpty()) {
            return WriteOutcome.REJECTED;
        }
        canWrite = messages.size() < quota;
        if (canWrite) {
            messages.addLast(message);
            return WriteOutcome.ADDED;
        }
        messages.addLast(new Message.QuotaMarker(message.id(), message.timestamp()));
        return WriteOutcome.QUOTA_MARKER_ADDED;
    }

    /**
     * Replaying the journal reproduces the state as it was written, so the quota rule is not
     * applied again; a quota marker closes the queue as it did when it was added.
     */
    void appendRestored(Message message) {
        messages.addLast(message);
        if (message instanceof Message.QuotaMarker) {
            canWrite = false;
        }
    }

    /** Restoring a queue that was over quota: nothing more is added until it is emptied ({@code setOverQuota_}). */
    void setOverQuota() {
        canWrite = false;
    }

    /** Whether a quota marker closed the queue to writes until it is emptied. */
    boolean closedByQuota() {
        return !canWrite;
    }

    Message peek() {
        return messages.peekFirst();
    }

    Message removeFirst() {
        return messages.pollFirst();
    }

    int size() {
        return messages.size();
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    List<Message> snapshot() {
        return List.copyOf(messages);
    }
}
