package dev.relayj.socks;

/**
 * How connections authenticate to the SOCKS proxy ({@code SocksAuth} in simplexmq's
 * {@code Transport/Client.hs}).
 */
public sealed interface SocksAuth permits SocksAuth.Isolate, SocksAuth.None, SocksAuth.Username {

    /**
     * The default: a username derived from the session, so that Tor puts the connections of
     * different sessions on different circuits ({@code SocksIsolateByAuth}).
     */
    record Isolate() implements SocksAuth {}

    /** No authentication ({@code SocksAuthNull}, written {@code @} before the proxy address). */
    record None() implements SocksAuth {}

    /** Fixed credentials ({@code SocksAuthUsername}, written {@code user:password@}). */
    record Username(SocksCredentials credentials) implements SocksAuth {}

    SocksAuth ISOLATE = new Isolate();
    SocksAuth NONE = new None();
}
