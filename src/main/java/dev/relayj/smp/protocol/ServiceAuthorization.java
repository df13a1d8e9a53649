package dev.relayj.smp.protocol;

import dev.relayj.encoding.ByteView;
import dev.relayj.crypto.Ed25519PublicKey;
import dev.relayj.crypto.Ed25519Signature;
import dev.relayj.protocol.Authorization;
import dev.relayj.protocol.EntityId;
import dev.relayj.protocol.TransmissionAuth;
import java.util.Arrays;

/**
 * The service checks of SMP sessions ({@code verifyServiceSig} and the service command check of
 * {@code Server.hs}); the key check itself is the shared
 * {@link dev.relayj.protocol.CommandAuthorization}.
 */
public final class ServiceAuthorization {
    private ServiceAuthorization() {}

    /**
     * The bytes the queue key's authorization covers in a service session: the service
     * certificate's fingerprint in front when the transmission has a service signature.
     *
     * @param serviceCertHash the SHA-256 fingerprint of the session's service certificate, or null
     */
    public static ByteView authorizedForQueueKey(byte[] serviceCertHash, Authorization authorization, ByteView authorized) {
        if (serviceCertHash == null || authorization == null || !authorization.hasServiceSignature()) {
            return authorized;
        }
        byte[] out = Arrays.copyOf(serviceCertHash, serviceCertHash.length + authorized.length());
        authorized.copyTo(out, serviceCertHash.length);
        return ByteView.ofOwned(out, 0, out.length);
    }

    /**
     * Whether the service signature is as the command needs ({@code verifyServiceSig}): NEW, SUB
     * and NSUB in a service session must carry a valid one and outside a service session none;
     * other commands must never carry one. A failure is answered with {@code ERR SERVICE}.
     *
     * @param serviceKey the session's service key, or null outside a service session
     * @param authorization the transmission's authorization, or null
     */
    public static boolean serviceSignatureValid(Command command, Ed25519PublicKey serviceKey, Authorization authorization,
            ByteView authorized) {
        byte[] serviceSignature = authorization == null ? null : authorization.serviceSignature();
        if (!Command.usesServiceAuth(command)) {
            return serviceSignature == null;
        }
        if (serviceKey == null) {
            return serviceSignature == null;
        }
        return serviceSignature != null && authorized.read(
                (data, offset, length) -> serviceKey.verify(new Ed25519Signature(serviceSignature), data, offset, length));
    }

    /**
     * Whether SUBS or NSUBS is signed by the session's service with its Ed25519 key and names the
     * service ({@code verifyServiceCmd}); otherwise the answer is {@code ERR SERVICE}.
     *
     * @param serviceId the session's service id, or null outside a service session
     * @param serviceKey the session's service key, or null outside a service session
     */
    public static boolean serviceCommandValid(EntityId entityId, EntityId serviceId, Ed25519PublicKey serviceKey,
            Authorization authorization, ByteView authorized) {
        if (serviceId == null || serviceKey == null || authorization == null || authorization.hasServiceSignature()) {
            return false;
        }
        if (!(authorization.auth() instanceof TransmissionAuth.Signature signature) || !signature.isEd25519()) {
            return false;
        }
        return entityId.equals(serviceId) && authorized.read(
                (data, offset, length) -> serviceKey.verify(new Ed25519Signature(signature.bytes()), data, offset, length));
    }
}
