package dev.relayj.transport;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Outgoing block buffers shared by all connections of a server: a writer takes one while it fills
 * and sends a block, then gives it back. An idle connection holds none, and a busy server does not
 * allocate a new 16 KB array for every block it sends. At most {@code capacity} buffers are kept;
 * when all are in use a writer gets a new one, which is dropped when it comes back to a full pool.
 */
public final class BlockBuffers {
    private final int blockSize;
    private final ArrayBlockingQueue<byte[]> free;

    public BlockBuffers(int blockSize, int capacity) {
        this.blockSize = blockSize;
        this.free = new ArrayBlockingQueue<>(capacity);
    }

    public byte[] take() {
        byte[] buffer = free.poll();
        return buffer != null ? buffer : new byte[blockSize];
    }

    /**
     * Returns a buffer once its block is sent. {@link BlockTransport#sendBlockInPlace} overwrites
     * every byte of it, so what it held before is never sent again.
     */
    public void give(byte[] buffer) {
        if (buffer.length == blockSize) {
            free.offer(buffer);
        }
    }
}
