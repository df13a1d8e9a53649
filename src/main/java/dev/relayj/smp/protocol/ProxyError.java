package dev.relayj.smp.protocol;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;

/** An error of a proxied command, sent by the proxy ({@code ProxyError} in {@code Protocol.hs}). */
public sealed interface ProxyError permits ProxyError.Simple, ProxyError.Protocol, ProxyError.Broker {

    enum Simple implements ProxyError {
        /** The basic auth given to the proxy was wrong. */
        BASIC_AUTH,
        /** No session with the destination relay. */
        NO_SESSION
    }

    /** The destination relay answered ERR. */
    record Protocol(ErrorType error) implements ProxyError {}

    /** The proxy could not talk to the destination relay. */
    record Broker(BrokerErrorType error) implements ProxyError {}

    default void writeTo(SmpWriter writer) {
        switch (this) {
            case Simple simple -> writer.writeAscii(simple.name());
            case Protocol(ErrorType error) -> {
                writer.writeAscii("PROTOCOL ");
                error.writeTo(writer);
            }
            case Broker(BrokerErrorType error) -> {
                writer.writeAscii("BROKER ");
                error.writeTo(writer);
            }
        }
    }

    static ProxyError readFrom(SmpReader reader) throws DecodingException {
        String word = Words.word(reader);
        switch (word) {
            case "PROTOCOL" -> {
                Words.space(reader);
                return new Protocol(ErrorType.readFrom(reader));
            }
            case "BROKER" -> {
                Words.space(reader);
                return new Broker(BrokerErrorType.readFrom(reader));
            }
            case "BASIC_AUTH" -> {
                return Simple.BASIC_AUTH;
            }
            case "NO_SESSION" -> {
                return Simple.NO_SESSION;
            }
            default -> throw new DecodingException("bad ProxyError");
        }
    }
}
