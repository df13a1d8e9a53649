package dev.relayj.transport;

import dev.relayj.crypto.X25519PublicKey;
import dev.relayj.crypto.X25519Secret;

/**
 * A client's view of the server's keys for a session ({@code THAuthClient}).
 *
 * @param peerServerPublicKey the server's session key, verified against its certificate
 * @param peerServerCertKey the chain and signed key as the server sent them (a proxy passes them on in {@code PKEY})
 * @param clientService this client's service identity, or null
 * @param sessionSecret DH of the server's session key with this client's key, or null when it sent none
 */
public record ClientAuth(
        X25519PublicKey peerServerPublicKey,
        CertChainPubKey peerServerCertKey,
        ClientService clientService,
        X25519Secret sessionSecret) {}
