package dev.relayj.xftp.server;

import dev.relayj.crypto.X25519PrivateKey;

/**
 * Where a connection's handshake stands ({@code Handshake} in {@code FileTransfer/Server.hs}): the
 * server sent its handshake with this session key, or the client's handshake was accepted at a
 * version. A connection without any state has not said hello yet.
 */
sealed interface Session {
    X25519PrivateKey sessionKey();

    record HandshakeSent(X25519PrivateKey sessionKey) implements Session {}

    record HandshakeAccepted(X25519PrivateKey sessionKey, int version) implements Session {}
}
