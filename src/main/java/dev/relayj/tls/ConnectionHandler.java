package dev.relayj.tls;

import java.io.IOException;

/** Serves one TLS connection after its handshake; the listener closes the connection when it returns. */
@FunctionalInterface
public interface ConnectionHandler {
    void handle(TlsConnection connection) throws IOException;
}
