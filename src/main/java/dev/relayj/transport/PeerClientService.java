package dev.relayj.transport;

import dev.relayj.crypto.Ed25519PublicKey;

/**
 * A service client as the server knows it after the handshake ({@code THPeerClientService}).
 *
 * @param certHash SHA-256 of the service's identity certificate
 * @param serviceKey the session key the service signs transmissions with
 */
public record PeerClientService(byte[] serviceId, ServiceRole role, byte[] certHash, Ed25519PublicKey serviceKey) {
    public PeerClientService {
        serviceId = serviceId.clone();
        certHash = certHash.clone();
    }

    @Override
    public byte[] serviceId() {
        return serviceId.clone();
    }

    @Override
    public byte[] certHash() {
        return certHash.clone();
    }
}
