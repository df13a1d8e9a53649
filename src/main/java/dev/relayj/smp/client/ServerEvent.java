package dev.relayj.smp.client;

import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;

/** Something the relay sent that answers no waiting command ({@code ServerTransmission} in {@code Client.hs}). */
public sealed interface ServerEvent {

    /** A message the relay sent by itself: MSG, END, DELD, NMSG, ENDS ({@code STEvent}). */
    record Message(EntityId entityId, BrokerMessage message) implements ServerEvent {}

    /**
     * A response nobody waits for any more (it came after its timeout), an unknown correlation id, or
     * an event that failed to parse ({@code STResponse}, {@code STUnexpectedError}).
     */
    record Unexpected(CorrId corrId, EntityId entityId, SmpClientError error) implements ServerEvent {}
}
