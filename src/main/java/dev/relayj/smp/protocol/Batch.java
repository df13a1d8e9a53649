package dev.relayj.smp.protocol;

import java.util.List;

/**
 * One transport block's worth of transmissions, or a transmission too large for any block
 * ({@code TransportBatch}).
 */
public sealed interface Batch permits Batch.Block, Batch.TooLarge {

    /**
     * The content of one block before padding: a count byte, then each transmission as a
     * {@code Large}.
     *
     * @param indexes the positions, in the input list, of the transmissions in this block
     */
    record Block(byte[] content, List<Integer> indexes) implements Batch {
        public Block {
            content = content.clone();
            indexes = List.copyOf(indexes);
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        public int count() {
            return indexes.size();
        }
    }

    /** The transmission at this position does not fit a block (the reference's {@code TELargeMsg}). */
    record TooLarge(int index) implements Batch {}
}
