package dev.relayj.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The JDK's own TLS (JSSE) on a loopback port, offering ALPN h2: an independent TLS peer for
 * HTTP/2 tests. Each connection is handshaken, its ALPN noted, then handed to the test's handler
 * on a virtual thread; {@link #close()} closes the port and every open connection.
 */
public final class JsseH2Server implements AutoCloseable {
    /** Serves one handshaken connection; an IOException means the client went away. */
    @FunctionalInterface
    public interface Handler {
        void serve(SSLSocket socket) throws IOException;
    }

    private final SSLServerSocket listener;
    private final Handler handler;
    private final Set<String> negotiated = ConcurrentHashMap.newKeySet();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private JsseH2Server(SSLServerSocket listener, Handler handler) {
        this.listener = listener;
        this.handler = handler;
    }

    public static JsseH2Server start(SSLContext serverContext, Handler handler) throws IOException {
        SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        SSLParameters params = listener.getSSLParameters();
        params.setApplicationProtocols(new String[] {"h2"});
        listener.setSSLParameters(params);
        JsseH2Server server = new JsseH2Server(listener, handler);
        Thread.ofVirtual().start(server::acceptLoop);
        return server;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The ALPN protocols the connections so far negotiated. */
    public Set<String> negotiated() {
        return negotiated;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                SSLSocket socket = (SSLSocket) listener.accept();
                open.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SSLSocket socket) {
        try (socket) {
            socket.startHandshake();
            negotiated.add(socket.getApplicationProtocol());
            handler.serve(socket);
        } catch (IOException e) {
            // the client went away
        } finally {
            open.remove(socket);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
