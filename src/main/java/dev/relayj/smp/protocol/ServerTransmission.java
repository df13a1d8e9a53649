package dev.relayj.smp.protocol;

import dev.relayj.encoding.ByteView;
import dev.relayj.protocol.Authorization;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;

/**
 * A client transmission as the server receives it ({@code SignedTransmissionOrError}): either
 * refused at parse level, with the error to answer, or a command with what authorizes it.
 */
public sealed interface ServerTransmission permits ServerTransmission.Refused, ServerTransmission.Received {

    CorrId corrId();

    EntityId entityId();

    /**
     * The server answers {@code ERR error} with this correlation id and entity id (no entity for
     * BLOCK and SESSION, the transmission's entity for command errors).
     */
    record Refused(CorrId corrId, EntityId entityId, ErrorType error) implements ServerTransmission {
        /** The response to send back. */
        public BrokerMessage response() {
            return BrokerMessage.err(error);
        }
    }

    /**
     * A command that parsed and carries the credentials it needs; its authorization is still to
     * be verified against the queue's key.
     *
     * @param authorization the authorization, or null when the transmission has none
     * @param authorized the bytes the authorization covers
     */
    record Received(Authorization authorization, ByteView authorized, CorrId corrId, EntityId entityId, Command command)
            implements ServerTransmission {}
}
