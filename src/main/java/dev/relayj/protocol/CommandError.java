package dev.relayj.protocol;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpWriter;

/**
 * Why a command was refused before it ran ({@code CommandError} in {@code Protocol.hs}), the
 * argument of {@code ERR CMD} in SMP and XFTP alike.
 */
public enum CommandError {
    /** Unknown command tag. */
    UNKNOWN,
    /** The command's parameters do not parse. */
    SYNTAX,
    /** Not allowed here: bad service role, or SUB and GET mixed on one queue in one session. */
    PROHIBITED,
    /** Required authorization or entity id missing. */
    NO_AUTH,
    /** Authorization or entity id present where the command must not have it. */
    HAS_AUTH,
    /** Required entity id missing. */
    NO_ENTITY;

    public String encode() {
        return name();
    }

    public void writeTo(SmpWriter writer) {
        writer.writeAscii(name());
    }

    public static CommandError parse(String word) throws DecodingException {
        if (word.equals("NO_QUEUE")) {
            // the reference still reads the old name of NO_ENTITY
            return NO_ENTITY;
        }
        for (CommandError error : values()) {
            if (error.name().equals(word)) {
                return error;
            }
        }
        throw new DecodingException("bad CommandError");
    }
}
