package dev.relayj.transport;

import dev.relayj.encoding.VersionRange;

/**
 * What the handshake agreed for a connection ({@code THandleParams} of {@code Transport.hs}) besides
 * keys. Transmissions are always batched in this protocol generation.
 *
 * @param sessionId the TLS channel binding (tls-unique) the handshake confirmed
 * @param serverVersionRange the agreed range: the server's minimum up to {@link #version}
 * @param version the agreed SMP version
 */
public record SmpSessionParams(byte[] sessionId, VersionRange serverVersionRange, int version) {
    public SmpSessionParams {
        sessionId = sessionId.clone();
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }

    /** {@code implySessId}: from v7 the session id is signed over but not sent in transmissions. */
    public boolean implySessionId() {
        return version >= SmpVersions.AUTH_CMDS_SMP_VERSION;
    }

    /** {@code serviceAuth}: from v16 every transmission carries a service signature slot. */
    public boolean serviceAuth() {
        return version >= SmpVersions.SERVICE_CERTS_SMP_VERSION;
    }

    /**
     * {@code smpTHParamsSetVersion}: the same session at another version, as a proxy uses it for
     * transmissions it forwards.
     */
    public SmpSessionParams withVersion(int newVersion) {
        return new SmpSessionParams(sessionId, serverVersionRange, newVersion);
    }
}
