package dev.relayj.xftp.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes used by uploaded chunks against the configured quota ({@code usedStorage} and
 * {@code fileSizeQuota} in {@code FileTransfer/Server/Env.hs}): an upload reserves its size before
 * the body is received and releases it if the upload fails; deletion, blocking and expiry release.
 */
public final class StorageQuota {
    private final long quota;
    private final AtomicLong used;

    /** @param quota bytes allowed, or {@link Long#MAX_VALUE} for no quota */
    public StorageQuota(long quota, long initiallyUsed) {
        this.quota = quota;
        this.used = new AtomicLong(initiallyUsed);
    }

    /** Reserves {@code size} bytes if the total stays within the quota; tells whether it did. */
    public boolean tryReserve(long size) {
        while (true) {
            long current = used.get();
            long next = current + size;
            if (next > quota || next < current) {
                return false;
            }
            if (used.compareAndSet(current, next)) {
                return true;
            }
        }
    }

    public void release(long size) {
        used.addAndGet(-size);
    }

    public long used() {
        return used.get();
    }

    public long quota() {
        return quota;
    }
}
