package dev.relayj.smp.store;

import dev.relayj.protocol.EntityId;

/**
 * One queue of the store: its recipient id, its current record (null once deleted) and its
 * messages. Every change to the record or the messages holds the queue's own lock (the queue is
 * its lock: {@link #lock()}). Small on purpose: millions of idle queues must fit in memory, so an
 * empty queue holds no message structures.
 */
public final class StoreQueue extends QueueLock {
    private final EntityId recipientId;
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
