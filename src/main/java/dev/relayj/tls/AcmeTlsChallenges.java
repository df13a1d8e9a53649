package dev.relayj.tls;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The TLS-ALPN-01 challenge certificates (RFC 8737) a listener presents while an ACME order is
 * validated: a client that offers ALPN {@code acme-tls/1} and names one of these hosts (SNI) gets
 * that host's self-signed challenge certificate, and the connection is closed right after the
 * handshake, as section 3 of the RFC asks. Every other client is served as before.
 */
public final class AcmeTlsChallenges {
    /** The ALPN protocol of the challenge (RFC 8737 section 6.2). */
    public static final String ALPN_PROTOCOL = "acme-tls/1";

    private final Map<String, ServerCredentials> byHost = new ConcurrentHashMap<>();

    public void put(String host, ServerCredentials challengeCertificate) {
        byHost.put(host.toLowerCase(Locale.ROOT), challengeCertificate);
    }

    public void remove(String host) {
        byHost.remove(host.toLowerCase(Locale.ROOT));
    }

    ServerCredentials find(String hostOrNull) {
        return hostOrNull == null ? null : byHost.get(hostOrNull.toLowerCase(Locale.ROOT));
    }
}
