package dev.relayj.smp.protocol;

import dev.relayj.transport.ServiceRole;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PartyTest {
    @Test
    void commandsBelongToTheirParties() {
        assertEquals(Party.CREATOR, Command.parse(18, Samples.concat(Samples.ascii("NEW "), Samples.key(Samples.SAMPLE_PUB_KEY),
                Samples.key(Samples.SAMPLE_DH_PUB_KEY), Samples.ascii("0S00"))).value().party());
        assertEquals(Party.RECIPIENT_SERVICE, Command.SUBS.party());
        assertEquals(Party.NOTIFIER_SERVICE, Command.NSUBS.party());
        assertEquals(Party.LINK_CLIENT, Command.LGET.party());
        assertEquals(Party.PROXY_SERVICE, new Command.Rfwd(new byte[0]).party());
    }

    @Test
    void serviceRolesLimitWhatASessionMaySend() {
        assertTrue(Party.RECIPIENT.allowedFor(null));
        assertTrue(Party.RECIPIENT.allowedFor(ServiceRole.MESSAGING));
        assertFalse(Party.RECIPIENT.allowedFor(ServiceRole.NOTIFIER));
        assertFalse(Party.NOTIFIER.allowedFor(ServiceRole.MESSAGING));
        assertTrue(Party.NOTIFIER_SERVICE.allowedFor(ServiceRole.NOTIFIER));
        assertTrue(Party.PROXY_SERVICE.allowedFor(ServiceRole.PROXY));
        assertFalse(Party.SENDER.allowedFor(ServiceRole.PROXY));
        // PING has no role, so any session may send it
        assertTrue(Party.IDLE_CLIENT.allowedFor(ServiceRole.PROXY));
    }

    @Test
    void onlySenderAndLinkCommandsAreForwarded() {
        assertTrue(Command.isForwardable(new Command.Send(MsgFlags.NONE, new byte[0])));
        assertTrue(Command.isForwardable(new Command.SKey(Samples.SAMPLE_PUB_KEY)));
        assertTrue(Command.isForwardable(new Command.LKey(Samples.SAMPLE_PUB_KEY)));
        assertTrue(Command.isForwardable(Command.LGET));
        assertFalse(Command.isForwardable(Command.SUB));
        assertFalse(Command.isForwardable(Command.PING));
        assertFalse(Command.isForwardable(new Command.Rfwd(new byte[0])));
    }

    @Test
    void serviceSignaturesAreUsedByNewSubAndNsub() {
        assertTrue(Command.usesServiceAuth(Command.SUB));
        assertTrue(Command.usesServiceAuth(Command.NSUB));
        assertFalse(Command.usesServiceAuth(Command.SUBS));
        assertFalse(Command.usesServiceAuth(Command.PING));
        assertTrue(Party.RECIPIENT.isBatchParty());
        assertFalse(Party.SENDER.isBatchParty());
        assertTrue(Party.LINK_CLIENT.isQueueParty());
        assertFalse(Party.CREATOR.isQueueParty());
    }
}
