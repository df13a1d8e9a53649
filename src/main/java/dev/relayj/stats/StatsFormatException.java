package dev.relayj.stats;

/** A stats state file that does not parse; the message names the line at fault. */
public final class StatsFormatException extends Exception {
    public StatsFormatException(String message) {
        super(message);
    }
}
