package dev.relayj.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A plain-HTTP listener for the site ([WEB] http): accepts on one port and serves each connection
 * with HTTP/1.1 on a virtual thread of its own. {@link #close()} stops accepting and closes every
 * open connection.
 */
public final class HttpListener implements AutoCloseable {
    private static final int BACKLOG = 256;
    /** More concurrent clients than a small information site needs; beyond it new ones are dropped. */
    private static final int MAX_CONNECTIONS = 1024;

    private final ServerSocket serverSocket;
    private final StaticFileServer files;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread acceptThread;

    private HttpListener(ServerSocket serverSocket, StaticFileServer files) {
        this.serverSocket = serverSocket;
        this.files = files;
        this.acceptThread = Thread.ofVirtual().name("http-accept-" + serverSocket.getLocalPort()).unstarted(this::acceptLoop);
    }

    /**
     * Binds host:port (all interfaces when host is null; port 0 picks a free port) and starts serving.
     *
     * @throws IOException with one line naming the address that could not be bound
     */
    public static HttpListener open(String hostOrNull, int port, StaticFileServer files) throws IOException {
        ServerSocket serverSocket = new ServerSocket();
        try {
            serverSocket.setReuseAddress(true);
            serverSocket.bind(hostOrNull == null ? new InetSocketAddress(port) : new InetSocketAddress(hostOrNull, port),
                    BACKLOG);
        } catch (IOException e) {
            serverSocket.close();
            throw new IOException("cannot listen for HTTP on " + (hostOrNull == null ? "" : hostOrNull) + ":" + port + ": "
                    + e.getMessage(), e);
        }
        HttpListener listener = new HttpListener(serverSocket, files);
        listener.acceptThread.start();
        return listener;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (closed.get()) {
                    return;
                }
                pause();
                continue;
            }
            if (open.size() >= MAX_CONNECTIONS) {
                closeQuietly(socket);
                continue;
            }
            open.add(socket);
            if (closed.get()) {
                closeQuietly(socket);
                open.remove(socket);
                return;
            }
            Thread.ofVirtual().name("http-connection").start(() -> serve(socket));
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            files.serveHttp1(socket.getInputStream(), socket.getOutputStream(), socket);
        } catch (IOException e) {
            // the client went away; nothing to tell anyone
        } finally {
            open.remove(socket);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** Stops accepting and closes every open connection; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            serverSocket.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        try {
            acceptThread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
