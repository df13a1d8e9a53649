package dev.relayj.transport;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;

/**
 * {@code SMPClientHandshakeService}: a service client's role and its certificate chain with a session
 * Ed25519 key signed by the chain's leaf key; encoded as the role letter then the {@link CertChainPubKey}.
 */
public record ClientHandshakeService(ServiceRole role, CertChainPubKey serviceCertKey) {

    public void writeTo(SmpWriter writer) {
        role.writeTo(writer);
        serviceCertKey.writeTo(writer);
    }

    public static ClientHandshakeService readFrom(SmpReader reader) throws DecodingException {
        ServiceRole role = ServiceRole.readFrom(reader);
        return new ClientHandshakeService(role, CertChainPubKey.readFrom(reader));
    }
}
