package dev.relayj.xftp.protocol;

import dev.relayj.encoding.DecodingException;
import dev.relayj.protocol.BlockingInfo;
import dev.relayj.protocol.CommandError;
import java.nio.charset.StandardCharsets;

/**
 * {@code XFTPErrorType} of simplexmq {@code FileTransfer/Transport.hs}: the argument of {@code ERR}
 * and of a failed handshake. Encoded as its name, {@code CMD <CommandError>} or
 * {@code BLOCKED <BlockingInfo>}.
 */
public sealed interface XftpError permits XftpError.Simple, XftpError.Cmd, XftpError.Blocked {

    /** The cases without arguments, in the reference's order. */
    enum Simple implements XftpError {
        /** incorrect block format, encoding or signature size */
        BLOCK,
        /** incorrect session id */
        SESSION,
        /** incorrect handshake command */
        HANDSHAKE,
        /** bad signature or no such file */
        AUTH,
        SIZE,
        QUOTA,
        DIGEST,
        CRYPTO,
        NO_FILE,
        HAS_FILE,
        FILE_IO,
        TIMEOUT,
        INTERNAL,
        /** used inside the server for id collisions, never sent */
        DUPLICATE_;

        @Override
        public String encode() {
            return name();
        }
    }

    record Cmd(CommandError error) implements XftpError {
        @Override
        public String encode() {
            return "CMD " + error.encode();
        }
    }

    record Blocked(BlockingInfo info) implements XftpError {
        @Override
        public String encode() {
            return "BLOCKED " + info.toText();
        }
    }

    XftpError BLOCK = Simple.BLOCK;
    XftpError SESSION = Simple.SESSION;
    XftpError HANDSHAKE = Simple.HANDSHAKE;
    XftpError AUTH = Simple.AUTH;
    XftpError SIZE = Simple.SIZE;
    XftpError QUOTA = Simple.QUOTA;
    XftpError DIGEST = Simple.DIGEST;
    XftpError CRYPTO = Simple.CRYPTO;
    XftpError NO_FILE = Simple.NO_FILE;
    XftpError HAS_FILE = Simple.HAS_FILE;
    XftpError FILE_IO = Simple.FILE_IO;
    XftpError TIMEOUT = Simple.TIMEOUT;
    XftpError INTERNAL = Simple.INTERNAL;
    XftpError DUPLICATE = Simple.DUPLICATE_;

    static XftpError cmd(CommandError error) {
        return new Cmd(error);
    }

    String encode();

    default byte[] encodeBytes() {
        return encode().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses the whole text as one error. */
    static XftpError parse(String text) throws DecodingException {
        int space = text.indexOf(' ');
        String tag = space < 0 ? text : text.substring(0, space);
        String argument = space < 0 ? null : text.substring(space + 1);
        switch (tag) {
            case "CMD" -> {
                if (argument == null || argument.indexOf(' ') >= 0) {
                    throw new DecodingException("bad CMD error");
                }
                return new Cmd(CommandError.parse(argument));
            }
            case "BLOCKED" -> {
                if (argument == null) {
                    throw new DecodingException("BLOCKED needs blocking info");
                }
                return new Blocked(BlockingInfo.fromText(argument));
            }
            default -> {
                if (argument != null) {
                    throw new DecodingException("unexpected argument of error " + tag);
                }
                for (Simple simple : Simple.values()) {
                    if (simple.name().equals(tag)) {
                        return simple;
                    }
                }
                throw new DecodingException("bad error type");
            }
        }
    }

    static XftpError parse(byte[] bytes) throws DecodingException {
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }
}
