package dev.relayj.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A control-port password ({@code BasicAuth} as {@code auth} parses it and as the INI keys
 * {@code control_port_admin_password} / {@code control_port_user_password} hold it): bytes that
 * are printable, not spaces, and none of {@code @ : /}.
 */
public final class ControlPassword {
    private final byte[] bytes;

    private ControlPassword(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The INI value, whose text the reference reads as UTF-8 bytes. */
    public static ControlPassword of(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || !isValid(bytes)) {
            throw new IllegalArgumentException("invalid character in BasicAuth");
        }
        return new ControlPassword(bytes);
    }

    /** {@code strP} of {@code BasicAuth} in {@code Protocol.hs}: {@code takeWhile1 (/= '@')}, then the check. */
    static ControlPassword parse(LineCursor cursor) throws ControlParseException {
        byte[] taken = cursor.takeWhile1(c -> c != '@');
        if (!isValid(taken)) {
            throw new ControlParseException("Failed reading: invalid character in BasicAuth");
        }
        return new ControlPassword(taken);
    }

    /** Haskell's {@code isPrint c && not (isSpace c)} on Latin-1 characters, without {@code @ : /}. */
    static boolean isValid(byte[] bytes) {
        for (byte b : bytes) {
            int c = b & 0xFF;
            // NBSP (0xA0) is a space and the soft hyphen (0xAD) a format character: neither passes
            boolean printable = (c > ' ' && c < 0x7F) || (c > 0xA0 && c != 0xAD);
            if (!printable || c == '@' || c == ':' || c == '/') {
                return false;
            }
        }
        return true;
    }

    /** Equality in time independent of where the first difference is. */
    boolean matches(ControlPassword other) {
        return other != null && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ControlPassword p && Arrays.equals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "ControlPassword[***]";
    }
}
