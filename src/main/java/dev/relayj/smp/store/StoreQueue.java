package dev.relayj.smp.store;

import dev.relayj.protocol.EntityId;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One queue of the store: its recipient id, its current record (null once deleted) and its
 * messages. Every change to the record or the messages holds {@link #lock()}. Small on purpose:
 * a million idle queues must fit in memory, so an empty queue holds no message structures.
 */
public final class StoreQueue {
    private final EntityId recipientId;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile QueueRecord record;
    /** Guarded by {@link #lock}; null while the queue has never held a message or was emptied. */
    private MessageQueue messages;

    StoreQueue(EntityId recipientId, QueueRecord record) {
        this.recipientId = recipientId;
        this.record = record;
    }

    public EntityId recipientId() {
        return recipientId;
    }

    /** The current record, or null when the queue was deleted. */
    public QueueRecord record() {
        return record;
    }

    /** The queue's own lock; store operations take it, so callers may hold it to group several. */
    public ReentrantLock lock() {
        return lock;
    }

    void setRecord(QueueRecord newRecord) {
        record = newRecord;
    }

    /** The record, or AUTH when the queue was deleted ({@code readQueueRec}). */
    QueueRecord requireRecord() throws StoreException {
        QueueRecord current = record;
        if (current == null) {
            throw new StoreException(StoreError.AUTH, "queue " + recipientId + " was deleted");
        }
        return current;
    }

    MessageQueue messages() {
        return messages;
    }

    void setMessages(MessageQueue queue) {
        messages = queue;
    }

    @Override
    public String toString() {
        return "StoreQueue[" + recipientId + "]";
    }
}
