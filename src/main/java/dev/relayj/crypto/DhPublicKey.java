package dev.relayj.crypto;

/** An X25519 or X448 key for Diffie-Hellman agreement ({@code APublicDhKey}). */
public sealed interface DhPublicKey extends PublicKey permits X25519PublicKey, X448PublicKey {}
