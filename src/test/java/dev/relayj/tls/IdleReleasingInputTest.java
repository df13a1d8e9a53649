package dev.relayj.tls;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdleReleasingInputTest {
    /** Fails when a Bouncy Castle upgrade renames the queue that idle connections give back. */
    @Test
    void bouncyCastlesApplicationDataQueueIsReachable() {
        assertTrue(IdleReleasingInput.releases());
    }
}
