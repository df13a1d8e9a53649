package dev.relayj.smp.server;

import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.crypto.X25519Secret;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.Command;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.QueueMode;
import dev.relayj.store.EntityStatus;
import dev.relayj.smp.store.QueueRecord;
import dev.relayj.smp.store.QueueStore;
import dev.relayj.smp.store.QueueStoreLog;
import dev.relayj.smp.store.StoreLogWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.security.SecureRandom;

/** Re-subscription storm: reconnecting clients re-subscribe many queues with batched SUBs. */
final class ResubscribeBench {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ResubscribeBench() {}

    /**
     * A relay restarted on a store log of {@code count} queues; {@code clientCount} clients connect
     * and each re-subscribes its share with batched SUBs (as many per block as fit), as clients do
     * after a network blip. Timed from the first SUB sent to the last SOK received; the clients'
     * signing happens before, since it is not the relay's work.
     */
    static void run(Path dir, int count, int clientCount) throws Exception {
        Files.createDirectories(dir);
        System.out.println("== re-subscription: " + count + " queues, " + clientCount + " reconnecting clients, v"
                + SmpBench.VERSION + ", child-process relay");
        CryptoFloors floors = CryptoFloors.measure();
        TestServer.config(dir, TestServer.Settings.DEFAULT);
        Ed25519PrivateKey[] keys = new Ed25519PrivateKey[count];
        EntityId[] ids = new EntityId[count];
        QueueStore store = new QueueStore();
        long day = System.currentTimeMillis() / 1000 / 86400 * 86400;
        try (StoreLogWriter writer = QueueStoreLog.open(dir.resolve("smp-server-store.log"), store, Clock.systemUTC(),
                false, note -> {})) {
            byte[] id = new byte[24];
            byte[] secret = new byte[32];
            for (int i = 0; i < count; i++) {
                RANDOM.nextBytes(id);
                ids[i] = new EntityId(id);
                RANDOM.nextBytes(id);
                EntityId senderId = new EntityId(id);
                keys[i] = Ed25519PrivateKey.generate(RANDOM);
                RANDOM.nextBytes(secret);
                store.addQueue(ids[i], new QueueRecord(List.of(keys[i].publicKey()), new X25519Secret(secret), senderId,
                        null, QueueMode.MESSAGING, null, null, EntityStatus.ACTIVE, day, null));
            }
        }
        store = null;
        try (ServerProcess server = new ServerProcess(dir, List.of("-Xmx4g"))) {
            List<TestSmpClient> clients = new ArrayList<>();
            List<List<byte[]>> subs = new ArrayList<>();
            for (int c = 0; c < clientCount; c++) {
                TestSmpClient client = TestSmpClient.connect(server.port, SmpBench.VERSION);
                // a client's 10,000 SUBs share the relay with 99 others: answers may pause longer than 10 s
                client.readTimeout(600_000);
                clients.add(client);
                List<byte[]> transmissions = new ArrayList<>();
                for (int i = c; i < count; i += clientCount) {
                    transmissions.add(client.transmission(TestSmpClient.corrId(), ids[i], Command.SUB, keys[i]));
                }
                subs.add(transmissions);
            }
            AtomicLong answered = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < clientCount; c++) {
                TestSmpClient client = clients.get(c);
                List<byte[]> transmissions = subs.get(c);
                threads.add(Thread.ofVirtual().start(() -> client.sendTransmissions(transmissions)));
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (int n = 0; n < transmissions.size(); n++) {
                            BrokerMessage answer = client.receive().message().value();
                            if (!(answer instanceof BrokerMessage.Sok)) {
                                refused.incrementAndGet();
                            }
                            answered.incrementAndGet();
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("re-subscribed %d queues from %d clients in %.1f s (%.0f SUBs/s, %d not SOK); "
                    + "target: 1,000,000 in <= 30 s (%.1f s at this rate); %s%n", answered.get(), clientCount,
                    seconds, answered.get() / seconds, refused.get(), 1_000_000 / (answered.get() / seconds),
                    server.memoryLine());
            System.out.println(floors.line(CryptoFloors.SUB, answered.get() / seconds));
            for (TestSmpClient client : clients) {
                client.close();
            }
        }
    }
}
