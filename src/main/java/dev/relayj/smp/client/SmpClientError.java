package dev.relayj.smp.client;

import dev.relayj.smp.protocol.BrokerErrorType;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.protocol.NetworkError;
import dev.relayj.smp.protocol.ProxyError;
import dev.relayj.transport.TransportError;
import java.nio.charset.StandardCharsets;

/**
 * Why a command to a relay failed ({@code ProtocolClientError} in simplexmq's {@code Client.hs}).
 */
public sealed interface SmpClientError {

    /** The relay answered {@code ERR} ({@code PCEProtocolError}). */
    record Protocol(ErrorType error) implements SmpClientError {}

    /** The relay's response did not parse ({@code PCEResponseError}). */
    record Response(ErrorType error) implements SmpClientError {}

    /** The relay answered something the command does not expect ({@code PCEUnexpectedResponse}). */
    record Unexpected(String response) implements SmpClientError {}

    /** No response within the timeout ({@code PCEResponseTimeout}). */
    record ResponseTimeout() implements SmpClientError {}

    /** The connection could not be made or was lost ({@code PCENetworkError}). */
    record Network(NetworkError error, String detail) implements SmpClientError {}

    /** No host of the address suits the host mode ({@code PCEIncompatibleHost}). */
    record IncompatibleHost() implements SmpClientError {}

    /** The SMP handshake or a block failed ({@code PCETransportError}). */
    record Transport(TransportError error) implements SmpClientError {}

    /** Encryption or decryption failed ({@code PCECryptoError}). */
    record Crypto(String detail) implements SmpClientError {}

    /**
     * Whether trying again later may succeed ({@code temporaryClientError}); the proxy counts these
     * as connection errors in its statistics.
     */
    default boolean temporary() {
        return this instanceof Network || this instanceof ResponseTimeout;
    }

    /**
     * The error a proxy sends its client for this failure with the destination relay
     * ({@code smpProxyError} in {@code Client.hs}).
     */
    default ErrorType toProxyError() {
        return switch (this) {
            case Protocol(ErrorType error) -> proxy(new ProxyError.Protocol(error));
            case Response(ErrorType error) -> broker(new BrokerErrorType.Response(
                    new String(error.encode(), StandardCharsets.ISO_8859_1)));
            case Unexpected(String response) -> broker(new BrokerErrorType.Unexpected(response));
            case ResponseTimeout() -> broker(BrokerErrorType.Simple.TIMEOUT);
            case Network(NetworkError error, String detail) -> broker(new BrokerErrorType.Network(error));
            case IncompatibleHost() -> broker(BrokerErrorType.Simple.HOST);
            case Transport(TransportError error) -> broker(new BrokerErrorType.Transport(error));
            case Crypto(String detail) -> ErrorType.Simple.CRYPTO;
        };
    }

    /** One line for logs. */
    default String describe() {
        return switch (this) {
            case Protocol(ErrorType error) -> "ERR " + text(error);
            case Response(ErrorType error) -> "bad response: " + text(error);
            case Unexpected(String response) -> "unexpected response: " + response;
            case ResponseTimeout() -> "response timeout";
            case Network(NetworkError error, String detail) -> "network error: " + detail;
            case IncompatibleHost() -> "no host suits the host mode";
            case Transport(TransportError error) -> {
                dev.relayj.encoding.SmpWriter writer = new dev.relayj.encoding.SmpWriter(16);
                error.writeTo(writer);
                yield "transport error: " + new String(writer.toByteArray(), StandardCharsets.ISO_8859_1);
            }
            case Crypto(String detail) -> "crypto error: " + detail;
        };
    }

    static Transport transport(TransportError error) {
        return new Transport(error);
    }

    static Network network(NetworkError error, String detail) {
        return new Network(error, detail);
    }

    private static ErrorType proxy(ProxyError error) {
        return new ErrorType.Proxy(error);
    }

    private static ErrorType broker(BrokerErrorType error) {
        return proxy(new ProxyError.Broker(error));
    }

    private static String text(ErrorType error) {
        return new String(error.encode(), StandardCharsets.ISO_8859_1);
    }
}
