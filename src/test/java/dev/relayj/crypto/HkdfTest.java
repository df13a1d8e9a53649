package dev.relayj.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 5869 test cases 1 and 3 computed with SHA-512 (the published HKDF-SHA512 vectors). */
class HkdfTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] IKM = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");

    @Test
    void withSaltAndInfo() {
        byte[] okm = Hkdf.sha512(HEX.parseHex("000102030405060708090a0b0c"), IKM, HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42);
        assertEquals("832390086cda71fb47625bb5ceb168e4c8e26a1a16ed34d9fc7fe92c1481579338da362cb8d9f925d7cb",
                HEX.formatHex(okm));
    }

    @Test
    void withEmptySaltAndInfo() {
        assertEquals("f5fa02b18298a72a8c23898a8703472c6eb179dc204c03425c970e3b164bf90fff22d04836d0e2343bac",
                HEX.formatHex(Hkdf.sha512(new byte[0], IKM, new byte[0], 42)));
    }

    @Test
    void outputLengthIsBounded() {
        assertEquals(Hkdf.MAX_LENGTH, Hkdf.sha512(new byte[0], IKM, new byte[0], Hkdf.MAX_LENGTH).length);
        assertThrows(IllegalArgumentException.class, () -> Hkdf.sha512(new byte[0], IKM, new byte[0], Hkdf.MAX_LENGTH + 1));
        assertThrows(IllegalArgumentException.class, () -> Hkdf.sha512(new byte[0], IKM, new byte[0], -1));
    }
}
