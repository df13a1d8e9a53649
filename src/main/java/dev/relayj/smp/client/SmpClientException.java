package dev.relayj.smp.client;

/** A failed command or connection, carrying the reference's error. */
public final class SmpClientException extends Exception {
    private final SmpClientError error;

    public SmpClientException(SmpClientError error) {
        super(error.describe(), null, false, false);
        this.error = error;
    }

    public SmpClientError error() {
        return error;
    }
}
