package dev.relayj.xftp.protocol;

import dev.relayj.crypto.AuthPublicKey;
import dev.relayj.crypto.PublicKey;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import java.util.Arrays;

/**
 * The chunk a sender registers with {@code FNEW}: the key that authorizes the sender's later
 * commands, the chunk size (Word32) and its SHA-256 digest. Binary form
 * {@code sndKey size digest} (short bytes, Word32, short bytes), {@code FileInfo} in
 * {@code FileTransfer/Protocol.hs}.
 */
public record FileInfo(AuthPublicKey senderKey, long size, byte[] digest) {
    public FileInfo {
        if (size < 0 || size > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("file size is not a Word32: " + size);
        }
        if (digest.length > 255) {
            throw new IllegalArgumentException("digest longer than 255 bytes");
        }
        digest = digest.clone();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    public void writeTo(SmpWriter writer) {
        senderKey.writeTo(writer);
        writer.writeWord32(size);
        writer.writeShortBytes(digest);
    }

    public static FileInfo readFrom(SmpReader reader) throws DecodingException {
        AuthPublicKey key = PublicKey.readAuthKey(reader);
        long size = reader.readWord32();
        byte[] digest = reader.readShortBytes();
        return new FileInfo(key, size, digest);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileInfo info
                && senderKey.equals(info.senderKey)
                && size == info.size
                && Arrays.equals(digest, info.digest);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * senderKey.hashCode() + Long.hashCode(size)) + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return "FileInfo[" + senderKey + ", size=" + size + "]";
    }
}
