package dev.relayj.smp.protocol;

import dev.relayj.transport.TransportError;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;

/**
 * An error a proxy met talking to the destination relay ({@code BrokerErrorType} in
 * {@code Protocol.hs}), sent inside {@code PROXY BROKER}.
 */
public sealed interface BrokerErrorType
        permits BrokerErrorType.Simple, BrokerErrorType.Response, BrokerErrorType.Unexpected,
                BrokerErrorType.Network, BrokerErrorType.Transport {

    enum Simple implements BrokerErrorType {
        TIMEOUT,
        HOST,
        NO_SERVICE
    }

    /** The relay's response could not be parsed. */
    record Response(String message) implements BrokerErrorType {}

    /** The relay sent an unexpected response. */
    record Unexpected(String message) implements BrokerErrorType {}

    /** Always encoded as the bare word {@code NETWORK}; the details are only parsed. */
    record Network(NetworkError error) implements BrokerErrorType {}

    record Transport(TransportError error) implements BrokerErrorType {}

    default void writeTo(SmpWriter writer) {
        switch (this) {
            case Simple simple -> writer.writeAscii(simple.name());
            case Response(String message) -> writer.writeAscii("RESPONSE ").writeShortBytes(Words.latin1(message));
            case Unexpected(String message) ->
                    writer.writeAscii("UNEXPECTED ").writeShortBytes(Words.latin1(message));
            case Network network -> writer.writeAscii("NETWORK");
            case Transport(TransportError error) -> {
                writer.writeAscii("TRANSPORT ");
                error.writeTo(writer);
            }
        }
    }

    static BrokerErrorType readFrom(SmpReader reader) throws DecodingException {
        String word = Words.word(reader);
        switch (word) {
            case "RESPONSE" -> {
                Words.space(reader);
                return new Response(Words.readLatin1Short(reader));
            }
            case "UNEXPECTED" -> {
                Words.space(reader);
                return new Unexpected(Words.readLatin1Short(reader));
            }
            case "TRANSPORT" -> {
                Words.space(reader);
                return new Transport(TransportError.readFrom(reader));
            }
            case "NETWORK" -> {
                if (reader.atEnd()) {
                    return new Network(NetworkError.Simple.FAILED);
                }
                Words.space(reader);
                return new Network(NetworkError.readFrom(reader));
            }
            default -> {
                for (Simple simple : Simple.values()) {
                    if (simple.name().equals(word)) {
                        return simple;
                    }
                }
                throw new DecodingException("bad BrokerErrorType");
            }
        }
    }
}
