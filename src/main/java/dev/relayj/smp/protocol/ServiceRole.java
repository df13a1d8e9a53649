package dev.relayj.smp.protocol;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;

/** The role a service client declares in its handshake ({@code SMPServiceRole}): M, N or P. */
public enum ServiceRole {
    MESSAGING('M'),
    NOTIFIER('N'),
    PROXY('P');

    private final char code;

    ServiceRole(char code) {
        this.code = code;
    }

    public char code() {
        return code;
    }

    /** The role for its letter in store logs, or null. */
    public static ServiceRole fromCode(char code) {
        for (ServiceRole role : values()) {
            if (role.code == code) {
                return role;
            }
        }
        return null;
    }

    public void writeTo(SmpWriter writer) {
        writer.writeChar(code);
    }

    public static ServiceRole readFrom(SmpReader reader) throws DecodingException {
        return switch (reader.readByte()) {
            case 'M' -> MESSAGING;
            case 'N' -> NOTIFIER;
            case 'P' -> PROXY;
            default -> throw new DecodingException("bad SMPServiceRole");
        };
    }
}
