package dev.relayj.smp.protocol;

import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;

/**
 * A server transmission as a client receives it ({@code Transmission (Either err msg)}).
 *
 * @param message the parsed message or the error met parsing it
 */
public record ClientTransmission(CorrId corrId, EntityId entityId, Parsed<BrokerMessage> message) {}
