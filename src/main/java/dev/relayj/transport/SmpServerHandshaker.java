package dev.relayj.transport;

import dev.relayj.crypto.Ed25519PublicKey;
import dev.relayj.crypto.PublicKey;
import dev.relayj.crypto.SbChainKey;
import dev.relayj.crypto.SignaturePublicKey;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.crypto.X25519Secret;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.VersionRange;
import java.io.IOException;
import java.security.MessageDigest;

/**
 * The server side of the SMP transport handshake ({@code smpServerHandshake} in {@code Transport.hs}):
 *
 * <ol>
 *   <li>send {@link SmpServerHandshake}: the offered range (the configured one when ALPN was
 *       negotiated, else the legacy v6 range), the session id, the chain and the signed session key;
 *   <li>read {@link SmpClientHandshake}; a key hash other than the server's identity is
 *       {@code HANDSHAKE IDENTITY}, a version outside the offered range is {@code VERSION};
 *   <li>for a service client, check its credentials and answer with a {@link ServerHandshakeResponse};
 *   <li>from v11, unless the client is a proxy or sent no key, encrypt blocks with chain keys from
 *       the DH secret, salted with the session id; the server sends with the first chain.
 * </ol>
 *
 * On failure the reference sends nothing (except to a service client) and closes the connection; the
 * caller closes it when this throws. The reference bounds the whole handshake by
 * {@code smpHandshakeTimeout} (120 s); the caller sets that as the socket read timeout.
 */
public final class SmpServerHandshaker {
    private SmpServerHandshaker() {}

    /**
     * Runs the handshake on a fresh connection.
     *
     * @param sessionKey a new X25519 key for this connection only
     * @throws TransportException when the handshake fails; the caller then closes the connection
     * @throws IOException when the connection fails or ends
     */
    public static SmpServerHandle handshake(TransportLink link, ServerHandshakeConfig config, X25519PrivateKey sessionKey)
            throws IOException, TransportException {
        BlockTransport transport = new BlockTransport(link.input(), link.output(), SmpVersions.SMP_BLOCK_SIZE);
        byte[] sessionId = link.sessionId();
        VersionRange offered = link.alpn() == null ? SmpVersions.LEGACY_SERVER_SMP_RELAY_VRANGE : config.versionRange();
        SignedKey signedKey = SignedKey.sign(config.signKey(), sessionKey.publicKey());
        CertChainPubKey certKey = new CertChainPubKey(config.certificateChain(), signedKey);
        transport.sendBlock(new SmpServerHandshake(offered, sessionId, certKey).encode());

        SmpClientHandshake hello;
        try {
            hello = SmpClientHandshake.decode(transport.receiveBlock());
        } catch (DecodingException e) {
            throw new TransportException(HandshakeError.PARSE);
        }
        if (!MessageDigest.isEqual(hello.keyHash(), config.keyHash())) {
            throw new TransportException(HandshakeError.IDENTITY);
        }
        int version = hello.smpVersion();
        if (!offered.contains(version)) {
            throw new TransportException(TransportError.Simple.VERSION);
        }
        PeerClientService service = hello.service() == null
                ? null
                : acceptService(transport, link, hello.service(), config.services());

        X25519Secret secret = hello.authPubKey() == null ? null : sessionKey.dh(hello.authPubKey());
        if (secret != null && !hello.proxyServer() && version >= SmpVersions.ENCRYPTED_BLOCK_SMP_VERSION) {
            SbChainKey.Pair chains = SbChainKey.init(sessionId, secret);
            transport.startEncryption(chains.first(), chains.second());
        }
        SmpSessionParams params = new SmpSessionParams(sessionId, new VersionRange(offered.min(), version), version);
        return new SmpServerHandle(transport, params, new ServerAuth(sessionKey, service, secret));
    }

    /**
     * {@code getClientService}: the chain in the handshake must be the TLS client chain, its leaf must
     * sign the session key, and that key must be Ed25519. Any failure is sent to the client before it
     * is thrown.
     */
    private static PeerClientService acceptService(
            BlockTransport transport, TransportLink link, ClientHandshakeService offered, ServiceRegistry services)
            throws IOException, TransportException {
        try {
            CertificateChain chain = offered.serviceCertKey().certificateChain();
            if (!chain.equals(link.peerCertificateChain())) {
                throw new TransportException(HandshakeError.BAD_AUTH);
            }
            byte[] identity = switch (chain.size()) {
                case 1 -> chain.certificate(0);
                case 2, 3, 4 -> chain.identityCertificate();
                default -> throw new TransportException(HandshakeError.BAD_AUTH);
            };
            Ed25519PublicKey serviceKey;
            try {
                SignaturePublicKey leafKey = CertificateChain.verifyKey(chain.certificate(0));
                PublicKey signed = offered.serviceCertKey().signedKey().verifiedKey(leafKey);
                if (!(signed instanceof Ed25519PublicKey ed25519)) {
                    throw new TransportException(HandshakeError.BAD_AUTH);
                }
                serviceKey = ed25519;
            } catch (DecodingException e) {
                throw new TransportException(HandshakeError.BAD_AUTH);
            }
            byte[] certHash = CertificateChain.fingerprint(identity);
            byte[] serviceId = services.serviceId(offered.role(), chain, certHash);
            transport.sendBlock(new ServerHandshakeResponse.ServiceId(serviceId).encode());
            return new PeerClientService(serviceId, offered.role(), certHash, serviceKey);
        } catch (TransportException e) {
            transport.sendBlock(new ServerHandshakeResponse.Error(e.error()).encode());
            throw e;
        }
    }
}
