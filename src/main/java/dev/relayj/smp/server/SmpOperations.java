package dev.relayj.smp.server;

import dev.relayj.control.ControlPasswords;
import dev.relayj.control.ControlPortConfig;
import dev.relayj.control.ControlPortServer;
import dev.relayj.control.IniControlPasswords;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Starts what an operator uses beside the relay itself: the control port ({@code [TRANSPORT]
 * control_port}, {@code runCPClient} in Server.hs) and the Prometheus metrics file
 * ({@code [STORE_LOG] prometheus_interval}); the server closes them on stop.
 */
final class SmpOperations implements AutoCloseable {
    private final List<AutoCloseable> started = new ArrayList<>();
    private ControlPortServer controlPort;

    private SmpOperations() {}

    static SmpOperations start(SmpServerConfig config, RelayEnv env, SmpServerControl control, SocketCounters sockets,
            Clock clock) throws IOException {
        SmpOperations operations = new SmpOperations();
        try {
            if (config.transport().controlPort().isPresent()) {
                ControlPasswords passwords = IniControlPasswords.read(config.auth().controlPortAdminPassword(),
                        config.auth().controlPortUserPassword());
                ControlPortConfig portConfig = new ControlPortConfig(config.transport().controlPort().getAsInt(),
                        passwords, ControlPortConfig.DEFAULT_MAX_SESSIONS, ControlPortConfig.DEFAULT_IDLE_TIMEOUT,
                        ControlPortConfig.DEFAULT_MAX_LINE_LENGTH, clock);
                operations.controlPort = ControlPortServer.startSmp(portConfig, control);
                operations.started.add(operations.controlPort);
            }
            SmpMetricsFile.start(config, env, control, sockets, clock).ifPresent(operations.started::add);
        } catch (IOException | RuntimeException e) {
            operations.close();
            throw e;
        }
        return operations;
    }

    /** The bound control port, when there is one. */
    OptionalInt controlPort() {
        return controlPort == null ? OptionalInt.empty() : OptionalInt.of(controlPort.port());
    }

    @Override
    public void close() {
        for (AutoCloseable c : started) {
            try {
                c.close();
            } catch (Exception e) {
                System.getLogger(SmpOperations.class.getName()).log(System.Logger.Level.ERROR,
                        "stopping " + c + ": " + e.getMessage());
            }
        }
    }
}
