package dev.relayj.smp.server;

import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.store.QueueRecord;
import dev.relayj.smp.store.StoreQueue;

/** {@code VerificationResult} of Server.hs: the queue (for queue commands), or the error to answer. */
sealed interface Verification {
    record Verified(StoreQueue queue, QueueRecord record) implements Verification {}

    record Failed(ErrorType error) implements Verification {}
}
