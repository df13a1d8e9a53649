package dev.relayj.xftp.server;

import dev.relayj.crypto.AuthPublicKey;
import dev.relayj.crypto.CbAuthenticator;
import dev.relayj.crypto.CbNonce;
import dev.relayj.crypto.Ed25519PublicKey;
import dev.relayj.crypto.Ed448PublicKey;
import dev.relayj.crypto.PublicKey;
import dev.relayj.crypto.Signature;
import dev.relayj.crypto.SignaturePublicKey;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.crypto.X25519PublicKey;
import dev.relayj.encoding.DecodingException;
import dev.relayj.xftp.protocol.ServerTransmission;
import dev.relayj.xftp.protocol.TransmissionAuth;
import java.util.Base64;

/**
 * Checks a command's authorization against a key ({@code verifyCmdAuthorization} and
 * {@code dummyVerifyCmd} of {@code Messaging/Server.hs}, used by {@code verifyXFTPTransmission}).
 * A signature is verified over the authorized bytes (session id, correlation id, entity id and
 * command as sent); an 80-byte authenticator with an X25519 key is crypto_box'ed under the DH of
 * that key and the session key of the handshake, with the correlation id as nonce. When there is
 * no key to check against, or it is of the wrong kind, the same work is done with a fixed dummy
 * key, so that the time of an AUTH answer does not tell whether the file exists.
 */
final class CommandAuthorization {
    private static final Ed25519PublicKey DUMMY_ED25519 =
            (Ed25519PublicKey) dummy("MCowBQYDK2VwAyEA139Oqs4QgpqbAmB0o7rZf6T19ryl7E65k4AYe0kE3Qs=");
    private static final Ed448PublicKey DUMMY_ED448 = (Ed448PublicKey) dummy(
            "MEMwBQYDK2VxAzoA6ibQc9XpkSLtwrf7PLvp81qW/etiumckVFImCMRdftcG/XopbOSaq9qyLhrgJWKOLyNrQPNVvpMA");
    private static final X25519PublicKey DUMMY_X25519 =
            (X25519PublicKey) dummy("MCowBQYDK2VuAyEA4JGSMYht18H4mas/jHeBwfcM7jLwNYJNOAhi2/g4RXg=");

    private CommandAuthorization() {}

    /**
     * Whether {@code key} authorized the command.
     *
     * @param sessionKey the server's session key agreed in the handshake, or null without one
     */
    static boolean verify(ServerTransmission.Command t, AuthPublicKey key, X25519PrivateKey sessionKey) {
        TransmissionAuth auth = t.auth();
        byte[] authorized = t.authorized();
        return switch (auth.kind()) {
            case NONE -> false;
            case ED25519_SIGNATURE, ED448_SIGNATURE -> {
                Signature signature = signature(auth);
                if (key instanceof SignaturePublicKey signKey && signKey.algorithm() == signature.algorithm()) {
                    yield signKey.verify(signature, authorized);
                }
                dummySignatureKey(signature).verify(signature, authorized);
                yield false;
            }
            case AUTHENTICATOR -> {
                if (key instanceof X25519PublicKey dhKey) {
                    yield verifyAuthenticator(auth, dhKey, sessionKey, t.corrId(), authorized);
                }
                verifyAuthenticator(auth, DUMMY_X25519, sessionKey, t.corrId(), authorized);
                yield false;
            }
        };
    }

    /** The work of {@link #verify} without a key; always false. */
    static boolean dummyVerify(ServerTransmission.Command t, X25519PrivateKey sessionKey) {
        TransmissionAuth auth = t.auth();
        switch (auth.kind()) {
            case NONE -> { }
            case ED25519_SIGNATURE, ED448_SIGNATURE -> {
                Signature signature = signature(auth);
                dummySignatureKey(signature).verify(signature, t.authorized());
            }
            case AUTHENTICATOR -> verifyAuthenticator(auth, DUMMY_X25519, sessionKey, t.corrId(), t.authorized());
        }
        return false;
    }

    private static boolean verifyAuthenticator(TransmissionAuth auth, X25519PublicKey key, X25519PrivateKey sessionKey,
            byte[] corrId, byte[] authorized) {
        if (sessionKey == null) {
            return false;
        }
        return new CbAuthenticator(auth.bytes()).verify(key, sessionKey, CbNonce.fitting(corrId), authorized);
    }

    private static SignaturePublicKey dummySignatureKey(Signature signature) {
        return switch (signature.algorithm()) {
            case ED448 -> DUMMY_ED448;
            default -> DUMMY_ED25519;
        };
    }

    private static Signature signature(TransmissionAuth auth) {
        try {
            return Signature.fromBytes(auth.bytes());
        } catch (DecodingException e) {
            throw new IllegalStateException("TransmissionAuth holds only signature sizes", e);
        }
    }

    private static PublicKey dummy(String base64) {
        try {
            return PublicKey.fromSpki(Base64.getDecoder().decode(base64));
        } catch (DecodingException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
