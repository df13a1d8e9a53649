package dev.relayj.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Poly1305 (RFC 8439) with three limbs of 44, 44 and 42 bits and 64-bit multiplication whose high
 * halves come from {@link Math#unsignedMultiplyHigh} (the layout of poly1305-donna-64): about half
 * the multiplications of the 26-bit, five-limb form. Constant time: carries and the final
 * selection are computed with masks, never with branches on secret values. Used by one thread.
 */
final class Poly1305Mac implements OneTimeMac {
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long MASK44 = 0xfffffffffffL;
    private static final long MASK42 = 0x3ffffffffffL;
    private static final long HIBIT = 1L << 40;

    private final long r0;
    private final long r1;
    private final long r2;
    private final long s1;
    private final long s2;
    private final long pad0;
    private final long pad1;
    private long h0;
    private long h1;
    private long h2;
    private final byte[] partial = new byte[16];
    private int partialLength;

    /** A MAC under the 32-byte one-time key at {@code offset}. */
    Poly1305Mac(byte[] key, int offset) {
        long t0 = (long) LE_LONG.get(key, offset);
        long t1 = (long) LE_LONG.get(key, offset + 8);
        r0 = t0 & 0xffc0fffffffL;
        r1 = ((t0 >>> 44) | (t1 << 20)) & 0xfffffc0ffffL;
        r2 = (t1 >>> 24) & 0x00ffffffc0fL;
        s1 = r1 * (5 << 2);
        s2 = r2 * (5 << 2);
        pad0 = (long) LE_LONG.get(key, offset + 16);
        pad1 = (long) LE_LONG.get(key, offset + 24);
    }

    @Override
    public void update(byte[] data, int offset, int length) {
        if (partialLength > 0) {
            int n = Math.min(length, 16 - partialLength);
            System.arraycopy(data, offset, partial, partialLength, n);
            partialLength += n;
            offset += n;
            length -= n;
            if (partialLength < 16) {
                return;
            }
            block(partial, 0, HIBIT);
            partialLength = 0;
        }
        while (length >= 16) {
            block(data, offset, HIBIT);
            offset += 16;
            length -= 16;
        }
        if (length > 0) {
            System.arraycopy(data, offset, partial, 0, length);
            partialLength = length;
        }
    }

    @Override
    public void doFinal(byte[] out, int offset) {
        if (partialLength > 0) {
            partial[partialLength] = 1;
            Arrays.fill(partial, partialLength + 1, 16, (byte) 0);
            block(partial, 0, 0);
        }
        long c = h1 >>> 44;
        h1 &= MASK44;
        h2 += c;
        c = h2 >>> 42;
        h2 &= MASK42;
        h0 += c * 5;
        c = h0 >>> 44;
        h0 &= MASK44;
        h1 += c;
        c = h1 >>> 44;
        h1 &= MASK44;
        h2 += c;
        c = h2 >>> 42;
        h2 &= MASK42;
        h0 += c * 5;
        c = h0 >>> 44;
        h0 &= MASK44;
        h1 += c;

        // h - p, chosen when it does not go below zero
        long g0 = h0 + 5;
        c = g0 >>> 44;
        g0 &= MASK44;
        long g1 = h1 + c;
        c = g1 >>> 44;
        g1 &= MASK44;
        long g2 = h2 + c - (1L << 42);
        long keepG = (g2 >>> 63) - 1;
        long h0f = (h0 & ~keepG) | (g0 & keepG);
        long h1f = (h1 & ~keepG) | (g1 & keepG);
        long h2f = (h2 & ~keepG) | (g2 & keepG);

        // + s (the pad), modulo 2^128
        h0f += pad0 & MASK44;
        c = h0f >>> 44;
        h0f &= MASK44;
        h1f += (((pad0 >>> 44) | (pad1 << 20)) & MASK44) + c;
        c = h1f >>> 44;
        h1f &= MASK44;
        h2f += ((pad1 >>> 24) & MASK42) + c;
        h2f &= MASK42;
        LE_LONG.set(out, offset, h0f | (h1f << 44));
        LE_LONG.set(out, offset + 8, (h1f >>> 20) | (h2f << 24));
        h0 = 0;
        h1 = 0;
        h2 = 0;
        Arrays.fill(partial, (byte) 0);
    }

    private void block(byte[] m, int offset, long hibit) {
        long t0 = (long) LE_LONG.get(m, offset);
        long t1 = (long) LE_LONG.get(m, offset + 8);
        long a0 = h0 + (t0 & MASK44);
        long a1 = h1 + (((t0 >>> 44) | (t1 << 20)) & MASK44);
        long a2 = h2 + (((t1 >>> 24) & MASK42) | hibit);

        // d0 = a0*r0 + a1*s2 + a2*s1, and so on, each as 128 bits (hi, lo)
        long d0lo = a0 * r0;
        long d0hi = Math.unsignedMultiplyHigh(a0, r0);
        long lo = a1 * s2;
        long sum = d0lo + lo;
        d0hi += Math.unsignedMultiplyHigh(a1, s2) + carry(d0lo, lo, sum);
        d0lo = sum;
        lo = a2 * s1;
        sum = d0lo + lo;
        d0hi += Math.unsignedMultiplyHigh(a2, s1) + carry(d0lo, lo, sum);
        d0lo = sum;

        long d1lo = a0 * r1;
        long d1hi = Math.unsignedMultiplyHigh(a0, r1);
        lo = a1 * r0;
        sum = d1lo + lo;
        d1hi += Math.unsignedMultiplyHigh(a1, r0) + carry(d1lo, lo, sum);
        d1lo = sum;
        lo = a2 * s2;
        sum = d1lo + lo;
        d1hi += Math.unsignedMultiplyHigh(a2, s2) + carry(d1lo, lo, sum);
        d1lo = sum;

        long d2lo = a0 * r2;
        long d2hi = Math.unsignedMultiplyHigh(a0, r2);
        lo = a1 * r1;
        sum = d2lo + lo;
        d2hi += Math.unsignedMultiplyHigh(a1, r1) + carry(d2lo, lo, sum);
        d2lo = sum;
        lo = a2 * r0;
        sum = d2lo + lo;
        d2hi += Math.unsignedMultiplyHigh(a2, r0) + carry(d2lo, lo, sum);
        d2lo = sum;

        // partial reduction modulo 2^130 - 5
        long c = (d0lo >>> 44) | (d0hi << 20);
        long n0 = d0lo & MASK44;
        sum = d1lo + c;
        d1hi += carry(d1lo, c, sum);
        d1lo = sum;
        c = (d1lo >>> 44) | (d1hi << 20);
        long n1 = d1lo & MASK44;
        sum = d2lo + c;
        d2hi += carry(d2lo, c, sum);
        d2lo = sum;
        c = (d2lo >>> 42) | (d2hi << 22);
        long n2 = d2lo & MASK42;
        n0 += c * 5;
        c = n0 >>> 44;
        n0 &= MASK44;
        n1 += c;
        h0 = n0;
        h1 = n1;
        h2 = n2;
    }

    /** The carry out of the unsigned 64-bit sum {@code sum = a + b}, without a branch. */
    private static long carry(long a, long b, long sum) {
        return ((a & b) | ((a | b) & ~sum)) >>> 63;
    }
}
