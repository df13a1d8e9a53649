package dev.relayj.transport;

import dev.relayj.crypto.SignaturePrivateKey;

/**
 * A service client's long-term credentials ({@code ServiceCredentials}): the same chain must have been
 * sent as the TLS client certificate.
 *
 * @param certificateChain the TLS client certificate chain, leaf first
 * @param certHash SHA-256 of the identity certificate
 * @param signKey the leaf certificate's private key, which signs the session key
 */
public record ServiceCredentials(
        ServiceRole role, CertificateChain certificateChain, byte[] certHash, SignaturePrivateKey signKey) {
    public ServiceCredentials {
        certHash = certHash.clone();
    }

    @Override
    public byte[] certHash() {
        return certHash.clone();
    }
}
