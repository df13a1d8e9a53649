package dev.relayj.smp.server;

import static dev.relayj.stats.SmpCounter.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.relayj.protocol.CommandError;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.Command;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.protocol.MessageLimits;
import dev.relayj.smp.protocol.MsgFlags;
import dev.relayj.smp.protocol.QueueRequestData;
import dev.relayj.smp.protocol.SubscriptionMode;
import dev.relayj.smp.store.StoreQueue;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SEND, SUB, GET and ACK run directly on the message family, without TLS. */
class MessageCommandsTest {
    private static final CorrId CORR = new CorrId(new byte[] {7});

    @TempDir
    Path dir;

    private static Command.Send send(String text) {
        return new Command.Send(MsgFlags.NONE, text.getBytes());
    }

    @Test
    void aSentMessageComesWithSubAndGoesWithAck() throws Exception {
        CommandFamilies f = new CommandFamilies(dir);
        EntityId id = f.newQueue(new QueueRequestData.Messaging(null), SubscriptionMode.ONLY_CREATE).ids().recipientId();
        StoreQueue q = f.queue(id);
        assertEquals(BrokerMessage.OK, f.messages.sendMessage(send("hello"), q, q.record()));
        assertEquals(0, f.stats.counter(MSG_SENT).get(), "counted once durable, after the block's last command");
        assertNull(f.messages.completeBlock(), "durable");

        CommandResult sub = f.messages.subscribe(CORR, id, q, q.record());
        assertInstanceOf(BrokerMessage.Sok.class, sub.reply().message());
        BrokerMessage.Msg msg = assertInstanceOf(BrokerMessage.Msg.class, sub.message().message());
        CommandResult ack = f.messages.acknowledge(CORR, id, new EntityId(msg.msgId()), q, q.record());
        assertEquals(BrokerMessage.OK, ack.reply().message());
        assertNull(ack.message());

        assertEquals(1, f.stats.counter(MSG_SENT).get());
        assertEquals(1, f.stats.counter(Q_SUB).get());
        assertEquals(1, f.stats.counter(MSG_RECV).get());
        assertEquals(0, f.stats.counter(MSG_COUNT).get());
    }

    @Test
    void aSessionThatGetsCannotSubscribeTheSameQueue() throws Exception {
        CommandFamilies f = new CommandFamilies(dir);
        EntityId id = f.newQueue(new QueueRequestData.Messaging(null), SubscriptionMode.ONLY_CREATE).ids().recipientId();
        StoreQueue q = f.queue(id);
        assertEquals(BrokerMessage.OK, f.messages.getMessage(CORR, id, q, q.record()).reply().message(), "no message yet");
        f.messages.sendMessage(send("one"), q, q.record());
        assertNull(f.messages.completeBlock());
        assertInstanceOf(BrokerMessage.Msg.class, f.messages.getMessage(CORR, id, q, q.record()).reply().message());
        assertEquals(BrokerMessage.err(CommandError.PROHIBITED), f.messages.subscribe(CORR, id, q, q.record()).reply().message());
        assertEquals(1, f.stats.counter(MSG_GET_NO_MSG).get());
        assertEquals(1, f.stats.counter(MSG_GET).get());
        assertEquals(1, f.stats.counter(Q_SUB_PROHIBITED).get());
    }

    @Test
    void tooLongAMessageIsRefusedAndAckWithoutDeliveryFindsNothing() throws Exception {
        CommandFamilies f = new CommandFamilies(dir);
        EntityId id = f.newQueue(new QueueRequestData.Messaging(null), SubscriptionMode.ONLY_CREATE).ids().recipientId();
        StoreQueue q = f.queue(id);
        byte[] large = new byte[MessageLimits.maxMessageLength(CommandFamilies.VERSION) + 1];
        assertEquals(BrokerMessage.err(ErrorType.Simple.LARGE_MSG),
                f.messages.sendMessage(new Command.Send(MsgFlags.NONE, large), q, q.record()));
        assertEquals(1, f.stats.counter(MSG_SENT_LARGE).get());
        assertEquals(BrokerMessage.err(ErrorType.Simple.NO_MSG),
                f.messages.acknowledge(CORR, id, new EntityId(new byte[24]), q, q.record()).reply().message());
    }
}
