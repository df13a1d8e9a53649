package dev.relayj.smp.protocol;

import java.util.List;

/**
 * One transport block's worth of transmissions, or a transmission too large for any block
 * ({@code TransportBatch}).
 */
public sealed interface Batch permits Batch.Block, Batch.TooLarge {

    /**
     * The transmissions of one block, whose content before padding is a count byte, then each
     * transmission as a {@code Large} ({@link Transmissions#blockContent}, or written by the
     * sender straight into its block buffer).
     *
     * @param indexes the positions, in the input list, of the transmissions in this block
     */
    record Block(List<Integer> indexes) implements Batch {
        public Block {
            indexes = List.copyOf(indexes);
        }

        public int count() {
            return indexes.size();
        }
    }

    /** The transmission at this position does not fit a block (the reference's {@code TELargeMsg}). */
    record TooLarge(int index) implements Batch {}
}
