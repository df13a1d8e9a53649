package dev.relayj.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The Salsa20/20 key stream (Bernstein), XORed into data whole 64-byte blocks at a time with int
 * arithmetic: several times the speed of a byte-at-a-time engine. No branch or table lookup
 * depends on the key or the data. Used by one thread.
 */
final class Salsa20KeyStream {
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int BLOCK = 64;

    private final int[] state = new int[16];
    private final int[] block = new int[16];
    /** Key stream of the current block not used yet: bytes {@code used..63} of {@link #buffer}. */
    private final byte[] buffer = new byte[BLOCK];
    private int used = BLOCK;

    /** A stream under a 32-byte key and an 8-byte nonce, from block 0. */
    Salsa20KeyStream(byte[] key, byte[] nonce, int nonceOffset) {
        state[0] = 0x61707865;
        state[5] = 0x3320646e;
        state[10] = 0x79622d32;
        state[15] = 0x6b206574;
        for (int i = 0; i < 4; i++) {
            state[1 + i] = (int) LE_INT.get(key, 4 * i);
            state[11 + i] = (int) LE_INT.get(key, 16 + 4 * i);
        }
        state[6] = (int) LE_INT.get(nonce, nonceOffset);
        state[7] = (int) LE_INT.get(nonce, nonceOffset + 4);
    }

    /** XORs the next {@code length} key stream bytes into {@code in}, writing {@code out} ({@code out} may be {@code in}). */
    void xor(byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        while (length > 0 && used < BLOCK) {
            out[outOffset++] = (byte) (in[inOffset++] ^ buffer[used++]);
            length--;
        }
        while (length >= BLOCK) {
            nextBlock();
            for (int i = 0; i < 16; i++) {
                LE_INT.set(out, outOffset + 4 * i, (int) LE_INT.get(in, inOffset + 4 * i) ^ block[i]);
            }
            inOffset += BLOCK;
            outOffset += BLOCK;
            length -= BLOCK;
        }
        if (length > 0) {
            nextBlock();
            for (int i = 0; i < 16; i++) {
                LE_INT.set(buffer, 4 * i, block[i]);
            }
            used = 0;
            while (length > 0) {
                out[outOffset++] = (byte) (in[inOffset++] ^ buffer[used++]);
                length--;
            }
        }
    }

    /** Forgets the key material. */
    void destroy() {
        Arrays.fill(state, 0);
        Arrays.fill(block, 0);
        Arrays.fill(buffer, (byte) 0);
    }

    /** The next 64 bytes of key stream into {@link #block}; advances the 64-bit block counter. */
    private void nextBlock() {
        int x0 = state[0], x1 = state[1], x2 = state[2], x3 = state[3];
        int x4 = state[4], x5 = state[5], x6 = state[6], x7 = state[7];
        int x8 = state[8], x9 = state[9], x10 = state[10], x11 = state[11];
        int x12 = state[12], x13 = state[13], x14 = state[14], x15 = state[15];
        for (int round = 0; round < 10; round++) {
            // column round
            x4 ^= Integer.rotateLeft(x0 + x12, 7);
            x8 ^= Integer.rotateLeft(x4 + x0, 9);
            x12 ^= Integer.rotateLeft(x8 + x4, 13);
            x0 ^= Integer.rotateLeft(x12 + x8, 18);
            x9 ^= Integer.rotateLeft(x5 + x1, 7);
            x13 ^= Integer.rotateLeft(x9 + x5, 9);
            x1 ^= Integer.rotateLeft(x13 + x9, 13);
            x5 ^= Integer.rotateLeft(x1 + x13, 18);
            x14 ^= Integer.rotateLeft(x10 + x6, 7);
            x2 ^= Integer.rotateLeft(x14 + x10, 9);
            x6 ^= Integer.rotateLeft(x2 + x14, 13);
            x10 ^= Integer.rotateLeft(x6 + x2, 18);
            x3 ^= Integer.rotateLeft(x15 + x11, 7);
            x7 ^= Integer.rotateLeft(x3 + x15, 9);
            x11 ^= Integer.rotateLeft(x7 + x3, 13);
            x15 ^= Integer.rotateLeft(x11 + x7, 18);
            // row round
            x1 ^= Integer.rotateLeft(x0 + x3, 7);
            x2 ^= Integer.rotateLeft(x1 + x0, 9);
            x3 ^= Integer.rotateLeft(x2 + x1, 13);
            x0 ^= Integer.rotateLeft(x3 + x2, 18);
            x6 ^= Integer.rotateLeft(x5 + x4, 7);
            x7 ^= Integer.rotateLeft(x6 + x5, 9);
            x4 ^= Integer.rotateLeft(x7 + x6, 13);
            x5 ^= Integer.rotateLeft(x4 + x7, 18);
            x11 ^= Integer.rotateLeft(x10 + x9, 7);
            x8 ^= Integer.rotateLeft(x11 + x10, 9);
            x9 ^= Integer.rotateLeft(x8 + x11, 13);
            x10 ^= Integer.rotateLeft(x9 + x8, 18);
            x12 ^= Integer.rotateLeft(x15 + x14, 7);
            x13 ^= Integer.rotateLeft(x12 + x15, 9);
            x14 ^= Integer.rotateLeft(x13 + x12, 13);
            x15 ^= Integer.rotateLeft(x14 + x13, 18);
        }
        block[0] = x0 + state[0];
        block[1] = x1 + state[1];
        block[2] = x2 + state[2];
        block[3] = x3 + state[3];
        block[4] = x4 + state[4];
        block[5] = x5 + state[5];
        block[6] = x6 + state[6];
        block[7] = x7 + state[7];
        block[8] = x8 + state[8];
        block[9] = x9 + state[9];
        block[10] = x10 + state[10];
        block[11] = x11 + state[11];
        block[12] = x12 + state[12];
        block[13] = x13 + state[13];
        block[14] = x14 + state[14];
        block[15] = x15 + state[15];
        if (++state[8] == 0) {
            state[9]++;
        }
    }
}
