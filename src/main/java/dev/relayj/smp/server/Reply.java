package dev.relayj.smp.server;

import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;

/** A transmission the server sends: a response (with the command's correlation id) or an event (without). */
record Reply(CorrId corrId, EntityId entityId, BrokerMessage message) {
    static Reply event(EntityId entityId, BrokerMessage message) {
        return new Reply(CorrId.NONE, entityId, message);
    }
}
