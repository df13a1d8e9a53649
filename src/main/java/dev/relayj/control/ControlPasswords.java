package dev.relayj.control;

import java.util.Optional;

/**
 * The two passwords of a control port. Without a password no {@code auth} can reach that role;
 * with neither, every session stays {@link ControlRole#NONE} ({@code controlPortAuth} in
 * {@code Server.hs} compares with {@code Just auth == admin} first, then user).
 */
public record ControlPasswords(Optional<ControlPassword> admin, Optional<ControlPassword> user) {
    public static final ControlPasswords NONE = new ControlPasswords(Optional.empty(), Optional.empty());

    /** From the INI values of {@code control_port_admin_password} and {@code control_port_user_password}. */
    public static ControlPasswords of(Optional<String> admin, Optional<String> user) {
        return new ControlPasswords(admin.map(ControlPassword::of), user.map(ControlPassword::of));
    }

    ControlRole roleFor(ControlPassword password) {
        if (admin.isPresent() && admin.get().matches(password)) {
            return ControlRole.ADMIN;
        }
        if (user.isPresent() && user.get().matches(password)) {
            return ControlRole.USER;
        }
        return ControlRole.NONE;
    }
}
