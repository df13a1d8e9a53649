package dev.relayj.smp.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a text log in blocks of whole lines, with large reads, for parsers on other threads; a
 * block ends with a newline, except the file's last block when the writer did not finish its last
 * line. Parsers hand the buffers back ({@link #recycle}), so a replay of gigabytes reuses a few.
 */
final class LogBlockReader implements AutoCloseable {
    /** Below G1's humongous size for heaps from 2 GB: blocks are ordinary young objects, or reused. */
    static final int BLOCK_SIZE = 512 << 10;

    /** Lines in {@code bytes[0, length)}. */
    record Block(byte[] bytes, int length) {}

    private final FileChannel channel;
    private final BlockingQueue<byte[]> free;
    /** The start of a line that the previous block did not hold whole. */
    private byte[] carry = new byte[256];
    private int carried;
    private boolean eof;

    LogBlockReader(Path file, int reusedBuffers) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.READ);
        free = new ArrayBlockingQueue<>(Math.max(1, reusedBuffers));
    }

    /** The next block, or null at the end of the file. */
    Block next() throws IOException {
        if (eof && carried == 0) {
            return null;
        }
        byte[] buffer = free.poll();
        if (buffer == null || buffer.length < carried * 2) {
            buffer = new byte[Math.max(BLOCK_SIZE, carried * 2)];
        }
        System.arraycopy(carry, 0, buffer, 0, carried);
        int filled = carried;
        while (true) {
            while (!eof && filled < buffer.length) {
                int read = channel.read(ByteBuffer.wrap(buffer, filled, buffer.length - filled));
                if (read < 0) {
                    eof = true;
                } else {
                    filled += read;
                }
            }
            if (eof) {
                carried = 0;
                return filled == 0 ? null : new Block(buffer, filled);
            }
            int lineEnd = filled;
            while (lineEnd > 0 && buffer[lineEnd - 1] != '\n') {
                lineEnd--;
            }
            if (lineEnd > 0) {
                carried = filled - lineEnd;
                if (carry.length < carried) {
                    carry = new byte[Math.max(carried, carry.length * 2)];
                }
                System.arraycopy(buffer, lineEnd, carry, 0, carried);
                return new Block(buffer, lineEnd);
            }
            // one line longer than the buffer
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
    }

    /** Takes back a block's buffer once its lines are parsed. */
    void recycle(byte[] buffer) {
        free.offer(buffer);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
