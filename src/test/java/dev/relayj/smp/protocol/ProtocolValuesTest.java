package dev.relayj.smp.protocol;

import dev.relayj.transport.SmpVersions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.encoding.VersionRange;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import dev.relayj.protocol.EntityId;
import dev.relayj.protocol.BasicAuth;

class ProtocolValuesTest {
    @Test
    void versionRangesOfferedByALPN() {
        assertEquals(new VersionRange(6, 18), SmpVersions.SUPPORTED_SERVER_SMP_RELAY_VRANGE);
        assertEquals(new VersionRange(6, 6), SmpVersions.LEGACY_SERVER_SMP_RELAY_VRANGE);
        assertEquals(new VersionRange(8, 17), SmpVersions.PROXIED_SMP_RELAY_VRANGE);
    }

    @Test
    void entityIds() {
        SecureRandom random = new SecureRandom();
        EntityId id = EntityId.random(random);
        assertEquals(EntityId.QUEUE_ID_LENGTH, id.length());
        assertNotEquals(id, EntityId.random(random));
        assertEquals(id, new EntityId(id.bytes()));
        assertEquals("AQID", new EntityId(new byte[] {1, 2, 3}).toBase64());
        assertTrue(EntityId.NONE.isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new EntityId(new byte[256]));
    }

    @Test
    void basicAuthCharacters() {
        assertTrue(BasicAuth.isValid(Samples.ascii("pa$$w0rd!")));
        for (String bad : new String[] {"has space", "at@", "co:lon", "sla/sh", "tab\t"}) {
            assertFalse(BasicAuth.isValid(Samples.ascii(bad)), bad);
        }
        assertFalse(BasicAuth.isValid(new byte[] {(byte) 0xAD}));
        assertTrue(BasicAuth.isValid(new byte[] {(byte) 0xE9}));
        assertTrue(BasicAuth.of("secret").matches(BasicAuth.of("secret")));
        assertFalse(BasicAuth.of("secret").matches(BasicAuth.of("Secret")));
        assertFalse(BasicAuth.of("secret").matches(null));
        assertEquals("BasicAuth[***]", BasicAuth.of("secret").toString());
    }

    @Test
    void queueModes() {
        assertTrue(QueueMode.senderCanSecure(QueueMode.MESSAGING));
        assertFalse(QueueMode.senderCanSecure(QueueMode.CONTACT));
        assertFalse(QueueMode.senderCanSecure(null));
        assertEquals("only-create", SubscriptionMode.ONLY_CREATE.text());
    }
}
