package dev.relayj.xftp.store;

import java.io.IOException;

/** A store log line that cannot be read and is not a torn last line: the server must not start. */
public final class StoreLogCorruptException extends IOException {
    public StoreLogCorruptException(String message) {
        super(message);
    }
}
