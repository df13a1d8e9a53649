package dev.relayj.xftp.protocol;

import dev.relayj.encoding.DecodingException;

/** The argument of {@code ERR CMD} ({@code CommandError} in simplexmq {@code Protocol.hs}). */
public enum CommandError {
    UNKNOWN,
    SYNTAX,
    PROHIBITED,
    NO_AUTH,
    HAS_AUTH,
    NO_ENTITY;

    public String encode() {
        return name();
    }

    public static CommandError parse(String text) throws DecodingException {
        return switch (text) {
            case "UNKNOWN" -> UNKNOWN;
            case "SYNTAX" -> SYNTAX;
            case "PROHIBITED" -> PROHIBITED;
            case "NO_AUTH" -> NO_AUTH;
            case "HAS_AUTH" -> HAS_AUTH;
            case "NO_ENTITY" -> NO_ENTITY;
            // older peers sent NO_QUEUE for NO_ENTITY (Protocol.hs keeps reading it)
            case "NO_QUEUE" -> NO_ENTITY;
            default -> throw new DecodingException("bad CommandError");
        };
    }
}
