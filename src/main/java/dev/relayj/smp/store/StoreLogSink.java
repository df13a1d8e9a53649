package dev.relayj.smp.store;

import java.io.IOException;

/** Where the queue store appends its changes; {@link StoreLogWriter} writes them to the store log file. */
@FunctionalInterface
public interface StoreLogSink {
    /** Appends the record; returns only once it has reached the file. */
    void append(StoreLogRecord record) throws IOException;
}
