package dev.relayj.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One listening TCP port: a thread accepts, each connection is served on a virtual thread of its
 * own and closed when served, and {@link #close()} stops accepting and closes every open
 * connection. What a connection is for (TLS, plain HTTP) is the owner's.
 */
public final class SocketAcceptor implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SocketAcceptor.class.getName());
    private final ServerSocket serverSocket;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    // set once by start(), before the accept thread runs
    private String name;
    private int maxConnections;
    private Consumer<Socket> serve;
    private volatile Thread acceptThread;

    private SocketAcceptor(ServerSocket serverSocket) {
        this.serverSocket = serverSocket;
    }

    /**
     * Binds host:port (all interfaces when host is null, port 0 for an ephemeral port) with
     * SO_REUSEADDR; connections wait in the backlog until {@link #start}.
     *
     * @param bindFailure how a failure to bind starts, e.g. "cannot listen on"
     * @throws IOException with one line naming the address that could not be bound
     */
    public static SocketAcceptor bind(String hostOrNull, int port, int backlog, String bindFailure) throws IOException {
        ServerSocket serverSocket = new ServerSocket();
        try {
            serverSocket.setReuseAddress(true);
            serverSocket.bind(hostOrNull == null ? new InetSocketAddress(port) : new InetSocketAddress(hostOrNull, port),
                    backlog);
        } catch (IOException e) {
            serverSocket.close();
            throw new IOException(bindFailure + " " + (hostOrNull == null ? "" : hostOrNull) + ":" + port + ": "
                    + e.getMessage(), e);
        }
        return new SocketAcceptor(serverSocket);
    }

    /**
     * Starts accepting. Beyond {@code maxConnections} open connections new ones are closed at
     * once. {@code serve} must not throw; the socket is closed after it returns.
     *
     * @param name names the threads ({@code name-accept-port}, {@code name-connection})
     */
    public void start(String name, int maxConnections, Consumer<Socket> serve) {
        if (acceptThread != null) {
            throw new IllegalStateException("already accepting");
        }
        this.name = name;
        this.maxConnections = maxConnections;
        this.serve = serve;
        acceptThread = Thread.ofPlatform().name(name + "-accept-" + port()).start(this::acceptLoop);
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public boolean isClosed() {
        return closed.get();
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
                // as the reference's safeAccept: a failed accept (aborted connection, no buffers) is retried
                LOG.log(System.Logger.Level.ERROR, "socket accept error: " + e.getMessage());
                pauseAfterAcceptError();
                continue;
            }
            if (open.size() >= maxConnections) {
                closeQuietly(socket);
                continue;
            }
            open.add(socket);
            if (closed.get()) {
                closeQuietly(socket);
                open.remove(socket);
                return;
            }
            Thread.ofVirtual().name(name + "-connection").start(() -> serveAndClose(socket));
        }
    }

    private void serveAndClose(Socket socket) {
        try {
            serve.accept(socket);
        } finally {
            closeQuietly(socket);
            open.remove(socket);
        }
    }

    private static void pauseAfterAcceptError() {
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
            // closing is best effort: the socket is unusable either way
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
            // the listening socket is released by the OS either way
        }
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        if (acceptThread == null) {
            return;
        }
        try {
            acceptThread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
