package dev.relayj.socks;

import java.nio.charset.StandardCharsets;

/**
 * A username and password for SOCKS5 username/password authentication (RFC 1929). Tor takes them
 * as a stream isolation key rather than checking them, so the password may be empty.
 */
public record SocksCredentials(byte[] username, byte[] password) {
    public SocksCredentials {
        if (username.length == 0 || username.length > 255) {
            throw new IllegalArgumentException("a SOCKS username holds 1 to 255 bytes");
        }
        if (password.length > 255) {
            throw new IllegalArgumentException("a SOCKS password holds at most 255 bytes");
        }
        username = username.clone();
        password = password.clone();
    }

    public static SocksCredentials of(String username, String password) {
        return new SocksCredentials(username.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] username() {
        return username.clone();
    }

    @Override
    public byte[] password() {
        return password.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SocksCredentials c && java.util.Arrays.equals(c.username, username)
                && java.util.Arrays.equals(c.password, password);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(username) * 31 + java.util.Arrays.hashCode(password);
    }

    @Override
    public String toString() {
        return "SocksCredentials[" + new String(username, StandardCharsets.UTF_8) + "]";
    }
}
