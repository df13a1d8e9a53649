package dev.relayj.xftp.protocol;

import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.protocol.TransmissionAuth;
import java.util.Arrays;
import java.util.Objects;

/** What the server makes of a command block: a command to verify and run, or an error to answer. */
public sealed interface ServerTransmission {

    CorrId corrId();

    EntityId entityId();

    /**
     * A well-formed command. {@code authorized} is what the authorization covers: the session id,
     * correlation id, entity id and command, as sent.
     *
     * @param auth the authorization, or null when the transmission has none
     */
    record Command(TransmissionAuth auth, byte[] authorized, CorrId corrId, EntityId entityId, FileCommand command)
            implements ServerTransmission {
        public Command {
            authorized = authorized.clone();
        }

        @Override
        public byte[] authorized() {
            return authorized.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Command c && Objects.equals(auth, c.auth) && Arrays.equals(authorized, c.authorized)
                    && corrId.equals(c.corrId) && entityId.equals(c.entityId) && command.equals(c.command);
        }

        @Override
        public int hashCode() {
            return corrId.hashCode() * 31 + entityId.hashCode();
        }

        @Override
        public String toString() {
            return "Command[" + command.tag() + " " + entityId + "]";
        }
    }

    /** A block or command the server answers with {@code ERR}, echoing what it could read. */
    record Rejected(CorrId corrId, EntityId entityId, XftpError error) implements ServerTransmission {
        @Override
        public String toString() {
            return "Rejected[" + error.encode() + "]";
        }
    }
}
