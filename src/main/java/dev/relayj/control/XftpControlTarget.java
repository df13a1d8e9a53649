package dev.relayj.control;

import dev.relayj.protocol.BlockingInfo;

/**
 * What the XFTP server gives its control port. Files are named by a recipient id (the
 * reference looks them up with {@code getFile fs SFRecipient}); an id longer than
 * {@link ControlEntityId#MAX_STORED_LENGTH} names no file. Calls come from control-port threads.
 */
public interface XftpControlTarget {
    /** {@code delete}: deletes the file as FDEL does ({@code deleteServerFile_}). */
    FileActionResult deleteFile(ControlEntityId recipientId);

    /** {@code block}: blocks the file ({@code blockServerFile}). */
    FileActionResult blockFile(ControlEntityId recipientId, BlockingInfo info);

    /** {@code reload-certs}: new connections get the certificates now in the files; returns the line to show. */
    String reloadCertificates();

    /** "ok", or "error: " and the reference's {@code show} of its {@code XFTPErrorType}, e.g. {@code AUTH}. */
    sealed interface FileActionResult {
        FileActionResult OK = new Ok();

        record Ok() implements FileActionResult {}

        record Failed(String error) implements FileActionResult {}
    }
}
