package dev.relayj.xftp.protocol;

import java.util.Arrays;

/** What the server makes of a command block: a command to verify and run, or an error to answer. */
public sealed interface ServerTransmission {

    byte[] corrId();

    FileId entityId();

    /**
     * A well-formed command. {@code authorized} is what the authorization covers: the session id,
     * correlation id, entity id and command, as sent.
     */
    record Command(TransmissionAuth auth, byte[] authorized, byte[] corrId, FileId entityId, FileCommand command)
            implements ServerTransmission {
        public Command {
            authorized = authorized.clone();
            corrId = corrId.clone();
        }

        @Override
        public byte[] authorized() {
            return authorized.clone();
        }

        @Override
        public byte[] corrId() {
            return corrId.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Command c && auth.equals(c.auth) && Arrays.equals(authorized, c.authorized)
                    && Arrays.equals(corrId, c.corrId) && entityId.equals(c.entityId) && command.equals(c.command);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(corrId) * 31 + entityId.hashCode();
        }

        @Override
        public String toString() {
            return "Command[" + command.tag() + " " + entityId + "]";
        }
    }

    /** A block or command the server answers with {@code ERR}, echoing what it could read. */
    record Rejected(byte[] corrId, FileId entityId, XftpError error) implements ServerTransmission {
        public Rejected {
            corrId = corrId.clone();
        }

        @Override
        public byte[] corrId() {
            return corrId.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Rejected r && Arrays.equals(corrId, r.corrId) && entityId.equals(r.entityId)
                    && error.equals(r.error);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(corrId) * 31 + error.hashCode();
        }

        @Override
        public String toString() {
            return "Rejected[" + error.encode() + "]";
        }
    }
}
