package dev.relayj.tls;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * An established server-side TLS connection. One thread may read while another writes.
 */
public interface TlsConnection extends AutoCloseable {
    /** The negotiated ALPN protocol, or null when the client offered none. */
    String alpn();

    /**
     * tls-unique (RFC 5929): the verify data of the client's Finished message, simplexmq's session
     * id ({@code withTlsUnique} uses {@code getPeerFinished} on the server, {@code Transport.hs}).
     */
    byte[] sessionId();

    /** The client's certificate chain, leaf first; empty when it sent none. */
    List<X509Certificate> peerCertificates();

    /** The host name the client sent with SNI, or null. */
    String serverName();

    /**
     * Whether the web credentials were used because the client sent SNI ({@code SNICredentialUsed}):
     * such a connection is a browser's (HTTPS on the shared port, xftp-web). Default for connections
     * made without web credentials, such as test doubles.
     */
    default boolean webCredentialsUsed() {
        return false;
    }

    /**
     * The protocol's own handshake is over: the connection's setup deadline, which runs from accept
     * through TLS to this call, no longer applies. A handler that never calls it is cut off at the
     * deadline when the listener sets one ({@link TlsSettings#protocolHandshakeTimeout()}).
     */
    default void endSetup() {
    }

    InputStream input();

    OutputStream output();

    SocketAddress remoteAddress();

    /** Sends close_notify and closes the socket; idempotent. */
    @Override
    void close();
}
