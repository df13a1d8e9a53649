package dev.relayj.crypto;

import dev.relayj.encoding.Base64Url;
import dev.relayj.encoding.DecodingException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The crypto_box authenticator that authorizes SMP commands with X25519 keys from SMP v7
 * ({@code CbAuthenticator}, {@code cbAuthenticate}, {@code cbVerify} in {@code Crypto.hs}): the
 * SHA-512 digest of the authorized bytes, crypto_box'ed (no padding) under the DH secret of the
 * client's queue key and the server's session key, with the correlation id as nonce. 80 bytes:
 * 16 tag + 64 encrypted digest, which is how a transmission tells it from a signature.
 */
public record CbAuthenticator(byte[] bytes) {
    /** {@code cbAuthenticatorSize}. */
    public static final int SIZE = CryptoBox.TAG_SIZE + 64;

    public CbAuthenticator {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("authenticator must be " + SIZE + " bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    public static CbAuthenticator fromBytes(byte[] bytes) throws DecodingException {
        if (bytes.length != SIZE) {
            throw new DecodingException("authenticator must be " + SIZE + " bytes, got " + bytes.length);
        }
        return new CbAuthenticator(bytes);
    }

    /** {@code cbAuthenticate}. */
    public static CbAuthenticator create(X25519PublicKey peer, X25519PrivateKey own, CbNonce nonce, byte[] authorized) {
        X25519Secret secret = own.dh(peer);
        try {
            return new CbAuthenticator(CryptoBox.cbEncryptNoPad(secret, nonce, Hashes.sha512(authorized)));
        } finally {
            secret.destroy();
        }
    }

    /** {@code cbVerify}: whether this authenticates {@code length} bytes of {@code data} from {@code offset}. */
    public boolean verify(X25519PublicKey peer, X25519PrivateKey own, CbNonce nonce, byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        X25519Secret secret = own.dh(peer);
        try {
            byte[] digest = CryptoBox.cbDecryptNoPad(secret, nonce, bytes);
            return MessageDigest.isEqual(digest, Hashes.sha512(data, offset, length));
        } catch (CryptoException e) {
            return false;
        } finally {
            secret.destroy();
        }
    }

    public boolean verify(X25519PublicKey peer, X25519PrivateKey own, CbNonce nonce, byte[] authorized) {
        return verify(peer, own, nonce, authorized, 0, authorized.length);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CbAuthenticator authenticator && Arrays.equals(bytes, authenticator.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "CbAuthenticator[" + Base64Url.encode(bytes) + "]";
    }
}
