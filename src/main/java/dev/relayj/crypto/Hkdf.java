package dev.relayj.crypto;

import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** HKDF (RFC 5869) with SHA-512: {@code hkdf} in {@code Crypto.hs}. */
public final class Hkdf {
    /** RFC 5869's limit: 255 blocks of the hash output. */
    public static final int MAX_LENGTH = 255 * 64;

    private Hkdf() {}

    /** An empty salt is HMAC's empty key, which RFC 5869 makes equal to 64 zero bytes. */
    public static byte[] sha512(byte[] salt, byte[] ikm, byte[] info, int length) {
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("HKDF-SHA512 output length must be 0.." + MAX_LENGTH + ", got " + length);
        }
        HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA512Digest());
        generator.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[length];
        generator.generateBytes(out, 0, length);
        return out;
    }
}
