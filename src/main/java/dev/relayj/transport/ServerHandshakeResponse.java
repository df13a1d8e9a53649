package dev.relayj.transport;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;

/**
 * {@code SMPServerHandshakeResponse}: the third handshake block, sent only to a client that offered
 * service credentials: {@code 'R'} and the service id, or {@code 'E'} and the transport error.
 */
public sealed interface ServerHandshakeResponse {

    record ServiceId(byte[] serviceId) implements ServerHandshakeResponse {
        public ServiceId {
            serviceId = serviceId.clone();
        }

        @Override
        public byte[] serviceId() {
            return serviceId.clone();
        }
    }

    record Error(TransportError error) implements ServerHandshakeResponse {}

    default byte[] encode() {
        SmpWriter writer = new SmpWriter(64);
        switch (this) {
            case ServiceId id -> writer.writeChar('R').writeShortBytes(id.serviceId);
            case Error error -> {
                writer.writeChar('E');
                error.error().writeTo(writer);
            }
        }
        return writer.toByteArray();
    }

    static ServerHandshakeResponse decode(byte[] block) throws DecodingException {
        SmpReader reader = new SmpReader(block);
        return switch (reader.readChar()) {
            case 'R' -> new ServiceId(reader.readShortBytes());
            case 'E' -> new Error(TransportError.readFrom(reader));
            default -> throw new DecodingException("bad SMPServerHandshakeResponse");
        };
    }
}
