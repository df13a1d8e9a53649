package dev.relayj.crypto;

import dev.relayj.encoding.Base64Url;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import java.security.SecureRandom;
import java.util.Arrays;

/** The 24-byte nonce of NaCl crypto_box and secret_box ({@code CbNonce}). */
public record CbNonce(byte[] bytes) {
    public static final int SIZE = 24;

    public CbNonce {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("nonce must be " + SIZE + " bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    public static CbNonce random(SecureRandom random) {
        byte[] bytes = new byte[SIZE];
        random.nextBytes(bytes);
        return new CbNonce(bytes);
    }

    /**
     * A nonce made from any bytes by truncating or zero-padding them to 24 bytes ({@code cbNonce}
     * in {@code Crypto.hs}); the servers make nonces this way from correlation and message ids.
     */
    public static CbNonce fitting(byte[] source) {
        return new CbNonce(Arrays.copyOf(source, SIZE));
    }

    /** {@code smpP}: the 24 bytes as they are, without a length prefix. */
    public static CbNonce readFrom(SmpReader reader) throws DecodingException {
        return new CbNonce(reader.take(SIZE));
    }

    public void writeTo(SmpWriter writer) {
        writer.writeRaw(bytes);
    }

    /** {@code reverseNonce}: the bytes in reverse order, for a response to a request's nonce. */
    public CbNonce reversed() {
        byte[] reversed = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            reversed[i] = bytes[SIZE - 1 - i];
        }
        return new CbNonce(reversed);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CbNonce nonce && Arrays.equals(bytes, nonce.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "CbNonce[" + Base64Url.encode(bytes) + "]";
    }
}
