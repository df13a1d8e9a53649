package dev.relayj.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.util.Pack;

/** HSalsa20 (the key derivation core of XSalsa20 and of NaCl's crypto_box_beforenm). */
final class HSalsa20 {
    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
    private static final int ROUNDS = 20;

    private HSalsa20() {}

    /** A 32-byte subkey from a 32-byte key and 16 input bytes. */
    static byte[] derive(byte[] key, byte[] input) {
        int[] state = new int[16];
        state[0] = SIGMA[0];
        Pack.littleEndianToInt(key, 0, state, 1, 4);
        state[5] = SIGMA[1];
        Pack.littleEndianToInt(input, 0, state, 6, 4);
        state[10] = SIGMA[2];
        Pack.littleEndianToInt(key, 16, state, 11, 4);
        state[15] = SIGMA[3];

        int[] mixed = new int[16];
        Salsa20Engine.salsaCore(ROUNDS, state, mixed);
        // salsaCore adds the input words back (the Salsa20 feed-forward); HSalsa20 omits it.
        int[] out = {
            mixed[0] - state[0], mixed[5] - state[5], mixed[10] - state[10], mixed[15] - state[15],
            mixed[6] - state[6], mixed[7] - state[7], mixed[8] - state[8], mixed[9] - state[9]
        };
        byte[] subkey = Pack.intToLittleEndian(out);
        Arrays.fill(state, 0);
        Arrays.fill(mixed, 0);
        Arrays.fill(out, 0);
        return subkey;
    }
}
