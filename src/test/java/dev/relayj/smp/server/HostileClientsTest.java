package dev.relayj.smp.server;

import dev.relayj.testing.ProcessResources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.Command;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.protocol.MsgFlags;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 6 and its fuzz test: clients that never read, or that send mutated blocks after a
 * valid handshake, cost bounded memory, leave every other client served, and give back their
 * threads and descriptors when they go.
 */
class HostileClientsTest {
    private static final int QUEUES = 100;
    private static final int SENDERS = 4;
    private static final long FLOOD_MILLIS = 4_000;
    private static final long FUZZ_MILLIS = 4_000;

    @TempDir
    Path dir;
    private TestServer server;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start(dir, TestServer.Settings.DEFAULT.withoutPersistence());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aSubscriberThatNeverReadsCostsBoundedMemoryWhileSendersFloodItsQueues() throws Exception {
        byte[] body = new byte[16_000];
        List<TestSmpClient.TestQueue> queues = new ArrayList<>();
        try (TestSmpClient subscriber = TestSmpClient.connect(server.port(), 18);
                TestSmpClient healthy = TestSmpClient.connect(server.port(), 18)) {
            for (int i = 0; i < QUEUES; i++) {
                queues.add(subscriber.createQueue()); // subscribed on creation; never read from now on
            }
            long baseline = ProcessResources.usedHeapAfterGc();
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            List<Thread> senders = new ArrayList<>();
            long end = System.nanoTime() + FLOOD_MILLIS * 1_000_000;
            for (int s = 0; s < SENDERS; s++) {
                senders.add(Thread.ofVirtual().start(() -> flood(queues, body, end, accepted, refused)));
            }
            int pongs = 0;
            while (System.nanoTime() < end) {
                assertInstanceOf(BrokerMessage.Pong.class, healthy.call(EntityId.NONE, Command.PING, null));
                pongs++;
                Thread.sleep(50);
            }
            for (Thread sender : senders) {
                sender.join(30_000);
            }
            long grown = ProcessResources.usedHeapAfterGc() - baseline;
            assertTrue(pongs > 10, "the healthy client was served " + pongs + " times");
            assertTrue(refused.get() > 0, "the quota stopped the senders");
            // the queues hold at most their quota, however long the flood goes on
            assertTrue(accepted.get() <= QUEUES * TestServer.TUNING.msgQueueQuota(), "accepted " + accepted);
            // 100 queues x quota 4 x 16 KB stored, plus the subscriber's bounded outgoing queue
            assertTrue(grown < 48L << 20, "heap grew by " + (grown >> 20) + " MiB");
        }
    }

    private void flood(List<TestSmpClient.TestQueue> queues, byte[] body, long end, AtomicInteger accepted,
            AtomicInteger refused) {
        try (TestSmpClient sender = TestSmpClient.connect(server.port(), 18)) {
            for (int i = 0; System.nanoTime() < end; i++) {
                TestSmpClient.TestQueue queue = queues.get(i % queues.size());
                BrokerMessage response = sender.call(queue.sndId(), new Command.Send(MsgFlags.NONE, body), null);
                if (response.equals(BrokerMessage.OK)) {
                    accepted.incrementAndGet();
                } else {
                    assertEquals(BrokerMessage.err(ErrorType.Simple.QUOTA), response);
                    refused.incrementAndGet();
                }
            }
        } catch (IOException e) {
            throw new AssertionError("a sender lost its connection", e);
        }
    }

