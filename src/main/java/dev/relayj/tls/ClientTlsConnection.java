package dev.relayj.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsClientProtocol;

/**
 * A client's handshaken TLS connection to a relay. One thread may read while another writes. It owns
 * the socket: closing it closes the socket, which also ends a blocked read.
 */
public final class ClientTlsConnection implements AutoCloseable {
    private final Socket socket;
    private final TlsClientProtocol protocol;
    private final String alpn;
    private final byte[] sessionId;
    private final List<byte[]> serverCertificates;
    private final AtomicBoolean closed = new AtomicBoolean();

    ClientTlsConnection(Socket socket, TlsClientProtocol protocol, RelayTlsClient client) {
        this.socket = socket;
        this.protocol = protocol;
        SecurityParameters parameters = client.securityParameters();
        ProtocolName protocolName = parameters.getApplicationProtocol();
        this.alpn = protocolName == null ? null : protocolName.getUtf8Decoding();
        this.sessionId = parameters.getLocalVerifyData().clone();
        this.serverCertificates = client.serverChain();
    }

    /** The negotiated ALPN protocol, or null when the server chose none. */
    public String alpn() {
        return alpn;
    }

    /**
     * tls-unique (RFC 5929): the verify data of this client's own Finished message, simplexmq's
     * session id ({@code withTlsUnique} uses {@code getFinished} on the client, {@code Transport.hs}).
     */
    public byte[] sessionId() {
        return sessionId.clone();
    }

    /** The server's validated chain as DER, leaf first. */
    public List<byte[]> serverCertificates() {
        return serverCertificates.stream().map(byte[]::clone).toList();
    }

    public InputStream input() {
        return protocol.getInputStream();
    }

    public OutputStream output() {
        return protocol.getOutputStream();
    }

    public SocketAddress remoteAddress() {
        return socket.getRemoteSocketAddress();
    }

    /**
     * Closes the socket at once, without close_notify: a TLS close can block on a peer that does
     * not read, and the reference's SMP client also just ends the connection.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more can be done with a socket that fails to close
        }
    }
}
