package dev.relayj.transport;

import dev.relayj.crypto.PublicKey;
import dev.relayj.crypto.SbChainKey;
import dev.relayj.crypto.SignaturePublicKey;
import dev.relayj.crypto.X25519PublicKey;
import dev.relayj.crypto.X25519Secret;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.VersionRange;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.List;

/**
 * The client side of the SMP transport handshake ({@code smpClientHandshake} in {@code Transport.hs}),
 * used by tests and by the relay when it connects to another relay as a proxy:
 *
 * <ol>
 *   <li>read {@link SmpServerHandshake}; its session id must be the TLS one ({@code SESSION});
 *   <li>agree the highest common version ({@code VERSION} if none); a proxy talking to a relay older
 *       than v14 caps its own range at v10, which keeps block encryption off between them;
 *   <li>verify the server's signed key: the chain's identity certificate must hash to the address's
 *       key hash, and the TLS leaf certificate must have signed the key ({@code HANDSHAKE BAD_AUTH});
 *   <li>send {@link SmpClientHandshake} and, with service credentials, read the server's response;
 *   <li>from v11, unless this is a proxy or a key is missing, encrypt blocks with chain keys; the
 *       client sends with the second chain and receives with the first.
 * </ol>
 */
public final class SmpClientHandshaker {
    private SmpClientHandshaker() {}

    /**
     * Runs the handshake on a fresh connection.
     *
     * @throws TransportException when the handshake fails; the caller then closes the connection
     * @throws IOException when the connection fails or ends
     */
    public static SmpClientHandle handshake(TransportLink link, ClientHandshakeConfig config)
            throws IOException, TransportException {
        BlockTransport transport = new BlockTransport(link.input(), link.output(), SmpVersions.SMP_BLOCK_SIZE);
        byte[] sessionId = link.sessionId();
        SmpServerHandshake hello;
        try {
            hello = SmpServerHandshake.decode(transport.receiveBlock());
        } catch (DecodingException e) {
            throw new TransportException(HandshakeError.PARSE);
        }
        if (!MessageDigest.isEqual(sessionId, hello.sessionId())) {
            throw new TransportException(TransportError.Simple.SESSION);
        }
        VersionRange ownRange = config.versionRange();
        if (config.proxyServer() && hello.smpVersionRange().max() < SmpVersions.PROXY_SERVER_HANDSHAKE_SMP_VERSION) {
            int cappedMax = Math.max(ownRange.min(), SmpVersions.DELETED_EVENT_SMP_VERSION);
            ownRange = new VersionRange(ownRange.min(), cappedMax);
        }
        VersionRange agreed = hello.smpVersionRange().intersect(ownRange);
        if (agreed == null) {
            throw new TransportException(TransportError.Simple.VERSION);
        }
        X25519PublicKey serverKey = hello.authPubKey() == null
                ? null
                : verifyServerKey(hello.authPubKey(), config.keyHash(), link.peerCertificates());
        int version = agreed.max();
        boolean withService = config.service() != null && version >= SmpVersions.SERVICE_CERTS_SMP_VERSION;
        ClientHandshakeService offeredService = withService ? offeredService(config) : null;
        X25519PublicKey ownKey = config.sessionKey() == null ? null : config.sessionKey().publicKey();
        transport.sendBlock(
                new SmpClientHandshake(version, config.keyHash(), ownKey, config.proxyServer(), offeredService).encode());
        ClientService service = withService ? readServiceResponse(transport, config) : null;

        ClientAuth auth = null;
        if (serverKey != null) {
            X25519Secret secret = config.sessionKey() == null ? null : config.sessionKey().dh(serverKey);
            auth = new ClientAuth(serverKey, hello.authPubKey(), service, secret);
            if (secret != null && !config.proxyServer() && version >= SmpVersions.ENCRYPTED_BLOCK_SMP_VERSION) {
                SbChainKey.Pair chains = SbChainKey.init(sessionId, secret);
                transport.startEncryption(chains.second(), chains.first());
            }
        }
        return new SmpClientHandle(transport, new SmpSessionParams(sessionId, agreed, version), auth);
    }

    private static X25519PublicKey verifyServerKey(CertChainPubKey certKey, byte[] keyHash, List<byte[]> tlsChain)
            throws TransportException {
        byte[] identity = certKey.certificateChain().identityCertificate();
        if (identity == null || !MessageDigest.isEqual(keyHash, CertificateChain.fingerprint(identity))) {
            throw new TransportException(HandshakeError.BAD_AUTH);
        }
        if (tlsChain.isEmpty()) {
            throw new TransportException(HandshakeError.BAD_AUTH);
        }
        try {
            SignaturePublicKey leafKey = CertificateChain.verifyKey(tlsChain.get(0));
            PublicKey key = certKey.signedKey().verifiedKey(leafKey);
            if (key instanceof X25519PublicKey x25519) {
                return x25519;
            }
        } catch (DecodingException e) {
            throw new TransportException(HandshakeError.BAD_AUTH);
        }
        throw new TransportException(HandshakeError.BAD_AUTH);
    }

    private static ClientHandshakeService offeredService(ClientHandshakeConfig config) {
        ServiceCredentials credentials = config.service();
        SignedKey signed = SignedKey.sign(credentials.signKey(), config.serviceSessionKey().publicKey());
        return new ClientHandshakeService(
                credentials.role(), new CertChainPubKey(credentials.certificateChain(), signed));
    }

    private static ClientService readServiceResponse(BlockTransport transport, ClientHandshakeConfig config)
            throws IOException, TransportException {
        ServerHandshakeResponse response;
        try {
            response = ServerHandshakeResponse.decode(transport.receiveBlock());
        } catch (DecodingException e) {
            throw new TransportException(HandshakeError.PARSE);
        }
        ServiceCredentials credentials = config.service();
        return switch (response) {
            case ServerHandshakeResponse.ServiceId id -> new ClientService(
                    id.serviceId(), credentials.role(), credentials.certHash(), config.serviceSessionKey());
            case ServerHandshakeResponse.Error error -> throw new TransportException(error.error());
        };
    }
}
