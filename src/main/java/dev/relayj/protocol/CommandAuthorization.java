package dev.relayj.protocol;

import dev.relayj.crypto.AuthPublicKey;
import dev.relayj.crypto.CbAuthenticator;
import dev.relayj.crypto.CbNonce;
import dev.relayj.crypto.Ed25519PublicKey;
import dev.relayj.crypto.Ed25519Signature;
import dev.relayj.crypto.Ed448PublicKey;
import dev.relayj.crypto.Ed448Signature;
import dev.relayj.crypto.PublicKey;
import dev.relayj.crypto.Signature;
import dev.relayj.crypto.SignaturePublicKey;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.crypto.X25519PublicKey;
import dev.relayj.encoding.ByteView;
import dev.relayj.encoding.DecodingException;
import java.util.Base64;

/**
 * Verifies that a transmission's authorization is made with a given key
 * ({@code verifyCmdAuthorization} and {@code dummyVerifyCmd} of {@code Messaging/Server.hs}, which
 * the XFTP server's {@code verifyXFTPTransmission} uses too). When the kind of authorization does
 * not match the key, or there is no key (no such queue or file), the same work is done with a
 * fixed dummy key, so that the answer takes as long whether or not the entity exists and
 * whichever key it has. One class for both relays: the dummy keys are security-relevant.
 */
public final class CommandAuthorization {
    private CommandAuthorization() {}

    // the reference's dummy keys (Server.hs), so that timing matches its server's
    private static final Ed25519PublicKey DUMMY_ED25519 =
            (Ed25519PublicKey) spki("MCowBQYDK2VwAyEA139Oqs4QgpqbAmB0o7rZf6T19ryl7E65k4AYe0kE3Qs=");
    private static final Ed448PublicKey DUMMY_ED448 = (Ed448PublicKey)
            spki("MEMwBQYDK2VxAzoA6ibQc9XpkSLtwrf7PLvp81qW/etiumckVFImCMRdftcG/XopbOSaq9qyLhrgJWKOLyNrQPNVvpMA");
    private static final X25519PublicKey DUMMY_X25519 =
            (X25519PublicKey) spki("MCowBQYDK2VuAyEA4JGSMYht18H4mas/jHeBwfcM7jLwNYJNOAhi2/g4RXg=");

    private static PublicKey spki(String base64) {
        try {
            return PublicKey.fromSpki(Base64.getDecoder().decode(base64));
        } catch (DecodingException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Whether the authorization was made with {@code key} over {@code authorized}: a signature of
     * the key's algorithm, or for an X25519 key an authenticator made with the server's session
     * key and the correlation id as nonce.
     *
     * @param serverSessionKey the server's X25519 key of this session (from v7), or null
     * @param auth the transmission's authorization, or null (never verifies)
     */
    public static boolean verify(X25519PrivateKey serverSessionKey, TransmissionAuth auth, byte[] authorized,
            CorrId corrId, AuthPublicKey key) {
        return verify(serverSessionKey, auth, readOnly(authorized), corrId, key);
    }

    /** As {@link #verify(X25519PrivateKey, TransmissionAuth, byte[], CorrId, AuthPublicKey)}, over bytes where they are. */
    public static boolean verify(X25519PrivateKey serverSessionKey, TransmissionAuth auth, ByteView authorized,
            CorrId corrId, AuthPublicKey key) {
        if (auth == null) {
            return false;
        }
        return switch (auth) {
            case TransmissionAuth.Signature signature -> {
                if (key instanceof SignaturePublicKey signatureKey && matches(signatureKey, signature)) {
                    yield verifySignature(signatureKey, signature, authorized);
                }
                verifySignature(dummyKeyFor(signature), signature, authorized);
                yield false;
            }
            case TransmissionAuth.Authenticator authenticator -> {
                if (key instanceof X25519PublicKey x25519) {
                    yield verifyAuthenticator(serverSessionKey, authenticator, authorized, corrId, x25519);
                }
                verifyAuthenticator(serverSessionKey, authenticator, authorized, corrId, DUMMY_X25519);
                yield false;
            }
        };
    }

    /**
     * The work of {@link #verify} with a dummy key, for when there is no key to verify with (no
     * such queue, no notifier); always false.
     */
    public static boolean dummyVerify(X25519PrivateKey serverSessionKey, TransmissionAuth auth, byte[] authorized,
            CorrId corrId) {
        return dummyVerify(serverSessionKey, auth, readOnly(authorized), corrId);
    }

    /** As {@link #dummyVerify(X25519PrivateKey, TransmissionAuth, byte[], CorrId)}, over bytes where they are. */
    public static boolean dummyVerify(X25519PrivateKey serverSessionKey, TransmissionAuth auth, ByteView authorized,
            CorrId corrId) {
        if (auth == null) {
            return false;
        }
        switch (auth) {
            case TransmissionAuth.Signature signature -> verifySignature(dummyKeyFor(signature), signature, authorized);
            case TransmissionAuth.Authenticator authenticator ->
                    verifyAuthenticator(serverSessionKey, authenticator, authorized, corrId, DUMMY_X25519);
        }
        return false;
    }

    private static boolean matches(SignaturePublicKey key, TransmissionAuth.Signature signature) {
        return signature.isEd25519() ? key instanceof Ed25519PublicKey : key instanceof Ed448PublicKey;
    }

    private static SignaturePublicKey dummyKeyFor(TransmissionAuth.Signature signature) {
        return signature.isEd25519() ? DUMMY_ED25519 : DUMMY_ED448;
    }

    /** A view for reading only: the caller's array is neither kept nor written. */
    private static ByteView readOnly(byte[] authorized) {
        return ByteView.ofOwned(authorized, 0, authorized.length);
    }

    private static boolean verifySignature(SignaturePublicKey key, TransmissionAuth.Signature signature, ByteView authorized) {
        byte[] bytes = signature.bytes();
        Signature parsed = signature.isEd25519() ? new Ed25519Signature(bytes) : new Ed448Signature(bytes);
        return authorized.read((data, offset, length) -> key.verify(parsed, data, offset, length));
    }

    private static boolean verifyAuthenticator(X25519PrivateKey serverSessionKey, TransmissionAuth.Authenticator authenticator,
            ByteView authorized, CorrId corrId, X25519PublicKey key) {
        if (serverSessionKey == null) {
            return false;
        }
        CbAuthenticator parsed = new CbAuthenticator(authenticator.bytes());
        CbNonce nonce = CbNonce.fitting(corrId.bytes());
        return authorized.read((data, offset, length) -> parsed.verify(key, serverSessionKey, nonce, data, offset, length));
    }
}
