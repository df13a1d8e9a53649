package dev.relayj.tls;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link TlsListener} runs TLS, after simplexmq's {@code TransportServerConfig}
 * ({@code Transport/Server.hs}).
 *
 * @param credentials the relay identity chain [server cert, CA cert]
 * @param webCredentialsOrNull sent instead when the client names a host (SNI), as the reference's
 *     {@code sniCredential}; when set the port also accepts browsers' suites, groups and signatures
 *     ({@code defaultSupportedParamsHTTPS}), as the reference configures a port that serves HTTPS
 * @param alpnProtocols the server's ALPN protocols in preference order; a client offering none gets
 *     no ALPN, a client offering only others is refused with no_application_protocol
 * @param handshakeTimeout the whole TLS setup must end within it ({@code tlsSetupTimeout}, 60 s in the reference)
 * @param logTlsErrors print a line for each failed handshake ({@code log_tls_errors})
 * @param requestClientCertificates ask clients for an optional certificate chain (service
 *     certificates; the reference's {@code askClientCert}: SMP [TRANSPORT] accept_service_credentials,
 *     default on; off for XFTP)
 * @param protocolHandshakeTimeout after TLS, the connection's own protocol handshake must end within
 *     it ({@code smpHandshakeTimeout}, 120 s in the reference), signalled by
 *     {@link TlsConnection#endSetup()}; zero when the handler has no handshake of its own
 */
public record TlsSettings(ServerCredentials credentials, ServerCredentials webCredentialsOrNull, List<String> alpnProtocols,
        Duration handshakeTimeout, boolean logTlsErrors, boolean requestClientCertificates,
        Duration protocolHandshakeTimeout) {

    /** The reference's default TLS setup timeout. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(60);

    public TlsSettings {
        Objects.requireNonNull(credentials, "credentials");
        alpnProtocols = List.copyOf(alpnProtocols);
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(protocolHandshakeTimeout, "protocolHandshakeTimeout");
        if (protocolHandshakeTimeout.isNegative()) {
            throw new IllegalArgumentException("negative protocol handshake timeout");
        }
    }

    /** Settings that do not ask for client certificates. */
    public TlsSettings(ServerCredentials credentials, ServerCredentials webCredentialsOrNull, List<String> alpnProtocols,
            Duration handshakeTimeout, boolean logTlsErrors) {
        this(credentials, webCredentialsOrNull, alpnProtocols, handshakeTimeout, logTlsErrors, false, Duration.ZERO);
    }

    /** Settings whose handler has no protocol handshake of its own. */
    public TlsSettings(ServerCredentials credentials, ServerCredentials webCredentialsOrNull, List<String> alpnProtocols,
            Duration handshakeTimeout, boolean logTlsErrors, boolean requestClientCertificates) {
        this(credentials, webCredentialsOrNull, alpnProtocols, handshakeTimeout, logTlsErrors, requestClientCertificates,
                Duration.ZERO);
    }

    public TlsSettings withClientCertificates(boolean request) {
        return new TlsSettings(credentials, webCredentialsOrNull, alpnProtocols, handshakeTimeout, logTlsErrors, request,
                protocolHandshakeTimeout);
    }

    public TlsSettings withProtocolHandshakeTimeout(Duration timeout) {
        return new TlsSettings(credentials, webCredentialsOrNull, alpnProtocols, handshakeTimeout, logTlsErrors,
                requestClientCertificates, timeout);
    }

    /** The same settings presenting other credentials. */
    public TlsSettings withCredentials(ServerCredentials newCredentials, ServerCredentials newWebCredentialsOrNull) {
        return new TlsSettings(newCredentials, newWebCredentialsOrNull, alpnProtocols, handshakeTimeout, logTlsErrors,
                requestClientCertificates, protocolHandshakeTimeout);
    }
}
