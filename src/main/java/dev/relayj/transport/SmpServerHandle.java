package dev.relayj.transport;

import java.io.IOException;

/** A server's SMP connection after the handshake ({@code THandleSMP c 'TServer}). */
public record SmpServerHandle(BlockTransport transport, SmpSessionParams params, ServerAuth auth) {

    /** See {@link BlockTransport#sendBlock}. */
    public void sendBlock(byte[] payload) throws IOException, TransportException {
        transport.sendBlock(payload);
    }

    /** See {@link BlockTransport#receiveBlock}. */
    public byte[] receiveBlock() throws IOException, TransportException {
        return transport.receiveBlock();
    }
}
