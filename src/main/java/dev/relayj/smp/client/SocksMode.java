package dev.relayj.smp.client;

/** When to use the SOCKS proxy ({@code SocksMode} in simplexmq's {@code Client.hs}). */
public enum SocksMode {
    /** Every connection goes through the proxy ({@code SMAlways}). */
    ALWAYS,
    /** Only connections to onion hosts ({@code SMOnion}), the relay's default. */
    ONION;

    /** The [PROXY] socks_mode values. */
    public static SocksMode parse(String text) {
        return switch (text) {
            case "always" -> ALWAYS;
            case "onion" -> ONION;
            default -> throw new IllegalArgumentException("Invalid Socks mode: " + text);
        };
    }
}
