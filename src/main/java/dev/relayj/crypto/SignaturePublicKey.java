package dev.relayj.crypto;

/** An Ed25519 or Ed448 key that verifies signatures ({@code APublicVerifyKey}). */
public sealed interface SignaturePublicKey extends PublicKey permits Ed25519PublicKey, Ed448PublicKey {}
