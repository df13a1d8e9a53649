package dev.relayj.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** FIPS 180-2 / FIPS 202 "abc" examples. */
class HashesTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

    @Test
    void digestsMatchTheStandardExamples() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", HEX.formatHex(Hashes.sha256(ABC)));
        assertEquals("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f", HEX.formatHex(Hashes.sha512(ABC)));
        assertEquals("3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532", HEX.formatHex(Hashes.sha3_256(ABC)));
        assertEquals("ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b2"
                + "98d88cea927ac7f539f1edf228376d25", HEX.formatHex(Hashes.sha3_384(ABC)));
    }

    @Test
    void digestsOfSlicesAndPiecesAgree() {
        byte[] framed = "xxabcyy".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(Hashes.sha512(ABC), Hashes.sha512(framed, 2, 3));
        IncrementalDigest digest = Hashes.newSha256();
        digest.update(framed, 2, 1);
        digest.update(new byte[0]);
        digest.update("bc".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(Hashes.sha256(ABC), digest.digest());
        assertThrows(IllegalStateException.class, digest::digest);
        assertThrows(IndexOutOfBoundsException.class, () -> Hashes.sha512(framed, 5, 3));
    }
}
