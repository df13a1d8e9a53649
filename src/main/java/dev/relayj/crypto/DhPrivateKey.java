package dev.relayj.crypto;

/** An X25519 or X448 key for Diffie-Hellman agreement ({@code APrivateDhKey}). */
public sealed interface DhPrivateKey extends PrivateKey permits X25519PrivateKey, X448PrivateKey {
    @Override
    DhPublicKey publicKey();
}
