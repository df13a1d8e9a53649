package dev.relayj.transport;

import dev.relayj.crypto.CryptoBox;
import dev.relayj.crypto.CryptoException;
import dev.relayj.crypto.Padding;
import dev.relayj.crypto.SbChainKey;
import dev.relayj.encoding.ByteView;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fixed-size blocks over a byte stream ({@code tPutBlock} / {@code tGetBlock} of {@code Transport.hs}).
 * Every block is exactly {@link #blockSize()} bytes: the payload padded with {@code C.pad}, or, once the
 * handshake has agreed block encryption (SMP v11+), padded to {@code blockSize - 16} and sealed with
 * secret_box under the next key and nonce of this direction's chain:
 *
 * <pre>
 * plain:      | len (2) | payload | '#' ... |                          = blockSize
 * encrypted:  | tag (16) | XSalsa20( len (2) | payload | '#' ... ) |   = blockSize
 * </pre>
 *
 * <p>Threads: each direction has its own lock, so one reader thread and one writer thread can use a
 * transport at once (more threads per direction are serialised). The streams are not owned: whoever
 * opened the connection closes it, which also ends a blocked {@link #receiveBlock()}.
 */
public final class BlockTransport {
    private final InputStream input;
    private final OutputStream output;
    private final int blockSize;
    private final ReentrantLock sendLock = new ReentrantLock();
    private final ReentrantLock receiveLock = new ReentrantLock();
    private SbChainKey sendChain;
    private SbChainKey receiveChain;
    // read without the locks, so that asking does not wait for a blocked write
    private volatile boolean encrypted;

    public BlockTransport(InputStream input, OutputStream output, int blockSize) {
        if (blockSize <= CryptoBox.TAG_SIZE + 2) {
            throw new IllegalArgumentException("block size too small: " + blockSize);
        }
        this.input = input;
        this.output = output;
        this.blockSize = blockSize;
    }

    public int blockSize() {
        return blockSize;
    }

    /** Whether blocks are encrypted with chain keys. */
    public boolean encrypted() {
        return encrypted;
    }

    /** The largest payload a block carries: 2 bytes of length, and 16 of tag when encrypted. */
    public int maxPayloadLength() {
        return paddedLength(encrypted()) - 2;
    }

    /**
     * Switches on block encryption; called by the handshake once the secret is agreed, before the
     * transport is shared with other threads.
     */
    void startEncryption(SbChainKey send, SbChainKey receive) {
        sendLock.lock();
        receiveLock.lock();
        try {
            sendChain = send;
            receiveChain = receive;
            encrypted = true;
        } finally {
            receiveLock.unlock();
            sendLock.unlock();
        }
    }

    /**
     * Where a payload starts in a block buffer for {@link #sendBlockInPlace}: after the length
     * and, once blocks are encrypted, after the tag.
     */
    public int payloadOffset() {
        return paddedOffset(encrypted()) + 2;
    }

    /**
     * Pads (and encrypts) the payload into one block and writes it. A payload that does not fit is
     * {@link TransportError#LARGE_MSG LARGE_MSG}; then nothing is written and, unlike the reference,
     * the send chain does not advance, so the peer's chain stays in step.
     */
    public void sendBlock(byte[] payload) throws IOException, TransportException {
        int offset = payloadOffset();
        if (payload.length > blockSize - offset) {
            throw new TransportException(TransportError.Simple.LARGE_MSG);
        }
        byte[] block = new byte[blockSize];
        System.arraycopy(payload, 0, block, offset, payload.length);
        sendBlockInPlace(block, payload.length);
    }

    /**
     * Sends a block whose payload the caller wrote at {@link #payloadOffset()} of a
     * {@link #blockSize()}-byte buffer: pads and encrypts it in that buffer, which then holds
     * only what went on the wire and may be reused once this returns.
     */
    public void sendBlockInPlace(byte[] block, int payloadLength) throws IOException, TransportException {
        if (block.length != blockSize) {
            throw new IllegalArgumentException("a block buffer has " + blockSize + " bytes, not " + block.length);
        }
        sendLock.lock();
        try {
            boolean encrypt = sendChain != null;
            int paddedOffset = paddedOffset(encrypt);
            if (paddedOffset + 2 + payloadLength > blockSize) {
                throw new TransportException(TransportError.Simple.LARGE_MSG);
            }
            try {
                Padding.padInPlace(block, paddedOffset, payloadLength, blockSize - paddedOffset);
            } catch (CryptoException e) {
                throw new TransportException(TransportError.Simple.LARGE_MSG);
            }
            if (encrypt) {
                SbChainKey.Step step = advance(sendChain);
                sendChain = step.next();
                try {
                    CryptoBox.sbSealInPlace(step.key(), step.nonce(), block, 0, blockSize - CryptoBox.TAG_SIZE);
                } finally {
                    step.key().destroy();
                }
            }
            output.write(block);
            output.flush();
        } finally {
            sendLock.unlock();
        }
    }

    /** As {@link #receiveBlockView()}, on an array of its own. */
    public byte[] receiveBlock() throws IOException, TransportException {
        return receiveBlockView().toByteArray();
    }

    /**
     * Reads one whole block (however the stream splits it) and returns its payload, decrypted and
     * unpadded in the block's own fresh array. The end of the stream before a whole block is an
     * {@link EOFException}. A block that fails to decrypt or unpad is
     * {@link TransportError#LARGE_MSG LARGE_MSG}, as in the reference; the block has been consumed and
     * the receive chain advanced, so the next block can still be read (the server answers such a
     * block with {@code ERR BLOCK} and goes on).
     */
    public ByteView receiveBlockView() throws IOException, TransportException {
        receiveLock.lock();
        try {
            byte[] block = readBlock();
            boolean decrypt = receiveChain != null;
            try {
                if (decrypt) {
                    SbChainKey.Step step = advance(receiveChain);
                    receiveChain = step.next();
                    try {
                        CryptoBox.sbOpenInPlace(step.key(), step.nonce(), block, 0, blockSize);
                    } finally {
                        step.key().destroy();
                    }
                }
                int paddedOffset = paddedOffset(decrypt);
                int length = Padding.unpaddedLength(block, paddedOffset, blockSize - paddedOffset);
                return ByteView.ofOwned(block, paddedOffset + 2, length);
            } catch (CryptoException e) {
                throw new TransportException(TransportError.Simple.LARGE_MSG);
            }
        } finally {
            receiveLock.unlock();
        }
    }

    /**
     * Waits for the first byte before taking a block buffer: an idle connection's reader then
     * holds no 16 KB array while it waits.
     */
    private byte[] readBlock() throws IOException {
        int first = input.read();
        if (first < 0) {
            throw new EOFException("stream ended after 0 of " + blockSize + " block bytes");
        }
        byte[] block = new byte[blockSize];
        block[0] = (byte) first;
        int read = 1 + input.readNBytes(block, 1, blockSize - 1);
        if (read != blockSize) {
            throw new EOFException("stream ended after " + read + " of " + blockSize + " block bytes");
        }
        return block;
    }

    private int paddedLength(boolean encrypt) {
        return blockSize - paddedOffset(encrypt);
    }

    /** Where the padded payload starts in a block: after the tag when encrypted. */
    private static int paddedOffset(boolean encrypt) {
        return encrypt ? CryptoBox.TAG_SIZE : 0;
    }

    private static SbChainKey.Step advance(SbChainKey chain) {
        SbChainKey.Step step = chain.next();
        chain.destroy();
        return step;
    }
}
