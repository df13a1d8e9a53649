package dev.relayj.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;

/** A connected pair of loopback sockets with read timeouts, standing in for a TLS connection. */
final class Loopback implements AutoCloseable {
    static final int TIMEOUT_MILLIS = 10_000;

    final Socket server;
    final Socket client;

    Loopback() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            server = listener.accept();
        }
        server.setSoTimeout(TIMEOUT_MILLIS);
        client.setSoTimeout(TIMEOUT_MILLIS);
    }

    TransportLink serverLink(byte[] sessionId, String alpn, List<byte[]> clientChain) throws IOException {
        return new TransportLink(server.getInputStream(), server.getOutputStream(), sessionId, alpn, clientChain);
    }

    TransportLink clientLink(byte[] sessionId, String alpn, List<byte[]> serverChain) throws IOException {
        return new TransportLink(client.getInputStream(), client.getOutputStream(), sessionId, alpn, serverChain);
    }

    @Override
    public void close() throws IOException {
        try {
            client.close();
        } finally {
            server.close();
        }
    }
}
