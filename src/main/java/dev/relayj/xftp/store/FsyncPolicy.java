package dev.relayj.xftp.store;

/**
 * When store log appends reach the disk. The reference flushes each record to the OS and leaves
 * the rest to it; {@link #EVERY_RECORD} also forces it to disk before the server answers.
 */
public enum FsyncPolicy {
    EVERY_RECORD,
    OS_BUFFERED
}
