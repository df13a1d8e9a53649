package dev.relayj.control;

import java.io.IOException;
import java.util.Optional;

/**
 * The control-port passwords as the INI gives them ({@code [AUTH] control_port_admin_password} and
 * {@code control_port_user_password}); an empty or invalid one stops the start with a line naming
 * its key rather than leaving a role no password can reach.
 */
public final class IniControlPasswords {
    public static final String ADMIN_KEY = "control_port_admin_password";
    public static final String USER_KEY = "control_port_user_password";

    private IniControlPasswords() {}

    public static ControlPasswords read(Optional<String> admin, Optional<String> user) throws IOException {
        return new ControlPasswords(password(admin, ADMIN_KEY), password(user, USER_KEY));
    }

    private static Optional<ControlPassword> password(Optional<String> value, String key) throws IOException {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get().isEmpty()) {
            throw new IOException("[AUTH] " + key + ": empty password");
        }
        try {
            return Optional.of(ControlPassword.of(value.get()));
        } catch (IllegalArgumentException e) {
            throw new IOException("[AUTH] " + key + ": " + e.getMessage());
        }
    }
}
