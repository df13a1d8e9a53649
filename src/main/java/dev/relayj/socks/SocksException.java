package dev.relayj.socks;

import java.io.IOException;

/**
 * The SOCKS5 proxy refused or broke the connection: a failure reply, a rejected authentication, or
 * bytes that are not SOCKS5.
 */
public final class SocksException extends IOException {
    private final SocksReply reply;

    SocksException(String message) {
        this(message, null);
    }

    SocksException(String message, SocksReply reply) {
        super(message);
        this.reply = reply;
    }

    /** The proxy's failure reply to CONNECT, or null when the failure came before or outside it. */
    public SocksReply reply() {
        return reply;
    }
}
