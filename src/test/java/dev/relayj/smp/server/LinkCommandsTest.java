package dev.relayj.smp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.protocol.QueueLinkData;
import dev.relayj.smp.protocol.QueueRequestData;
import dev.relayj.smp.protocol.SubscriptionMode;
import dev.relayj.smp.store.StoreQueue;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LSET, LGET, LKEY and LDEL run directly on the link family, without TLS. */
class LinkCommandsTest {
    private static final QueueLinkData DATA = new QueueLinkData("fixed".getBytes(), "user".getBytes());

    @TempDir
    Path dir;

    @Test
    void aContactLinkIsSetReadAndDeleted() throws Exception {
        CommandFamilies f = new CommandFamilies(dir);
        BrokerMessage.Ids ids = f.newQueue(new QueueRequestData.Contact(null, null), SubscriptionMode.ONLY_CREATE);
        StoreQueue q = f.queue(ids.ids().recipientId());
        EntityId linkId = new EntityId(new byte[24]);
        assertEquals(BrokerMessage.OK, f.links.setLink(q, q.record(), linkId, DATA));

        BrokerMessage.Lnk lnk = assertInstanceOf(BrokerMessage.Lnk.class, f.links.contactLink(q, f.queue(q.recipientId()).record(), linkId));
        assertEquals(ids.ids().senderId(), lnk.senderId());
        assertArrayEquals(DATA.userData(), lnk.data().userData());

        assertEquals(BrokerMessage.err(ErrorType.Simple.AUTH),
                f.links.setLink(q, f.queue(q.recipientId()).record(), new EntityId(new byte[] {1}), DATA),
                "another link id for a queue that has one");
        assertEquals(BrokerMessage.OK, f.links.deleteLink(q, f.queue(q.recipientId()).record()));
        assertEquals(BrokerMessage.OK, f.links.deleteLink(q, f.queue(q.recipientId()).record()), "deleting twice is fine");
    }

    @Test
    void messagingQueuesGiveTheirLinkOnlyToTheSenderSecuringThem() throws Exception {
        CommandFamilies f = new CommandFamilies(dir);
        StoreQueue q = f.queue(f.newQueue(new QueueRequestData.Messaging(null), SubscriptionMode.ONLY_CREATE)
                .ids().recipientId());
        EntityId linkId = new EntityId(new byte[24]);
        assertEquals(BrokerMessage.OK, f.links.setLink(q, q.record(), linkId, DATA));
        assertEquals(BrokerMessage.err(ErrorType.Simple.AUTH), f.links.contactLink(q, f.queue(q.recipientId()).record(), linkId));
        BrokerMessage answer = f.links.secureAndGetLink(q, f.queue(q.recipientId()).record(), linkId,
                Ed25519PrivateKey.generate(CommandFamilies.RANDOM).publicKey(), f.queues);
        assertInstanceOf(BrokerMessage.Lnk.class, answer);
    }
}