    @Test
    void mutatedBlocksAfterAValidHandshakeLeaveTheRelayServingAndGiveBackThreadsAndDescriptors() throws Exception {
        long seed = System.nanoTime();
        try (TestSmpClient healthy = TestSmpClient.connect(server.port(), 18)) {
            TestSmpClient.TestQueue own = healthy.createQueue();
            int baselineFds = ProcessResources.openDescriptors();
            int baselineThreads = ProcessResources.platformThreads();
            AtomicLong blocks = new AtomicLong();
            AtomicInteger connections = new AtomicInteger();
            long end = System.nanoTime() + FUZZ_MILLIS * 1_000_000;
            List<Thread> fuzzers = new ArrayList<>();
            for (int f = 0; f < 8; f++) {
                Random random = new Random(seed + f);
                fuzzers.add(Thread.ofVirtual().start(() -> fuzz(random, end, blocks, connections)));
            }
            int served = 0;
            while (System.nanoTime() < end) {
                assertInstanceOf(BrokerMessage.Pong.class, healthy.call(EntityId.NONE, Command.PING, null),
                        "seed " + seed);
                served++;
                Thread.sleep(20);
            }
            for (Thread fuzzer : fuzzers) {
                fuzzer.join(30_000);
            }
            try (TestSmpClient sender = TestSmpClient.connect(server.port(), 18)) {
                assertEquals(BrokerMessage.OK, sender.call(own.sndId(),
                        new Command.Send(MsgFlags.NONE, "after the fuzz".getBytes()), null));
            }
            assertEquals("after the fuzz", new String(TestSmpClient.bodyOf(own, healthy.event(own.rcvId()))));
            assertTrue(served > 10 && blocks.get() > 100, served + " pings, " + blocks + " mutated blocks");
            ProcessResources.awaitAtMost(baselineFds, ProcessResources::openDescriptors, "open descriptors (seed " + seed + ")");
            ProcessResources.awaitAtMost(baselineThreads, ProcessResources::platformThreads,
                    "platform threads (seed " + seed + ")");
        }
    }

    /** Connects again and again, sending valid blocks with a few bytes changed, truncated or extended. */
    private void fuzz(Random random, long end, AtomicLong blocks, AtomicInteger connections) {
        while (System.nanoTime() < end) {
            try (TestSmpClient client = TestSmpClient.connect(server.port(), 6 + random.nextInt(13))) {
                connections.incrementAndGet();
                TestSmpClient.TestQueue queue = client.createQueue();
                Thread drain = Thread.ofVirtual().start(() -> drain(client));
                for (int i = 0; i < 200 && System.nanoTime() < end && drain.isAlive(); i++) {
                    client.sendRaw(mutate(random, valid(client, queue, random)));
                    blocks.incrementAndGet();
                }
                if (random.nextInt(4) == 0) {
                    byte[] garbage = new byte[random.nextInt(20_000)];
                    random.nextBytes(garbage);
                    client.sendBytes(garbage);
                }
            } catch (IOException | RuntimeException e) {
                // the relay may close a connection it cannot make sense of; that is its right
            }
        }
    }

    private static byte[] valid(TestSmpClient client, TestSmpClient.TestQueue queue, Random random) {
        CorrId corrId = TestSmpClient.corrId();
        return switch (random.nextInt(5)) {
            case 0 -> client.transmission(corrId, EntityId.NONE, Command.PING, null);
            case 1 -> client.transmission(corrId, queue.rcvId(), Command.SUB, queue.rcvKey());
            case 2 -> client.transmission(corrId, queue.sndId(),
                    new Command.Send(MsgFlags.NONE, new byte[random.nextInt(2_000)]), null);
            case 3 -> client.transmission(corrId, queue.rcvId(), new Command.Ack(new byte[24]), queue.rcvKey());
            default -> client.transmission(corrId, queue.rcvId(), Command.GET, queue.rcvKey());
        };
    }

    private static byte[] mutate(Random random, byte[] transmission) {
        // a batch of one: count, then the transmission with its 2-byte length
        byte[] block = new byte[3 + transmission.length];
        block[0] = 1;
        block[1] = (byte) (transmission.length >>> 8);
        block[2] = (byte) transmission.length;
        System.arraycopy(transmission, 0, block, 3, transmission.length);
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                    block[random.nextInt(block.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> block = java.util.Arrays.copyOf(block, random.nextInt(block.length));
            case 2 -> {
                int original = block.length;
                block = java.util.Arrays.copyOf(block, Math.min(16_000, original + 1 + random.nextInt(64)));
                for (int i = original; i < block.length; i++) {
                    block[i] = (byte) random.nextInt(256);
                }
            }
            default -> block[random.nextInt(block.length)] = (byte) random.nextInt(256);
        }
        return block;
    }

    private static void drain(TestSmpClient client) {
        try {
            while (true) {
                client.receive();
            }
        } catch (IOException | RuntimeException e) {
            // closed by the relay or by the fuzzer
        }
    }



}
