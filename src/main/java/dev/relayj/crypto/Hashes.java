package dev.relayj.crypto;

import java.util.Objects;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;

/**
 * The digests of {@code Crypto.hs}: {@code sha256Hash}, {@code sha512Hash}, {@code sha3_256},
 * {@code sha3_384}. For data too large to hold at once, {@link #newSha256()} digests as it goes.
 */
public final class Hashes {
    private Hashes() {}

    public static byte[] sha256(byte[] data) {
        return digest(new SHA256Digest(), data, 0, data.length);
    }

    public static byte[] sha512(byte[] data) {
        return sha512(data, 0, data.length);
    }

    public static byte[] sha512(byte[] data, int offset, int length) {
        return digest(new SHA512Digest(), data, offset, length);
    }

    public static byte[] sha3_256(byte[] data) {
        return digest(new SHA3Digest(256), data, 0, data.length);
    }

    public static byte[] sha3_384(byte[] data) {
        return digest(new SHA3Digest(384), data, 0, data.length);
    }

    /** An incremental SHA-256, e.g. for an XFTP chunk's digest while it is written to disk. */
    public static IncrementalDigest newSha256() {
        return new IncrementalDigest(new SHA256Digest());
    }

    private static byte[] digest(Digest digest, byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        digest.update(data, offset, length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }
}
