package dev.relayj.smp.server;

import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.Command;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sender/recipient pairs, one queue each, recipients subscribed on one relay: each sender SENDs
 * full bodies stamped with their send time, each recipient ACKs every MSG and records SEND -> MSG
 * latency. Closed loop (one message in flight per pair) or paced (a fixed interval per pair, not
 * waiting for delivery). How a SEND reaches the relay is the {@link Sender}'s business, so a direct
 * and a proxied run differ in nothing else.
 */
final class PairLoad implements AutoCloseable {
    /** One sender's way to the recipient's queue: the answer to its SEND. */
    interface Sender extends AutoCloseable {
        BrokerMessage send(TestSmpClient.TestQueue queue, byte[] body) throws IOException;
    }

    /** Opens the sender of one pair. */
    interface SenderFactory {
        Sender open() throws IOException;
    }

    /** Deliveries in a measured time and their SEND -> MSG latencies (sorted, nanoseconds). */
    record Result(long delivered, double seconds, long[] latencies) {
        /** Two measures of the same load as one. */
        Result plus(Result other) {
            long[] all = java.util.stream.LongStream.concat(Arrays.stream(latencies), Arrays.stream(other.latencies))
                    .sorted().toArray();
            return new Result(delivered + other.delivered, seconds + other.seconds, all);
        }

        double perSecond() {
            return delivered / seconds;
        }

        double p50Millis() {
            return percentile(0.50) / 1e6;
        }

        double p99Millis() {
            return percentile(0.99) / 1e6;
        }

        private double percentile(double p) {
            return latencies.length == 0 ? Double.NaN
                    : latencies[Math.min(latencies.length - 1, (int) (latencies.length * p))];
        }
    }

    /** A sender straight to the relay that holds the queue. */
    static SenderFactory direct(int port) {
        return () -> {
            TestSmpClient client = TestSmpClient.connect(port, SmpBench.VERSION);
            return new Sender() {
                @Override
                public BrokerMessage send(TestSmpClient.TestQueue queue, byte[] body) throws IOException {
                    return client.call(queue.sndId(), new Command.Send(dev.relayj.smp.protocol.MsgFlags.NONE, body), null);
                }

                @Override
                public void close() throws IOException {
                    client.close();
                }
            };
        };
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong measuringFrom = new AtomicLong(Long.MAX_VALUE);
    private final List<AckingRecipient> recipients = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * Starts the pairs; {@code intervalNanos} 0 is the closed loop, otherwise each sender sends every
     * interval, the pairs' schedules spread evenly over it.
     */
    PairLoad(int recipientPort, int pairs, SenderFactory senders, int size, long intervalNanos) throws IOException {
        try {
            for (int p = 0; p < pairs; p++) {
                TestSmpClient recipient = TestSmpClient.connect(recipientPort, SmpBench.VERSION);
                resources.add(recipient);
                TestSmpClient.TestQueue queue = recipient.createQueue();
                Sender sender = senders.open();
                resources.add(sender);
                Semaphore inFlight = new Semaphore(1);
                AckingRecipient acking = new AckingRecipient(recipient, Map.of(queue.rcvId(), queue), inFlight, delivered,
                        measuringFrom);
                recipients.add(acking);
                long offset = intervalNanos * p / pairs;
                threads.add(Thread.ofPlatform().daemon().start(() -> acking.receiveLoop(running)));
                threads.add(Thread.ofPlatform().daemon().start(() -> sendLoop(sender, queue, inFlight, size, intervalNanos, offset)));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Lets the load warm up, then measures for the given time. */
    Result measure(int warmupSeconds, int seconds) throws InterruptedException {
        Thread.sleep(warmupSeconds * 1000L);
        long startCount = delivered.get();
        long start = System.nanoTime();
        measuringFrom.set(start);
        Thread.sleep(seconds * 1000L);
        long count = delivered.get() - startCount;
        double elapsed = (System.nanoTime() - start) / 1e9;
        measuringFrom.set(Long.MAX_VALUE);
        long[] all = recipients.stream().flatMapToLong(r -> Arrays.stream(r.latencies())).filter(v -> v > 0).sorted()
                .toArray();
        return new Result(count, elapsed, all);
    }

    private void sendLoop(Sender sender, TestSmpClient.TestQueue queue, Semaphore inFlight, int size,
            long intervalNanos, long offset) {
        long next = System.nanoTime() + offset;
        try {
            while (running.get()) {
                if (intervalNanos == 0) {
                    if (!inFlight.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                } else {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                        continue;
                    }
                    next += intervalNanos;
                }
                byte[] body = new byte[size];
                ByteBuffer.wrap(body).putLong(System.nanoTime());
                BrokerMessage reply = sender.send(queue, body);
                if (reply != BrokerMessage.OK) {
                    System.out.println("SEND: " + reply);
                }
            }
        } catch (Exception e) {
            if (running.get()) {
                System.out.println("sender stopped: " + e);
            }
        }
    }

    @Override
    public void close() {
        running.set(false);
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                // closing after the run: nothing to keep
            }
        }
        for (Thread t : threads) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
