package dev.relayj.xftp.protocol;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import java.util.Arrays;

/**
 * The first request of a web client ({@code XFTPClientHello} in {@code FileTransfer/Transport.hs},
 * {@code rfcs/2026-01-30-send-file-page/2026-02-02-xftp-web-handshake.md}): an optional 32-byte
 * challenge the server signs to prove it holds the identity certificate's key. Encoded as a Maybe
 * short byte string, padded to a block; bytes after it are ignored.
 */
public record XftpClientHello(byte[] webChallenge) {
    public static final int CHALLENGE_SIZE = 32;

    public XftpClientHello {
        if (webChallenge != null) {
            if (webChallenge.length != CHALLENGE_SIZE) {
                throw new IllegalArgumentException("web challenge must be 32 bytes");
            }
            webChallenge = webChallenge.clone();
        }
    }

    @Override
    public byte[] webChallenge() {
        return webChallenge == null ? null : webChallenge.clone();
    }

    public byte[] encode() {
        return new SmpWriter().writeMaybe(webChallenge, SmpWriter::writeShortBytes).toByteArray();
    }

    public static XftpClientHello parse(byte[] content) throws XftpException {
        try {
            byte[] challenge = new SmpReader(content).readMaybe(SmpReader::readShortBytes);
            if (challenge != null && challenge.length != CHALLENGE_SIZE) {
                throw new XftpException(XftpError.HANDSHAKE);
            }
            return new XftpClientHello(challenge);
        } catch (DecodingException e) {
            throw new XftpException(XftpError.HANDSHAKE);
        }
    }

    /** Reads a padded hello request body; any failure is {@code HANDSHAKE}. */
    public static XftpClientHello fromPadded(byte[] body) throws XftpException {
        try {
            return parse(XftpBlock.unpad(body));
        } catch (XftpException e) {
            throw new XftpException(XftpError.HANDSHAKE);
        }
    }

    /**
     * The bytes the server signs to answer a challenge: the challenge followed by the session id
     * ({@code C.sign serverSignKey (challenge <> sessionId)} in {@code FileTransfer/Server.hs}).
     */
    public static byte[] identityProofMessage(byte[] challenge, byte[] sessionId) {
        byte[] message = Arrays.copyOf(challenge, challenge.length + sessionId.length);
        System.arraycopy(sessionId, 0, message, challenge.length, sessionId.length);
        return message;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof XftpClientHello h && Arrays.equals(webChallenge, h.webChallenge);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(webChallenge);
    }

    @Override
    public String toString() {
        return "XftpClientHello[" + (webChallenge == null ? "no challenge" : "challenge") + "]";
    }
}
