package dev.relayj.smp.server;

import dev.relayj.encoding.Base64Url;
import dev.relayj.tls.ServerCredentials;
import dev.relayj.tls.TlsConnection;
import dev.relayj.tls.TlsListener;
import dev.relayj.tls.TlsSettings;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SMP relay: one TLS listener on each configured port. It owns the listeners and closes them
 * on {@link #close()}. For now a connection is logged (ALPN and session id) and closed.
 */
public final class SmpServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SmpServer.class.getName());

    private final List<TlsListener> listeners;

    private SmpServer(List<TlsListener> listeners) {
        this.listeners = listeners;
    }

    /**
     * Starts listening on every port of {@code config} (on all interfaces).
     *
     * @param webCredentials the browser certificate for ports shared with the web site, if any
     */
    public static SmpServer start(SmpServerConfig config, ServerCredentials credentials,
            Optional<ServerCredentials> webCredentials) throws IOException {
        return start(config, credentials, webCredentials, null);
    }

    /** As {@link #start(SmpServerConfig, ServerCredentials, Optional)}, bound to {@code bindHost} (null: all interfaces). */
    public static SmpServer start(SmpServerConfig config, ServerCredentials credentials,
            Optional<ServerCredentials> webCredentials, String bindHost) throws IOException {
        List<TlsListener> listeners = new ArrayList<>();
        try {
            for (SmpServerConfig.ServerPort port : config.transport().ports()) {
                TlsSettings settings = new TlsSettings(credentials, port.attachHttp() ? webCredentials.orElse(null) : null,
                        SmpServerConfig.ALPN, TlsSettings.DEFAULT_HANDSHAKE_TIMEOUT, config.transport().logTlsErrors())
                        .withClientCertificates(config.transport().acceptServiceCredentials());
                listeners.add(TlsListener.open(bindHost, port.port(), settings, SmpServer::handle));
            }
        } catch (IOException | RuntimeException e) {
            listeners.forEach(TlsListener::close);
            throw e;
        }
        return new SmpServer(List.copyOf(listeners));
    }

    private static void handle(TlsConnection connection) {
        LOG.log(Level.INFO, "SMP connection from " + connection.remoteAddress() + ": ALPN "
                + (connection.alpn() == null ? "none" : connection.alpn()) + ", session "
                + Base64Url.encode(connection.sessionId()));
    }

    /** The bound ports, in the order of the configuration (useful when it asks for port 0). */
    public List<Integer> ports() {
        return listeners.stream().map(TlsListener::port).toList();
    }

    /** Stops accepting and closes the listeners; idempotent. */
    @Override
    public void close() {
        listeners.forEach(TlsListener::close);
    }
}
