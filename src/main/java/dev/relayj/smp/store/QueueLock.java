package dev.relayj.smp.store;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * A reentrant lock that a queue is, rather than has: a {@code ReentrantLock} field would cost each of
 * millions of queues two more objects (48 bytes) for a lock that is almost never contended. Same
 * semantics as a non-fair {@code ReentrantLock}; virtual threads park on it without pinning.
 */
abstract class QueueLock extends AbstractQueuedSynchronizer implements Lock {
    @Override
    protected final boolean tryAcquire(int acquires) {
        Thread current = Thread.currentThread();
        int state = getState();
        if (state == 0) {
            if (compareAndSetState(0, acquires)) {
                setExclusiveOwnerThread(current);
                return true;
            }
            return false;
        }
        if (getExclusiveOwnerThread() == current) {
            int next = state + acquires;
            if (next < 0) {
                throw new Error("maximum lock count exceeded");
            }
            setState(next);
            return true;
        }
        return false;
    }

    @Override
    protected final boolean tryRelease(int releases) {
        if (getExclusiveOwnerThread() != Thread.currentThread()) {
            throw new IllegalMonitorStateException();
        }
        int next = getState() - releases;
        boolean free = next == 0;
        if (free) {
            setExclusiveOwnerThread(null);
        }
        setState(next);
        return free;
    }

    @Override
    protected final boolean isHeldExclusively() {
        return getExclusiveOwnerThread() == Thread.currentThread();
    }

    @Override
    public final void lock() {
        acquire(1);
    }

    @Override
    public final void lockInterruptibly() throws InterruptedException {
        acquireInterruptibly(1);
    }

    @Override
    public final boolean tryLock() {
        return tryAcquire(1);
    }

    @Override
    public final boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        return tryAcquireNanos(1, unit.toNanos(time));
    }

    @Override
    public final void unlock() {
        release(1);
    }

    @Override
    public final Condition newCondition() {
        return new ConditionObject();
    }

    /** Whether the calling thread holds the lock. */
    public final boolean isHeldByCurrentThread() {
        return isHeldExclusively();
    }
}
