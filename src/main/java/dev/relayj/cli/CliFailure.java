package dev.relayj.cli;

/** Ends a command: the message goes to stderr and the process exits with the code. */
final class CliFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    CliFailure(String message) {
        this(message, 1);
    }

    CliFailure(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
