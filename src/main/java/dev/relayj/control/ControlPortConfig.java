package dev.relayj.control;

import java.time.Clock;
import java.time.Duration;

/**
 * How a control port listens. The reference binds it to 127.0.0.1 only
 * ({@code runLocalTCPServer} in {@code Transport/Server.hs}); so does this one, always.
 *
 * @param port the TCP port ({@code [TRANSPORT] control_port}; 0 picks a free one, for tests)
 * @param passwords {@code [AUTH] control_port_admin_password} and {@code control_port_user_password}
 * @param maxSessions sessions served at once; further connections are closed at once
 * @param idleTimeout a session that neither sends a line nor takes its output for this long is closed
 * @param maxLineLength the longest line accepted; longer lines are answered with an error and dropped
 * @param clock the clock for client ages in {@code clients}
 */
public record ControlPortConfig(
        int port,
        ControlPasswords passwords,
        int maxSessions,
        Duration idleTimeout,
        int maxLineLength,
        Clock clock) {
    public static final int DEFAULT_MAX_SESSIONS = 16;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(15);
    /** Long enough for any id and blocking notice an operator would type. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 8192;

    public ControlPortConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("control port out of range: " + port);
        }
        if (maxSessions < 1 || maxLineLength < 1 || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("control port limits must be positive");
        }
    }

    public static ControlPortConfig of(int port, ControlPasswords passwords) {
        return new ControlPortConfig(port, passwords, DEFAULT_MAX_SESSIONS, DEFAULT_IDLE_TIMEOUT,
                DEFAULT_MAX_LINE_LENGTH, Clock.systemUTC());
    }
}
