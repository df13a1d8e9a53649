package dev.relayj.xftp.server;

import dev.relayj.control.ControlEntityId;
import dev.relayj.control.XftpControlTarget;
import dev.relayj.protocol.BlockingInfo;
import dev.relayj.protocol.EntityId;
import dev.relayj.xftp.protocol.XftpError;
import dev.relayj.xftp.protocol.XftpException;
import dev.relayj.xftp.store.FileRec;
import java.io.IOException;
import java.util.Optional;

/**
 * The XFTP server's side of its control port ({@code processCP} in FileTransfer/Server.hs):
 * files are named by a recipient id ({@code getFile fs SFRecipient}), deleted as FDEL deletes them
 * and blocked as {@code blockServerFile} blocks them.
 */
final class XftpServerControl implements XftpControlTarget {
    private final FileService files;

    private final java.util.function.Supplier<String> reload;

    @Override
    public String reloadCertificates() {
        return reload.get();
    }

    XftpServerControl(FileService files, java.util.function.Supplier<String> reload) {
        this.reload = reload;
        this.files = files;
    }

    @Override
    public FileActionResult deleteFile(ControlEntityId recipientId) {
        return act(recipientId, file -> files.deleteFile(file));
    }

    @Override
    public FileActionResult blockFile(ControlEntityId recipientId, BlockingInfo info) {
        return act(recipientId, file -> files.blockFile(file, info));
    }

    @FunctionalInterface
    private interface FileAction {
        Optional<XftpError> apply(FileRec file) throws IOException;
    }

    private FileActionResult act(ControlEntityId recipientId, FileAction action) {
        if (!recipientId.fitsStore()) {
            return new FileActionResult.Failed(XftpError.AUTH.encode());
        }
        try {
            FileRec file = files.findRecipientFile(new EntityId(recipientId.bytes()));
            Optional<XftpError> error = action.apply(file);
            return error.<FileActionResult>map(e -> new FileActionResult.Failed(e.encode())).orElse(FileActionResult.OK);
        } catch (XftpException e) {
            return new FileActionResult.Failed(e.error().encode());
        } catch (IOException e) {
            return new FileActionResult.Failed(XftpError.Simple.INTERNAL.encode());
        }
    }
}
