package dev.relayj.crypto;

/**
 * A key that authorizes SMP/XFTP commands ({@code APrivateAuthKey}): Ed25519 or Ed448 by
 * signature, or X25519 by a crypto_box authenticator.
 */
public sealed interface AuthPrivateKey extends PrivateKey permits Ed25519PrivateKey, Ed448PrivateKey, X25519PrivateKey {
    @Override
    AuthPublicKey publicKey();
}
