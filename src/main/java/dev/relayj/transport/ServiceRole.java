package dev.relayj.transport;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;

/** {@code SMPServiceRole}: the kind of service client, encoded as one letter. */
public enum ServiceRole {
    MESSAGING('M'),
    NOTIFIER('N'),
    PROXY('P');

    private final char letter;

    ServiceRole(char letter) {
        this.letter = letter;
    }

    public char letter() {
        return letter;
    }

    /** The role for its letter (as store logs write it), or null. */
    public static ServiceRole fromLetter(char letter) {
        for (ServiceRole role : values()) {
            if (role.letter == letter) {
                return role;
            }
        }
        return null;
    }

    public void writeTo(SmpWriter writer) {
        writer.writeChar(letter);
    }

    public static ServiceRole readFrom(SmpReader reader) throws DecodingException {
        char letter = reader.readChar();
        for (ServiceRole role : values()) {
            if (role.letter == letter) {
                return role;
            }
        }
        throw new DecodingException("bad SMPServiceRole");
    }
}
