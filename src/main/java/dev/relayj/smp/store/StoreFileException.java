package dev.relayj.smp.store;

/** A store file that cannot be loaded; the message names the file and line at fault in one line. */
public final class StoreFileException extends Exception {
    public StoreFileException(String message) {
        super(message, null, false, false);
    }

    public static StoreFileException atLine(java.nio.file.Path file, long line, String problem) {
        return new StoreFileException(file + ":" + line + ": " + problem);
    }
}
