package dev.relayj.tls;

import dev.relayj.runtime.Deadlines;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * A TLS server on one TCP port, as simplexmq's {@code runTransportServerState_}
 * ({@code Transport/Server.hs}): one thread accepts, each connection is handshaken and handled on
 * its own virtual thread within the handshake timeout, and a failure of one connection never
 * touches another.
 */
public final class TlsListener implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TlsListener.class.getName());
    private static final int BACKLOG = 1024;
    /** As the reference's {@code gracefulClose conn 5000}: how long closing may wait for the peer. */
    private static final long CLOSE_GRACE_MILLIS = 5000;
    /** How long a closing connection reads what the client still sends, so that our last words arrive. */
    private static final long LINGER_MILLIS = 2000;

    private final SocketAcceptor acceptor;
    private volatile TlsSettings settings;
    private volatile AcmeTlsChallenges challengesOrNull;
    private final ConnectionHandler handler;
    private final BcTlsCrypto crypto = new RelayTlsCrypto(new SecureRandom());

    private TlsListener(SocketAcceptor acceptor, TlsSettings settings, ConnectionHandler handler) {
        this.acceptor = acceptor;
        this.settings = settings;
        this.handler = handler;
    }

    /**
     * Binds host:port (all interfaces when host is null, port 0 for an ephemeral port) with
     * SO_REUSEADDR and starts accepting.
     */
    public static TlsListener open(String hostOrNull, int port, TlsSettings settings, ConnectionHandler handler)
            throws IOException {
        SocketAcceptor acceptor = SocketAcceptor.bind(hostOrNull, port, BACKLOG, "cannot listen on");
        TlsListener listener = new TlsListener(acceptor, settings, handler);
        acceptor.start("tls", Integer.MAX_VALUE, listener::serve);
        return listener;
    }

    public int port() {
        return acceptor.port();
    }

    /**
     * New handshakes present these credentials from now on; connections already open keep theirs.
     * The caller checks that the identity (the CA fingerprint) is unchanged.
     */
    public void replaceCredentials(ServerCredentials credentials, ServerCredentials webCredentialsOrNull) {
        settings = settings.withCredentials(credentials, webCredentialsOrNull);
    }

    /** Answers TLS-ALPN-01 challenges (RFC 8737) from these certificates on this port. */
    public void answerAcmeChallenges(AcmeTlsChallenges challenges) {
        challengesOrNull = challenges;
    }

    private void serve(Socket socket) {
        try {
            // with Nagle's algorithm a response that leaves in more than one write waits for the
            // peer's delayed ACK (40 ms on Linux): tools/bench-smp measured 43 ms instead of 5 ms per round trip
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            closeQuietly(socket);
            return;
        }
        ServerTlsConnection connection = handshake(socket);
        if (connection == null) {
            return;
        }
        if (connection.acmeChallengeAnswered()) {
            // RFC 8737 section 3: the validator only looks at the certificate and closes
            connection.close();
            return;
        }
        try {
            handler.handle(connection);
        } catch (IOException e) {
            // the connection failed or the client left; it is closed below
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "connection handler failed for " + socket.getRemoteSocketAddress() + ": " + e);
        } finally {
            Future<?> abort = schedule(connection::abort, CLOSE_GRACE_MILLIS);
            connection.closeLingering(LINGER_MILLIS);
            abort.cancel(false);
        }
    }

    /** Runs the action after the delay; at once when the listener has been closed meanwhile. */
    private Future<?> schedule(Runnable action, long delayMillis) {
        if (acceptor.isClosed()) {
            action.run();
            return CompletableFuture.completedFuture(null);
        }
        return Deadlines.after(Duration.ofMillis(delayMillis), action);
    }

    /**
     * The connection after a successful handshake, or null (reported when logging TLS errors). Its
     * setup deadline keeps running through the protocol's handshake when the settings ask for one.
     */
    private ServerTlsConnection handshake(Socket socket) {
        TlsSettings settings = this.settings;
        SetupDeadline deadline = new SetupDeadline(this::schedule, () -> closeQuietly(socket));
        deadline.arm(settings.handshakeTimeout().toMillis());
        try {
            InputStream socketInput = HalfClosingStreams.input(socket);
            TlsServerProtocol protocol = new TlsServerProtocol(socketInput, HalfClosingStreams.output(socket));
            RelayTlsServer server = new RelayTlsServer(crypto, settings, challengesOrNull);
            protocol.accept(server);
            if (settings.protocolHandshakeTimeout().isZero() || server.acmeChallengeAnswered()) {
                if (!deadline.end()) {
                    return null;
                }
            } else {
                deadline.arm(settings.protocolHandshakeTimeout().toMillis());
            }
            return new ServerTlsConnection(socket, socketInput, protocol, server, deadline);
        } catch (IOException | RuntimeException e) {
            boolean timedOut = !deadline.end();
            if (settings.logTlsErrors() && !acceptor.isClosed()) {
                logHandshakeError(timedOut ? "tls setup timeout" : describe(e));
            }
            return null;
        }
    }

    /** One line, as the reference's {@code connectTLS} prints with log_tls_errors on. */
    private static void logHandshakeError(String description) {
        LOG.log(System.Logger.Level.INFO, "TLS error: " + description);
    }

    private static String describe(Exception e) {
        if (e instanceof SocketException || e.getMessage() == null) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        }
        return e.getMessage().replace('\n', ' ');
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
        acceptor.close();
    }
}
