package dev.relayj.smp.server;

import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.store.StoreException;

/** How the command families answer: errors, and the outcome of a store change as OK or its error. */
final class Responses {
    private Responses() {}

    /** A store change that answers OK when it returns. */
    @FunctionalInterface
    interface StoreChange {
        void run() throws StoreException;
    }

    static BrokerMessage.Err err(ErrorType error) {
        return BrokerMessage.err(error);
    }

    /** The protocol error a store failure is answered with. */
    static ErrorType storeError(StoreException e) {
        return switch (e.error()) {
            case AUTH -> ErrorType.Simple.AUTH;
            case DUPLICATE -> ErrorType.Simple.DUPLICATE_;
            case SERVICE -> ErrorType.Simple.SERVICE;
            case QUOTA -> ErrorType.Simple.QUOTA;
            case STORE -> new ErrorType.Store(e.getMessage());
        };
    }

    /** Runs the change and answers OK, or the error it failed with. */
    static BrokerMessage okOrStoreError(StoreChange change) {
        try {
            change.run();
            return BrokerMessage.OK;
        } catch (StoreException e) {
            return err(storeError(e));
        }
    }
}
