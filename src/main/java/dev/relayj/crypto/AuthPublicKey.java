package dev.relayj.crypto;

/**
 * A key that authorizes SMP/XFTP commands ({@code APublicAuthKey}): Ed25519 or Ed448 by
 * signature, or from SMP v7 X25519 by a crypto_box authenticator.
 */
public sealed interface AuthPublicKey extends PublicKey permits Ed25519PublicKey, Ed448PublicKey, X25519PublicKey {}
