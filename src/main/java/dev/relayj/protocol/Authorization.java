package dev.relayj.protocol;

import java.util.Arrays;

/**
 * A transmission's authorization and, from v16 in service sessions, the service's Ed25519
 * signature over the same bytes ({@code TAuthorizations}).
 *
 * @param serviceSignature the 64-byte service signature, or null
 */
public record Authorization(TransmissionAuth auth, byte[] serviceSignature) {
    public static final int SERVICE_SIGNATURE_LENGTH = 64;

    public Authorization {
        if (auth == null) {
            throw new IllegalArgumentException("an authorization needs a signature or authenticator");
        }
        if (serviceSignature != null) {
            if (serviceSignature.length != SERVICE_SIGNATURE_LENGTH) {
                throw new IllegalArgumentException("a service signature is an Ed25519 signature");
            }
            serviceSignature = serviceSignature.clone();
        }
    }

    public Authorization(TransmissionAuth auth) {
        this(auth, null);
    }

    @Override
    public byte[] serviceSignature() {
        return serviceSignature == null ? null : serviceSignature.clone();
    }

    /** The signature or authenticator of an authorization that may be absent (null). */
    public static TransmissionAuth authOf(Authorization authorization) {
        return authorization == null ? null : authorization.auth;
    }

    public boolean hasServiceSignature() {
        return serviceSignature != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Authorization a && a.auth.equals(auth) && Arrays.equals(a.serviceSignature, serviceSignature);
    }

    @Override
    public int hashCode() {
        return auth.hashCode() * 31 + Arrays.hashCode(serviceSignature);
    }
}
