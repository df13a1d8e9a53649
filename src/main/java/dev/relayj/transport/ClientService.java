package dev.relayj.transport;

import dev.relayj.crypto.Ed25519PrivateKey;

/**
 * This client's service identity after the handshake ({@code THClientService}).
 *
 * @param serviceId the id the server assigned
 * @param certHash SHA-256 of the service's identity certificate
 * @param serviceKey the session key to sign transmissions with
 */
public record ClientService(byte[] serviceId, ServiceRole role, byte[] certHash, Ed25519PrivateKey serviceKey) {
    public ClientService {
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
