package dev.relayj.transport;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * What the SMP transport needs from an established TLS connection, without depending on the TLS
 * layer. The link does not own the streams: the TLS connection's owner closes them.
 *
 * @param sessionId tls-unique: the verify data of the client's Finished message
 * @param alpn the negotiated ALPN protocol, or null when none was negotiated
 * @param peerCertificates the peer's certificate chain as DER, leaf first: the server's chain on a
 *     client, a service client's chain on the server (empty when the client sent none)
 */
public record TransportLink(
        InputStream input, OutputStream output, byte[] sessionId, String alpn, List<byte[]> peerCertificates) {
    public TransportLink {
        sessionId = sessionId.clone();
        peerCertificates = CertificateChain.of(peerCertificates).certificates();
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }

    public CertificateChain peerCertificateChain() {
        return CertificateChain.of(peerCertificates);
    }
}
