package dev.relayj.transport;

import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.crypto.X25519Secret;

/**
 * The server's keys for a session ({@code THAuthServer}).
 *
 * @param serverPrivateKey the session key whose public half the server signed in its handshake; combined
 *     with per-queue keys to authorize commands and encrypt entity ids
 * @param peerClientService the service client, or null
 * @param sessionSecret DH of the client's session key with {@code serverPrivateKey}, or null when the
 *     client sent no key
 */
public record ServerAuth(X25519PrivateKey serverPrivateKey, PeerClientService peerClientService, X25519Secret sessionSecret) {}
