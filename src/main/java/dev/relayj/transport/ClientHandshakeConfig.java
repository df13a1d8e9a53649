package dev.relayj.transport;

import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.encoding.VersionRange;

/**
 * A client's side of one handshake.
 *
 * @param keyHash the server identity from its address: SHA-256 of its CA certificate
 * @param versionRange the versions this client supports
 * @param proxyServer whether this client is a relay acting as a proxy (no block encryption)
 * @param sessionKey a new X25519 key for this connection ({@code agreeSecret}), or null to send none
 * @param service service credentials, or null; pass them only when the TLS client certificate was sent
 * @param serviceSessionKey a new Ed25519 key for this connection, with {@code service}, else null
 */
public record ClientHandshakeConfig(
        byte[] keyHash,
        VersionRange versionRange,
        boolean proxyServer,
        X25519PrivateKey sessionKey,
        ServiceCredentials service,
        Ed25519PrivateKey serviceSessionKey) {
    public ClientHandshakeConfig {
        keyHash = keyHash.clone();
        if ((service == null) != (serviceSessionKey == null)) {
            throw new IllegalArgumentException("service credentials and the service session key go together");
        }
    }

    @Override
    public byte[] keyHash() {
        return keyHash.clone();
    }
}
