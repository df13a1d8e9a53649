package dev.relayj.http2;

/**
 * A header block that decoded correctly (the dynamic table is in step with the peer's) but whose
 * header list is larger than our SETTINGS_MAX_HEADER_LIST_SIZE; only its stream is refused.
 */
public final class HeaderListTooLargeException extends Exception {
    public HeaderListTooLargeException(long size, int limit) {
        super("header list of " + size + " bytes exceeds " + limit, null, false, false);
    }
}
