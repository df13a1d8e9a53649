package dev.relayj.control;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One connected operator: their role and their output. The reference writes with line
 * buffering and a native ({@code \n}) newline; lines are flushed when a command is done, or
 * earlier with {@link #flush()} before a long action.
 */
final class ControlSession {
    private final OutputStream out;
    private final ControlPasswords passwords;
    private volatile ControlRole role = ControlRole.NONE;
    private volatile long lastProgressNanos = System.nanoTime();
    private volatile boolean inTarget;

    ControlSession(OutputStream out, ControlPasswords passwords) {
        this.out = out;
        this.passwords = passwords;
    }

    ControlRole role() {
        return role;
    }

    /** {@code withUserRole} / {@code withAdminRole} in {@code Server.hs}: "AUTH" when the session lacks the role. */
    boolean allowed(ControlRole required) throws IOException {
        ControlRole current = role;
        boolean ok = required == ControlRole.ADMIN ? current == ControlRole.ADMIN : current.atLeastUser();
        if (!ok) {
            ControlLog.unauthorized();
            println("AUTH");
        }
        return ok;
    }

    void println(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void flush() throws IOException {
        out.flush();
        progressed();
    }

    /**
     * {@code controlPortAuth} in {@code Server.hs}: the first {@code auth} sets the role (to
     * none for a wrong password, so a later {@code auth} may still succeed); once a role is held
     * it stays for the session.
     */
    void authenticate(ControlPassword password) throws IOException {
        ControlRole newRole = passwords.roleFor(password);
        ControlRole current = role;
        if (current == ControlRole.NONE) {
            role = newRole;
            println("Current role is " + newRole.referenceName());
        } else {
            println("Current role is " + current.referenceName()
                    + (current == newRole ? "" : ", start new session to change."));
        }
    }

    /** Runs a call into the server; the session is not idle while it runs, however long. */
    <T> T callTarget(TargetCall<T> call) throws IOException {
        inTarget = true;
        try {
            return call.run();
        } finally {
            inTarget = false;
            progressed();
        }
    }

    void progressed() {
        lastProgressNanos = System.nanoTime();
    }

    boolean idleLongerThan(long timeoutNanos) {
        return !inTarget && System.nanoTime() - lastProgressNanos > timeoutNanos;
    }

    @FunctionalInterface
    interface TargetCall<T> {
        T run() throws IOException;
    }
}
