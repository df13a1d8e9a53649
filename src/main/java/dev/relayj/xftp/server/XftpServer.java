package dev.relayj.xftp.server;

import dev.relayj.encoding.Base64Url;
import dev.relayj.tls.ServerCredentials;
import dev.relayj.tls.TlsConnection;
import dev.relayj.tls.TlsListener;
import dev.relayj.tls.TlsSettings;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * The XFTP relay: one TLS listener on the configured port, which it owns and closes on
 * {@link #close()}. For now a connection is logged (ALPN and session id) and closed.
 */
public final class XftpServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(XftpServer.class.getName());

    private final TlsListener listener;

    private XftpServer(TlsListener listener) {
        this.listener = listener;
    }

    /**
     * Starts listening on the configured port (on all interfaces).
     *
     * @param webCredentials the browser certificate served on the same port, if configured
     */
    public static XftpServer start(XftpServerConfig config, ServerCredentials credentials,
            Optional<ServerCredentials> webCredentials) throws IOException {
        return start(config, credentials, webCredentials, null);
    }

    /** As {@link #start(XftpServerConfig, ServerCredentials, Optional)}, bound to {@code bindHost} (null: all interfaces). */
    public static XftpServer start(XftpServerConfig config, ServerCredentials credentials,
            Optional<ServerCredentials> webCredentials, String bindHost) throws IOException {
        TlsSettings settings = new TlsSettings(credentials, webCredentials.orElse(null), XftpServerConfig.ALPN,
                TlsSettings.DEFAULT_HANDSHAKE_TIMEOUT, config.logTlsErrors());
        return new XftpServer(TlsListener.open(bindHost, config.port(), settings, XftpServer::handle));
    }

    private static void handle(TlsConnection connection) {
        LOG.log(Level.INFO, "XFTP connection from " + connection.remoteAddress() + ": ALPN "
                + (connection.alpn() == null ? "none" : connection.alpn()) + ", session "
                + Base64Url.encode(connection.sessionId()));
    }

    /** The bound port (useful when the configuration asks for port 0). */
    public int port() {
        return listener.port();
    }

    /** Stops accepting and closes the listener; idempotent. */
    @Override
    public void close() {
        listener.close();
    }
}
