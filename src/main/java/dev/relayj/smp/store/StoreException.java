package dev.relayj.smp.store;

/** A failed store operation; {@link #error()} says which protocol error to answer with. */
public final class StoreException extends Exception {
    private final StoreError error;

    public StoreException(StoreError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public StoreException(StoreError error, String message, Throwable cause) {
        super(message, cause, false, false);
        this.error = error;
    }

    public StoreError error() {
        return error;
    }
}
