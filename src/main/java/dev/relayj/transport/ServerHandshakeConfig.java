package dev.relayj.transport;

import dev.relayj.crypto.SignaturePrivateKey;
import dev.relayj.encoding.VersionRange;

/**
 * The server's side of every handshake.
 *
 * @param certificateChain the chain the server sends in TLS, online certificate first, CA last
 * @param signKey the online certificate's private key, which signs each session key
 * @param keyHash the server identity: SHA-256 of the CA certificate's DER ({@code serverIdentity})
 * @param versionRange offered when ALPN was negotiated ({@code smpServerVRange})
 * @param services asked for the id of a service client
 */
public record ServerHandshakeConfig(
        CertificateChain certificateChain,
        SignaturePrivateKey signKey,
        byte[] keyHash,
        VersionRange versionRange,
        ServiceRegistry services) {
    public ServerHandshakeConfig {
        keyHash = keyHash.clone();
    }

    @Override
    public byte[] keyHash() {
        return keyHash.clone();
    }
}
