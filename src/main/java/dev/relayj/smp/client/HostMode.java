package dev.relayj.smp.client;

/** Which host of a multi-host address to connect to ({@code HostMode} in simplexmq's {@code Client.hs}). */
public enum HostMode {
    /** Onion hosts when a SOCKS proxy is configured, public ones otherwise ({@code HMOnionViaSocks}). */
    ONION_VIA_SOCKS,
    /** Onion hosts ({@code HMOnion}). */
    ONION,
    /** Public hosts ({@code HMPublic}), the relay's default. */
    PUBLIC;

    /** {@code textToHostMode}: the [PROXY] host_mode values; "onion" means onion via SOCKS. */
    public static HostMode parse(String text) {
        return switch (text) {
            case "public" -> PUBLIC;
            case "onion" -> ONION_VIA_SOCKS;
            default -> throw new IllegalArgumentException("Invalid host_mode: " + text);
        };
    }
}
