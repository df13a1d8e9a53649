package dev.relayj.smp.protocol;

import dev.relayj.encoding.ByteView;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;

/**
 * One transmission split into its parts, its command not yet parsed ({@code RawTransmission}).
 *
 * @param authorization the authorization bytes as sent (empty when none)
 * @param serviceSignature the service signature, or null
 * @param authorized the bytes the authorization covers: the session id (also when it is implied
 *     and not sent), correlation id, entity id and command
 * @param sessionId the session id as sent (empty from v7, where it is implied)
 * @param command the command bytes, tag and parameters: a view of the received transmission
 */
public record RawTransmission(
        byte[] authorization,
        byte[] serviceSignature,
        ByteView authorized,
        byte[] sessionId,
        CorrId corrId,
        EntityId entityId,
        ByteView command) {}
