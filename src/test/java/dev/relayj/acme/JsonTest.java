package dev.relayj.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ACME JSON codec and the account key's JWK. */
class JsonTest {
    @TempDir
    Path dir;

    @Test
    void parsesAndWritesBack() throws AcmeException {
        String text = "{ \"status\" : \"valid\", \"n\": -1.5e2, \"ok\": true, \"none\": null,"
                + " \"list\": [\"a\\u00e9\\n\", {}], \"esc\": \"q\\\"\\\\/\" }";
        Json.Obj o = Json.parseObject(text, "test");
        assertEquals("valid", o.string("status").orElseThrow());
        assertEquals("aé\n", ((Json.Str) o.array("list").get(0)).value());
        assertEquals("{\"status\":\"valid\",\"n\":-150,\"ok\":true,\"none\":null,\"list\":[\"aé\\n\",{}],\"esc\":\"q\\\"\\\\/\"}",
                Json.write(o));
    }

    @Test
    void malformedInputIsOneLineNamingWhatWasRead() {
        for (String bad : new String[] {"", "{", "{\"a\" 1}", "[1,]", "{\"a\":1} x", "{\"a\":tru}", "\"\\x\"", "{\"a\":\"\u0001\"}"}) {
            AcmeException e = assertThrows(AcmeException.class, () -> Json.parse(bad, "ACME order"), bad);
            assertTrue(e.getMessage().startsWith("ACME order: malformed JSON at offset "), e.getMessage());
        }
        assertThrows(AcmeException.class, () -> Json.parse("[".repeat(100) + "]".repeat(100), "deep"));
        AcmeException notObject = assertThrows(AcmeException.class, () -> Json.parseObject("[]", "ACME directory"));
        assertEquals("ACME directory: malformed JSON (not an object)", notObject.getMessage());
    }

    @Test
    void accountKeyIsMadeOnceOwnerOnlyAndItsJwkHasTheThumbprintMembersInOrder() throws Exception {
        Path file = dir.resolve("acme_account.key");
        AccountKey key = AccountKey.loadOrCreate(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String jwk = Json.write(key.jwk());
        assertTrue(jwk.matches("\\{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"[A-Za-z0-9_-]{43}\",\"y\":\"[A-Za-z0-9_-]{43}\"}"), jwk);
        AccountKey again = AccountKey.loadOrCreate(file);
        assertEquals(jwk, Json.write(again.jwk()));
        assertEquals(key.thumbprint(), again.thumbprint());
        assertEquals(64, key.sign(new byte[] {1, 2, 3}).length, "ES256 signatures are r||s, 64 bytes");
    }
}
