package dev.relayj.smp.server;

import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.ClientTransmission;
import dev.relayj.smp.protocol.Command;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The recipient of the benches' sender/recipient pairs: ACKs every MSG of its queues, counts it,
 * frees the sender's slot and records the SEND -> MSG latency of bodies stamped with their send
 * time ({@code System.nanoTime()} in the first 8 bytes), once the measured window has begun.
 */
final class AckingRecipient {
    private final TestSmpClient client;
    private final Map<EntityId, TestSmpClient.TestQueue> queues;
    private final Semaphore inFlight;
    private final AtomicLong delivered;
    private final AtomicLong measuringFrom;
    private final long[] latencies = new long[1 << 20];
    private final AtomicLong count = new AtomicLong();

    /**
     * @param delivered     counts every MSG, shared by the pairs of a run
     * @param measuringFrom latencies of bodies sent from this time on are recorded
     */
    AckingRecipient(TestSmpClient client, Map<EntityId, TestSmpClient.TestQueue> queues, Semaphore inFlight,
            AtomicLong delivered, AtomicLong measuringFrom) {
        this.client = client;
        this.queues = Map.copyOf(queues);
        this.inFlight = inFlight;
        this.delivered = delivered;
        this.measuringFrom = measuringFrom;
    }

    /** Receives until {@code running} ends or the connection does. */
    void receiveLoop(AtomicBoolean running) {
        try {
            while (running.get()) {
                ClientTransmission t = client.receive();
                BrokerMessage message = t.message().value();
                if (message instanceof BrokerMessage.Msg msg) {
                    TestSmpClient.TestQueue queue = queues.get(t.entityId());
                    long sentAt = ByteBuffer.wrap(TestSmpClient.bodyOf(queue, msg)).getLong();
                    long now = System.nanoTime();
                    if (sentAt >= measuringFrom.get()) {
                        long i = count.getAndIncrement();
                        if (i < latencies.length) {
                            latencies[(int) i] = now - sentAt;
                        }
                    }
                    delivered.incrementAndGet();
                    client.send(TestSmpClient.corrId(), queue.rcvId(), new Command.Ack(msg.msgId()), queue.rcvKey());
                    inFlight.release();
                } else if (message != BrokerMessage.OK) {
                    System.out.println("recipient: " + message);
                }
            }
        } catch (Exception e) {
            if (running.get()) {
                System.out.println("recipient stopped: " + e);
            }
        }
    }

    /** The latencies recorded so far, nanoseconds, in arrival order. */
    long[] latencies() {
        return Arrays.copyOf(latencies, (int) Math.min(count.get(), latencies.length));
    }
}
