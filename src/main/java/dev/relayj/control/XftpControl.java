package dev.relayj.control;

import dev.relayj.control.XftpControlCommand.Auth;
import dev.relayj.control.XftpControlCommand.Block;
import dev.relayj.control.XftpControlCommand.Delete;
import dev.relayj.control.XftpControlCommand.Help;
import dev.relayj.control.XftpControlCommand.Quit;
import dev.relayj.control.XftpControlCommand.Skip;
import dev.relayj.control.XftpControlCommand.StatsRts;
import dev.relayj.control.XftpControlTarget.FileActionResult;
import java.io.IOException;

/** The XFTP server's control port: {@code runCPClient} in {@code FileTransfer/Server.hs}. */
final class XftpControl implements ControlDialect {
    static final String BANNER = "XFTP server control port\n'help' for supported commands\n";
    static final String HELP = "commands: stats-rts, delete, help, quit";

    private final XftpControlTarget target;

    XftpControl(XftpControlTarget target) {
        this.target = target;
    }

    @Override
    public String banner() {
        return BANNER;
    }

    @Override
    public boolean handle(byte[] line, ControlSession session) throws IOException {
        XftpControlCommand command;
        try {
            command = XftpControlCommand.parse(line);
        } catch (ControlParseException e) {
            session.println("error: " + e.getMessage());
            return true;
        }
        if (command instanceof Quit) {
            return false;
        }
        ControlLog.command(line, !(command instanceof Auth || command instanceof Help || command instanceof Skip));
        switch (command) {
            case Auth auth -> session.authenticate(auth.password());
            // the reference checks no role for stats-rts
            case StatsRts s -> session.println(JvmRuntime.statsLine());
            case Delete d -> {
                if (session.allowed(ControlRole.USER)) {
                    result(session, session.callTarget(() -> target.deleteFile(d.fileId())));
                }
            }
            case Block b -> {
                if (session.allowed(ControlRole.USER)) {
                    result(session, session.callTarget(() -> target.blockFile(b.fileId(), b.info())));
                }
            }
            case XftpControlCommand.ReloadCerts r -> {
                if (session.allowed(ControlRole.ADMIN)) {
                    session.println(target.reloadCertificates());
                }
            }
            case Help h -> session.println(HELP);
            case Quit q -> throw new IllegalStateException("quit is handled before execution");
            case Skip s -> {
                // an empty line does nothing
            }
        }
        return true;
    }

    private static void result(ControlSession session, FileActionResult result) throws IOException {
        session.println(switch (result) {
            case FileActionResult.Ok ok -> "ok";
            case FileActionResult.Failed f -> "error: " + f.error();
        });
    }
}
