package dev.relayj.smp.protocol;

import dev.relayj.transport.SmpVersions;
/**
 * The agreed parameters of an SMP session that shape its transmissions ({@code THandleParams}
 * in {@code Transport.hs}, the parts the protocol layer needs).
 *
 * @param version the agreed protocol version
 * @param sessionId the TLS channel binding (tls-unique), covered by every authorization
 * @param implySessionId whether the session id is left out of transmissions (v7+) yet still authorized
 * @param serviceAuth whether authorized transmissions carry the optional service signature (v16+)
 * @param blockSize the transport block size
 */
public record TransmissionParams(int version, byte[] sessionId, boolean implySessionId, boolean serviceAuth, int blockSize) {
    public TransmissionParams {
        if (sessionId.length > 255) {
            throw new IllegalArgumentException("a session id holds at most 255 bytes");
        }
        sessionId = sessionId.clone();
    }

    /** The parameters after a handshake that agreed on this version ({@code smpTHandle_}). */
    public static TransmissionParams forVersion(int version, byte[] sessionId) {
        return new TransmissionParams(version, sessionId, version >= SmpVersions.AUTH_CMDS_SMP_VERSION,
                version >= SmpVersions.SERVICE_CERTS_SMP_VERSION, MessageLimits.BLOCK_SIZE);
    }

    /**
     * The parameters for a transmission forwarded by a proxy with the client's version
     * ({@code smpTHParamsSetVersion}): only the version and service signature change.
     */
    public TransmissionParams withVersion(int newVersion) {
        return new TransmissionParams(newVersion, sessionId, implySessionId,
                newVersion >= SmpVersions.SERVICE_CERTS_SMP_VERSION, blockSize);
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }

    /** The session id as a short byte string: how the authorization covers it. */
    byte[] encodedSessionId() {
        byte[] encoded = new byte[1 + sessionId.length];
        encoded[0] = (byte) sessionId.length;
        System.arraycopy(sessionId, 0, encoded, 1, sessionId.length);
        return encoded;
    }

    boolean sessionIdEquals(byte[] other) {
        return java.util.Arrays.equals(sessionId, other);
    }
}
