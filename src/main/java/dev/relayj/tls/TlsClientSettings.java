package dev.relayj.tls;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How {@link TlsClient} connects to a relay, after simplexmq's {@code TransportClientConfig}
 * ({@code Transport/Client.hs}).
 *
 * @param keyHash the server identity from its address: SHA-256 of the identity (CA) certificate
 * @param alpnProtocols offered in preference order; empty to offer none (the relay then assumes a
 *     legacy client)
 * @param handshakeTimeout the whole TLS handshake must end within it
 * @param clientCredentialsOrNull a client certificate chain and key sent when the server asks
 *     (service certificates), or null
 * @param serverNameOrNull the host name sent with SNI, or null: SMP clients send none
 *     ({@code useSNI = False} in {@code defaultSMPClientConfig})
 */
public record TlsClientSettings(byte[] keyHash, List<String> alpnProtocols, Duration handshakeTimeout,
        ServerCredentials clientCredentialsOrNull, String serverNameOrNull) {

    public TlsClientSettings {
        keyHash = keyHash.clone();
        alpnProtocols = List.copyOf(alpnProtocols);
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    }

    /** A relay connection without client certificate and SNI. */
    public TlsClientSettings(byte[] keyHash, List<String> alpnProtocols, Duration handshakeTimeout) {
        this(keyHash, alpnProtocols, handshakeTimeout, null, null);
    }

    @Override
    public byte[] keyHash() {
        return keyHash.clone();
    }
}
