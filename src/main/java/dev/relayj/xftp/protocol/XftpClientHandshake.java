package dev.relayj.xftp.protocol;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import java.util.Arrays;

/**
 * The client's handshake ({@code XFTPClientHandshake}): the version it chose and the fingerprint of
 * the server identity it expects. {@code Word16 version, shortBytes keyHash}, padded to a full block;
 * bytes after it are ignored.
 */
public record XftpClientHandshake(int version, byte[] keyHash) {
    public XftpClientHandshake {
        if (version < 0 || version > 0xFFFF) {
            throw new IllegalArgumentException("not a Word16 version: " + version);
        }
        keyHash = keyHash.clone();
    }

    @Override
    public byte[] keyHash() {
        return keyHash.clone();
    }

    public byte[] encode() {
        return new SmpWriter().writeWord16(version).writeShortBytes(keyHash).toByteArray();
    }

    public byte[] toBlock() throws XftpException {
        return XftpBlock.pad(encode());
    }

    public static XftpClientHandshake parse(byte[] content) throws XftpException {
        try {
            SmpReader reader = new SmpReader(content);
            int version = reader.readWord16();
            byte[] keyHash = reader.readShortBytes();
            return new XftpClientHandshake(version, keyHash);
        } catch (DecodingException e) {
            throw new XftpException(XftpError.HANDSHAKE);
        }
    }

    /** Reads the handshake request body, which must be exactly one block; else {@code HANDSHAKE}. */
    public static XftpClientHandshake fromBlock(byte[] body) throws XftpException {
        if (body.length != XftpBlock.SIZE) {
            throw new XftpException(XftpError.HANDSHAKE);
        }
        try {
            return parse(XftpBlock.unpad(body));
        } catch (XftpException e) {
            throw new XftpException(XftpError.HANDSHAKE);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof XftpClientHandshake h && version == h.version && Arrays.equals(keyHash, h.keyHash);
    }

    @Override
    public int hashCode() {
        return 31 * version + Arrays.hashCode(keyHash);
    }

    @Override
    public String toString() {
        return "XftpClientHandshake[v" + version + "]";
    }
}
