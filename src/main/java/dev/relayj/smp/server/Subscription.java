package dev.relayj.smp.server;

import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.QueueInfo;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A client's subscription to one queue ({@code Sub} in Server/Env/STM.hs): whether messages are
 * pushed (SUB) or only fetched (GET, which prohibits SUB on the same connection), and the one
 * message delivered and not yet acknowledged.
 */
final class Subscription {
    /**
     * {@code SubscriptionThread} of the reference, whose {@code ProhibitSub} marks a queue this
     * session reads with GET: such a queue may not also be subscribed (SUB answers PROHIBITED).
     */
    enum State { NO_SUB, SUB_PENDING, SUB_THREAD, GET_ONLY }

    /** A delivered message: its id and when it was delivered (epoch seconds). */
    record Delivered(EntityId msgId, long deliveredAt) {}

    private final ReentrantLock lock = new ReentrantLock();
    private State state;
    private Delivered delivered;
    private Thread deliveryThread;

    private Subscription(State state) {
        this.state = state;
    }

    static Subscription pushing() {
        return new Subscription(State.NO_SUB);
    }

    /** A GET-only subscription: this connection may not SUB the queue. */
    static Subscription getOnly() {
        return new Subscription(State.GET_ONLY);
    }

    ReentrantLock lock() {
        return lock;
    }

    /** Caller holds the lock. */
    State state() {
        return state;
    }

    /** Caller holds the lock. */
    void setState(State newState) {
        state = newState;
    }

    /** Caller holds the lock. */
    Delivered delivered() {
        return delivered;
    }

    /** Caller holds the lock. */
    void setDelivered(Delivered newDelivered) {
        delivered = newDelivered;
    }

    /** Caller holds the lock: the thread that waits for room in the subscriber's send queue. */
    void setDeliveryThread(Thread thread) {
        deliveryThread = thread;
        if (state == State.SUB_PENDING) {
            state = State.SUB_THREAD;
        }
    }

    /** Stops a waiting delivery ({@code cancelSub}). */
    void cancel() {
        lock.lock();
        try {
            if (deliveryThread != null) {
                deliveryThread.interrupt();
                deliveryThread = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** For INFO ({@code mkQSub}). */
    QueueInfo.Subscription info() {
        lock.lock();
        try {
            QueueInfo.SubscriptionThread thread = switch (state) {
                case NO_SUB -> QueueInfo.SubscriptionThread.NO_SUB;
                case SUB_PENDING -> QueueInfo.SubscriptionThread.SUB_PENDING;
                case SUB_THREAD -> QueueInfo.SubscriptionThread.SUB_THREAD;
                case GET_ONLY -> QueueInfo.SubscriptionThread.PROHIBIT_SUB;
            };
            return new QueueInfo.Subscription(thread,
                    delivered == null ? null : java.util.Base64.getEncoder().encodeToString(delivered.msgId().bytes()));
        } finally {
            lock.unlock();
        }
    }
}
