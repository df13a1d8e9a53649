package dev.relayj.socks;

/** The REP field of a SOCKS5 reply (RFC 1928 section 6), each with the text an operator reads. */
public enum SocksReply {
    SUCCEEDED(0, "succeeded"),
    GENERAL_FAILURE(1, "general SOCKS server failure"),
    NOT_ALLOWED(2, "connection not allowed by ruleset"),
    NETWORK_UNREACHABLE(3, "network unreachable"),
    HOST_UNREACHABLE(4, "host unreachable"),
    CONNECTION_REFUSED(5, "connection refused"),
    TTL_EXPIRED(6, "TTL expired"),
    COMMAND_NOT_SUPPORTED(7, "command not supported"),
    ADDRESS_TYPE_NOT_SUPPORTED(8, "address type not supported");

    private final int code;
    private final String description;

    SocksReply(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** The reply with this code, or null for a code RFC 1928 does not assign. */
    public static SocksReply ofCode(int code) {
        for (SocksReply reply : values()) {
            if (reply.code == code) {
                return reply;
            }
        }
        return null;
    }
}
