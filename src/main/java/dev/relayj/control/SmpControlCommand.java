package dev.relayj.control;

import dev.relayj.protocol.BlockingInfo;
import java.nio.charset.StandardCharsets;

/**
 * A command of the SMP server's control port ({@code ControlProtocol} in
 * {@code Server/Control.hs}). Queue commands name the queue by its sender id (or link id), as
 * base64url; the id is kept as the bytes given, however long.
 */
public sealed interface SmpControlCommand {
    record Auth(ControlPassword password) implements SmpControlCommand {}

    record Suspend() implements SmpControlCommand {}

    record Resume() implements SmpControlCommand {}

    record Clients() implements SmpControlCommand {}

    record Stats() implements SmpControlCommand {}

    record StatsRts() implements SmpControlCommand {}

    record Threads() implements SmpControlCommand {}

    record Sockets() implements SmpControlCommand {}

    record SocketThreads() implements SmpControlCommand {}

    record ServerInfo() implements SmpControlCommand {}

    record Delete(ControlEntityId queueId) implements SmpControlCommand {}

    record Status(ControlEntityId queueId) implements SmpControlCommand {}

    record Block(ControlEntityId queueId, BlockingInfo info) implements SmpControlCommand {}

    record Unblock(ControlEntityId queueId) implements SmpControlCommand {}

    record Save() implements SmpControlCommand {}

    /** relayj's own: loads the online and web certificates again (not in the reference). */
    record ReloadCerts() implements SmpControlCommand {}

    record Help() implements SmpControlCommand {}

    record Quit() implements SmpControlCommand {}

    /** An empty command word: nothing to do. */
    record Skip() implements SmpControlCommand {}

    /** {@code strDecode}: the command word up to the first space, its arguments, then end of line. */
    static SmpControlCommand parse(byte[] line) throws ControlParseException {
        LineCursor in = new LineCursor(line);
        String word = new String(in.takeTillSpace(), StandardCharsets.ISO_8859_1);
        SmpControlCommand command = switch (word) {
            case "auth" -> {
                in.space();
                yield new Auth(ControlPassword.parse(in));
            }
            case "suspend" -> new Suspend();
            case "resume" -> new Resume();
            case "clients" -> new Clients();
            case "stats" -> new Stats();
            case "stats-rts" -> new StatsRts();
            case "threads" -> new Threads();
            case "sockets" -> new Sockets();
            case "socket-threads" -> new SocketThreads();
            case "server-info" -> new ServerInfo();
            case "delete" -> new Delete(ControlEntityId.parseArgument(in));
            case "status" -> new Status(ControlEntityId.parseArgument(in));
            case "block" -> new Block(ControlEntityId.parseArgument(in), BlockingInfoArgument.parse(in, BlockingInfo::fromText));
            case "unblock" -> new Unblock(ControlEntityId.parseArgument(in));
            case "save" -> new Save();
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
