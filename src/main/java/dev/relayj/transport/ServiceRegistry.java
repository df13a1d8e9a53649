package dev.relayj.transport;

/** The server's store of service clients, asked during the handshake ({@code getService} in {@code Server.hs}). */
@FunctionalInterface
public interface ServiceRegistry {
    /**
     * The id of the service with this role and identity certificate hash, created if new.
     *
     * @throws TransportException {@code HANDSHAKE BAD_SERVICE} when the record cannot be read or created
     */
    byte[] serviceId(ServiceRole role, CertificateChain certificateChain, byte[] certHash) throws TransportException;
}
