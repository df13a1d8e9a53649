package dev.relayj.smp.server;

import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.BrokerMessage;

/**
 * What one command answers ({@code ResponseAndMessage}): the response, null when a proxied command
 * answers later from its own thread, and the message SUB or ACK delivers with it, if any.
 */
record CommandResult(Reply reply, Reply message) {
    static CommandResult of(CorrId corrId, EntityId entityId, BrokerMessage response) {
        return new CommandResult(Reply.of(corrId, entityId, response), null);
    }
}
