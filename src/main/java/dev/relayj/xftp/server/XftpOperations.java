package dev.relayj.xftp.server;

import dev.relayj.control.ControlPortConfig;
import dev.relayj.control.ControlPortServer;
import dev.relayj.control.IniControlPasswords;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/** Starts the XFTP control port when {@code [TRANSPORT] control_port} is set ({@code runCPClient} in FileTransfer/Server.hs). */
final class XftpOperations {
    private XftpOperations() {}

    static Optional<ControlPortServer> startControlPort(XftpServerConfig config, XftpServerControl control, Clock clock)
            throws IOException {
        if (config.controlPort().isEmpty()) {
            return Optional.empty();
        }
        ControlPortConfig portConfig = new ControlPortConfig(config.controlPort().getAsInt(),
                IniControlPasswords.read(config.auth().controlPortAdminPassword(), config.auth().controlPortUserPassword()),
                ControlPortConfig.DEFAULT_MAX_SESSIONS, ControlPortConfig.DEFAULT_IDLE_TIMEOUT,
                ControlPortConfig.DEFAULT_MAX_LINE_LENGTH, clock);
        return Optional.of(ControlPortServer.startXftp(portConfig, control));
    }
}
