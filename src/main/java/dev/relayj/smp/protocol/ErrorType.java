package dev.relayj.smp.protocol;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import dev.relayj.protocol.BlockingInfo;
import dev.relayj.protocol.CommandError;
import dev.relayj.transport.SmpVersions;
import java.nio.charset.StandardCharsets;

/**
 * The error in an {@code ERR} response ({@code ErrorType} in {@code Protocol.hs}), text encoded:
 * a name, followed for some by a space and details.
 */
public sealed interface ErrorType
        permits ErrorType.Simple, ErrorType.Cmd, ErrorType.Proxy, ErrorType.Blocked, ErrorType.Store {

    enum Simple implements ErrorType {
        /** Bad block format, encoding or authorization size. */
        BLOCK,
        /** Wrong session id (v6, where it is sent). */
        SESSION,
        /** Bad authorization, or no such entity. */
        AUTH,
        /** Service signature not allowed, or service command outside a service session. */
        SERVICE,
        /** Encryption error in the proxy protocol. */
        CRYPTO,
        /** Queue capacity exceeded. */
        QUOTA,
        /** ACK with no message to acknowledge. */
        NO_MSG,
        /** Message too large. */
        LARGE_MSG,
        /** The relay key is expired. */
        EXPIRED,
        /** Internal server error. */
        INTERNAL,
        /** Used internally by the reference; never sent by its server. */
        DUPLICATE_
    }

    record Cmd(CommandError error) implements ErrorType {}

    record Proxy(ProxyError error) implements ErrorType {}

    /** The entity is blocked (sent as AUTH before v12, without the notice before v18). */
    record Blocked(BlockingInfo info) implements ErrorType {}

    /** A storage error; the text is free-form. */
    record Store(String message) implements ErrorType {}

    static ErrorType cmd(CommandError error) {
        return new Cmd(error);
    }

    /**
     * This error as a client of the given version may see it ({@code encodeProtocol} of ERR):
     * BLOCKED is AUTH before v12 and loses its notice before v18.
     */
    default ErrorType forVersion(int version) {
        if (this instanceof Blocked(BlockingInfo info)) {
            if (version < SmpVersions.BLOCKED_ENTITY_SMP_VERSION) {
                return Simple.AUTH;
            }
            if (version < SmpVersions.CLIENT_NOTICES_SMP_VERSION) {
                return new Blocked(info.withoutNotice());
            }
        }
        return this;
    }

    default void writeTo(SmpWriter writer) {
        switch (this) {
            case Simple simple -> writer.writeAscii(simple.name());
            case Cmd(CommandError error) -> {
                writer.writeAscii("CMD ");
                error.writeTo(writer);
            }
            case Proxy(ProxyError error) -> {
                writer.writeAscii("PROXY ");
                error.writeTo(writer);
            }
            case Blocked(BlockingInfo info) -> {
                writer.writeAscii("BLOCKED ");
                info.writeTo(writer);
            }
            case Store(String message) -> writer.writeAscii("STORE ").writeRaw(message.getBytes(StandardCharsets.UTF_8));
        }
    }

    default byte[] encode() {
        SmpWriter writer = new SmpWriter(32);
        writeTo(writer);
        return writer.toByteArray();
    }

    static ErrorType readFrom(SmpReader reader) throws DecodingException {
        String word = Words.word(reader);
        switch (word) {
            case "CMD" -> {
                Words.space(reader);
                return new Cmd(CommandError.parse(Words.word(reader)));
            }
            case "PROXY" -> {
                Words.space(reader);
                return new Proxy(ProxyError.readFrom(reader));
            }
            case "BLOCKED" -> {
                Words.space(reader);
                return new Blocked(BlockingInfo.readFrom(reader));
            }
            case "STORE" -> {
                Words.space(reader);
                return new Store(Words.lenientUtf8Tail(reader));
            }
            default -> {
                for (Simple simple : Simple.values()) {
                    if (simple.name().equals(word)) {
                        return simple;
                    }
                }
                throw new DecodingException("bad ErrorType");
            }
        }
    }
}
