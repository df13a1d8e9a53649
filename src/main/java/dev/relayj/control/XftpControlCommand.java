package dev.relayj.control;

import dev.relayj.protocol.BlockingInfo;
import java.nio.charset.StandardCharsets;

/**
 * A command of the XFTP server's control port ({@code ControlProtocol} in
 * {@code FileTransfer/Server/Control.hs}). Files are named by a recipient id, as base64url.
 */
public sealed interface XftpControlCommand {
    record Auth(ControlPassword password) implements XftpControlCommand {}

    record StatsRts() implements XftpControlCommand {}

    record Delete(ControlEntityId fileId) implements XftpControlCommand {}

    record Block(ControlEntityId fileId, BlockingInfo info) implements XftpControlCommand {}

    /** relayj's own: loads the online and web certificates again (not in the reference). */
    record ReloadCerts() implements XftpControlCommand {}

    record Help() implements XftpControlCommand {}

    record Quit() implements XftpControlCommand {}

    /** An empty command word: nothing to do. */
    record Skip() implements XftpControlCommand {}

    static XftpControlCommand parse(byte[] line) throws ControlParseException {
        LineCursor in = new LineCursor(line);
        String word = new String(in.takeTillSpace(), StandardCharsets.ISO_8859_1);
        XftpControlCommand command = switch (word) {
            case "auth" -> {
                in.space();
                yield new Auth(ControlPassword.parse(in));
            }
            case "stats-rts" -> new StatsRts();
            case "delete" -> new Delete(ControlEntityId.parseArgument(in));
            case "block" -> new Block(
                    ControlEntityId.parseArgument(in), BlockingInfoArgument.parse(in, BlockingInfo::fromText));
            case "reload-certs" -> new ReloadCerts();
            case "help" -> new Help();
            case "quit" -> new Quit();
            case "" -> new Skip();
            default -> throw new ControlParseException("Failed reading: bad ControlProtocol command");
        };
        in.endOfInput();
        return command;
    }
}
