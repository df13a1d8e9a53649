package dev.relayj.control;

/**
 * A control-port line that does not parse. The message is exactly what the reference's attoparsec
 * parser reports for the same input, because the control port prints it back as {@code error: <message>}.
 */
public final class ControlParseException extends Exception {
    public ControlParseException(String message) {
        super(message, null, false, false);
    }
}
