package dev.relayj.acme;

/** An ACME step failed; the message is the one line the operator sees. */
public class AcmeException extends Exception {
    public AcmeException(String message) {
        super(message);
    }

    public AcmeException(String message, Throwable cause) {
        super(message, cause);
    }
}
