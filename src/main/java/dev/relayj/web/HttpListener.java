package dev.relayj.web;

import dev.relayj.tls.SocketAcceptor;
import java.io.IOException;
import java.net.Socket;

/**
 * A plain-HTTP listener for the site ([WEB] http): accepts on one port and serves each connection
 * with HTTP/1.1 on a virtual thread of its own. {@link #close()} stops accepting and closes every
 * open connection.
 */
public final class HttpListener implements AutoCloseable {
    private static final int BACKLOG = 256;
    /** More concurrent clients than a small information site needs; beyond it new ones are dropped. */
    private static final int MAX_CONNECTIONS = 1024;

    private final SocketAcceptor acceptor;
    private final StaticFileServer files;

    private HttpListener(SocketAcceptor acceptor, StaticFileServer files) {
        this.acceptor = acceptor;
        this.files = files;
    }

    /**
     * Binds host:port (all interfaces when host is null; port 0 picks a free port) and starts serving.
     *
     * @throws IOException with one line naming the address that could not be bound
     */
    public static HttpListener open(String hostOrNull, int port, StaticFileServer files) throws IOException {
        SocketAcceptor acceptor = SocketAcceptor.bind(hostOrNull, port, BACKLOG, "cannot listen for HTTP on");
        HttpListener listener = new HttpListener(acceptor, files);
        acceptor.start("http", MAX_CONNECTIONS, listener::serve);
        return listener;
    }

    public int port() {
        return acceptor.port();
    }

    private void serve(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            files.serveHttp1(socket.getInputStream(), socket.getOutputStream(), socket);
        } catch (IOException e) {
            // the client went away; nothing to tell anyone
        }
    }

    /** Stops accepting and closes every open connection; idempotent. */
    @Override
    public void close() {
        acceptor.close();
    }
}
