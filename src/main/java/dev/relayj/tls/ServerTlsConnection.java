package dev.relayj.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsServerProtocol;

/** A handshaken connection: what the handshake agreed, and the protocol's application data streams. */
final class ServerTlsConnection implements TlsConnection {
    private final Socket socket;
    private final TlsServerProtocol protocol;
    private final String alpn;
    private final byte[] sessionId;
    private final List<X509Certificate> peerCertificates;
    private final String serverName;
    private final boolean webCredentialsUsed;
    private final boolean acmeChallengeAnswered;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final InputStream input;
    private final SetupDeadline setupDeadline;

    ServerTlsConnection(Socket socket, InputStream socketInput, TlsServerProtocol protocol, RelayTlsServer server,
            SetupDeadline setupDeadline) {
        this.setupDeadline = setupDeadline;
        this.socket = socket;
        this.protocol = protocol;
        SecurityParameters parameters = server.securityParameters();
        ProtocolName protocolName = parameters.getApplicationProtocol();
        this.alpn = protocolName == null ? null : protocolName.getUtf8Decoding();
        this.sessionId = parameters.getPeerVerifyData().clone();
        this.peerCertificates = server.peerCertificates();
        this.serverName = server.serverName();
        this.webCredentialsUsed = server.webCredentialsUsed();
        this.acmeChallengeAnswered = server.acmeChallengeAnswered();
        this.input = new IdleReleasingInput(protocol, socketInput);
    }

    @Override
    public String alpn() {
        return alpn;
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }

    @Override
    public List<X509Certificate> peerCertificates() {
        return peerCertificates;
    }

    @Override
    public String serverName() {
        return serverName;
    }

    @Override
    public boolean webCredentialsUsed() {
        return webCredentialsUsed;
    }

    boolean acmeChallengeAnswered() {
        return acmeChallengeAnswered;
    }

    @Override
    public void endSetup() {
        setupDeadline.end();
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return protocol.getOutputStream();
    }

    @Override
    public SocketAddress remoteAddress() {
        return socket.getRemoteSocketAddress();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            protocol.close();
        } catch (IOException | RuntimeException e) {
            // the peer may be gone already; the socket is closed below either way
        } finally {
            abort();
        }
    }

    /**
     * Closes as {@link #close()} does, but first reads and discards what the client still sends,
     * for at most {@code lingerMillis}: closing a socket with unread input makes the kernel send a
     * TCP reset, and a reset makes the client's kernel drop what it had not read yet, such as the
     * GOAWAY or close_notify that explains why the connection ends (nginx's lingering close).
     */
    void closeLingering(long lingerMillis) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            protocol.close();
            if (!socket.isOutputShutdown()) {
                socket.shutdownOutput();
            }
            long deadline = System.nanoTime() + lingerMillis * 1_000_000;
            byte[] discard = new byte[8192];
            InputStream raw = socket.getInputStream();
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) left);
                if (raw.read(discard) < 0) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the peer is gone or did not stop sending in time; the socket is closed below either way
        } finally {
            abort();
        }
    }

    /** Closes the socket without close_notify, unblocking any reader or writer. */
    void abort() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more can be done with a socket that fails to close
        }
    }
}
