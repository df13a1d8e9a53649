package dev.relayj.smp.server;

import dev.relayj.encoding.Base64Url;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.Command;
import dev.relayj.smp.protocol.QueueRequestData;
import dev.relayj.smp.protocol.SubscriptionMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SMP side of {@code tools/test-migration}: it holds the recipients' keys of a few queues
 * while the script moves a relay from the reference's layout to relayj and back. Commands, one per
 * line on stdin; each answers one line starting "ok" or "fail" on stdout:
 *
 * <pre>
 * prepare DIR            queues created (on a relay of its own) into DIR/smp-server-store.log, with
 *                        DIR/smp-server-messages.log in the reference's format (v3 lines)
 * journal DIR            a reference journal directory DIR with messages for the "journal" queue
 * check PORT FP PHASE    every queue answers on the relay at 127.0.0.1:PORT with CA fingerprint FP,
 *                        with the messages PHASE (memory | journal) expects
 * unread DIR             the journal directory DIR, read as the reference reads it, holds exactly
 *                        the messages left unread
 * quit
 * </pre>
 *
 * The message and journal files are written from the reference's formats (MsgStore.hs,
 * MsgStore/Journal.hs), not by relayj's code.
 */
public final class MigrationScenario {
    /** Queue name → the bodies put in it; "memA" is read whole, "memB" and "journal" in part. */
    private static final Map<String, List<String>> MESSAGES = new LinkedHashMap<>();

    static {
        MESSAGES.put("memA", List.of("a1", "a2", "a3"));
        MESSAGES.put("memB", List.of("b1", "b2"));
        MESSAGES.put("journal", List.of("j1", "j2"));
        MESSAGES.put("empty", List.of());
    }

    private final Map<String, TestSmpClient.TestQueue> queues = new LinkedHashMap<>();

    public static void main(String[] args) throws IOException {
        MigrationScenario scenario = new MigrationScenario();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] w = line.trim().split(" +");
            if (w[0].equals("quit")) {
                return;
            }
            try {
                System.out.println("ok " + scenario.run(w));
            } catch (Exception | AssertionError e) {
                System.out.println("fail " + w[0] + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
            }
            System.out.flush();
        }
    }

    private String run(String[] w) throws Exception {
        return switch (w[0]) {
            case "prepare" -> prepare(Path.of(w[1]));
            case "journal" -> journal(Path.of(w[1]));
            case "check" -> check(Integer.parseInt(w[1]), w[2], w[3]);
            case "unread" -> unread(Path.of(w[1]));
            default -> throw new IllegalArgumentException("unknown command " + w[0]);
        };
    }

    private String prepare(Path dir) throws IOException {
        Path relayDir = Files.createTempDirectory("migration-queues");
        try {
            try (TestServer server = TestServer.start(relayDir);
                    TestSmpClient r = TestSmpClient.connect(server.port(), 18)) {
                for (String name : MESSAGES.keySet()) {
                    queues.put(name, r.createQueue(SubscriptionMode.ONLY_CREATE, new QueueRequestData.Messaging(null)));
                }
            }
            Files.createDirectories(dir);
            Files.copy(relayDir.resolve("smp-server-store.log"), dir.resolve("smp-server-store.log"),
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            deleteTree(relayDir);
        }
        StringBuilder log = new StringBuilder();
        for (String name : List.of("memA", "memB")) {
            for (String body : MESSAGES.get(name)) {
                // MsgLogRecord: "v3 " <recipient id> " " <strEncode Message>
                log.append("v3 ").append(queues.get(name).rcvId().toBase64()).append(' ')
                        .append(ReferenceJournalFixture.messageLine(body)).append('\n');
            }
        }
        Files.writeString(dir.resolve("smp-server-messages.log"), log);
        return queues.size() + " queues, 5 messages in the message log";
    }

    private String journal(Path journalDir) throws IOException {
        ReferenceJournalFixture.writeUnreadQueue(journalDir, queues.get("journal").rcvId(), "JJJJJJJJJJJJJJJJ",
                MESSAGES.get("journal"));
        return "2 messages in " + journalDir;
    }

    /** memory: a1..a3 read and acknowledged, b1 read and left; journal: then b1 acknowledged, b2 and j1 read. */
    private String check(int port, String fingerprint, String phase) throws Exception {
        List<String> seen = new ArrayList<>();
        try (TestSmpClient r = TestSmpClient.connect(port, 18, true, Base64Url.decode(fingerprint))) {
            switch (phase) {
                case "memory" -> {
                    expect(List.of("a1", "a2", "a3"), receive(r, "memA", 3, 3), "memA");
                    expect(List.of("b1"), receive(r, "memB", 1, 0), "memB");
                    expect(List.of(), receive(r, "journal", 1, 0), "journal");
                }
                case "journal" -> {
                    expect(List.of(), receive(r, "memA", 1, 0), "memA");
                    expect(List.of("b1", "b2"), receive(r, "memB", 2, 1), "memB");
                    expect(List.of("j1"), receive(r, "journal", 1, 1), "journal");
                }
                default -> throw new IllegalArgumentException("unknown phase " + phase);
            }
            expect(List.of(), receive(r, "empty", 1, 0), "empty");
            seen.addAll(queues.keySet());
        }
        return "queues " + String.join(",", seen) + " answer with the expected messages";
    }

    /** After the journal phase the reference finds memB's b2 and the journal queue's j2 unread. */
    private String unread(Path journalDir) throws Exception {
        expect(List.of("b2"), bodies(ReferenceJournalFixture.MinimalReader.messages(
                ReferenceJournalFixture.queueDir(journalDir, queues.get("memB").rcvId()), queues.get("memB").rcvId())),
                "memB in the journal");
        expect(List.of("j2"), bodies(ReferenceJournalFixture.MinimalReader.messages(
                ReferenceJournalFixture.queueDir(journalDir, queues.get("journal").rcvId()),
                queues.get("journal").rcvId())), "journal in the journal");
        return "the journal holds memB: b2, journal: j2, as the reference reads it";
    }

    private static List<String> bodies(List<String> messageLines) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : messageLines) {
            String[] f = line.split(" ");
            out.add(new String(Base64Url.decode(f[f.length - 1]), StandardCharsets.UTF_8));
        }
        return out;
    }

    /**
     * GETs up to {@code count} messages of a queue, acknowledging the first {@code acks}; stops at
     * the first "no message". A queue the relay does not know fails with its error.
     */
    private List<String> receive(TestSmpClient r, String name, int count, int acks) throws IOException {
        TestSmpClient.TestQueue q = queues.get(name);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BrokerMessage msg = r.call(q.rcvId(), Command.GET, q.rcvKey());
            if (msg == BrokerMessage.OK) {
                break;
            }
            if (!(msg instanceof BrokerMessage.Msg m)) {
                throw new AssertionError(name + ": GET answered " + msg);
            }
            bodies.add(new String(TestSmpClient.bodyOf(q, msg), StandardCharsets.UTF_8));
            if (i < acks) {
                BrokerMessage ack = r.call(q.rcvId(), new Command.Ack(m.msgId()), q.rcvKey());
                if (ack != BrokerMessage.OK && !(ack instanceof BrokerMessage.Msg)) {
                    throw new AssertionError(name + ": ACK answered " + ack);
                }
            }
        }
        return bodies;
    }

    private static void expect(List<String> expected, List<String> actual, String what) {
        if (!expected.equals(actual)) {
            throw new AssertionError(what + ": expected " + expected + ", got " + actual);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
