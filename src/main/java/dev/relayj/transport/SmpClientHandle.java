package dev.relayj.transport;

import java.io.IOException;

/**
 * A client's SMP connection after the handshake ({@code THandleSMP c 'TClient}).
 *
 * @param auth the server's keys, or null when the server sent none (v6 and legacy connections)
 */
public record SmpClientHandle(BlockTransport transport, SmpSessionParams params, ClientAuth auth) {

    /** See {@link BlockTransport#sendBlock}. */
    public void sendBlock(byte[] payload) throws IOException, TransportException {
        transport.sendBlock(payload);
    }

    /** See {@link BlockTransport#receiveBlock}. */
    public byte[] receiveBlock() throws IOException, TransportException {
        return transport.receiveBlock();
    }
}
