package dev.relayj.smp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.encoding.Base64Url;
import dev.relayj.protocol.EntityId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes a journal directory as simplexmq's journal store ({@code MsgStore/Journal.hs}) leaves it,
 * from the format alone (not by relayj's code): per queue a {@code queue_state.<id>.log} of state
 * lines and {@code messages.<journal id>.log} files of {@code strEncode}d messages.
 */
final class ReferenceJournalFixture {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private ReferenceJournalFixture() {}

    /** {@code msgQueueDirectory} with {@code journalMsgStoreDepth} = 5 (Env/STM.hs): 2/2/2/2/rest. */
    static Path queueDir(Path journalDir, EntityId rid) {
        String id = Base64Url.encode(rid.bytes());
        return journalDir.resolve(id.substring(0, 2)).resolve(id.substring(2, 4)).resolve(id.substring(4, 6))
                .resolve(id.substring(6, 8)).resolve(id.substring(8));
    }

    static Path statePath(Path journalDir, EntityId rid) {
        return queueDir(journalDir, rid).resolve("queue_state." + Base64Url.encode(rid.bytes()) + ".log");
    }

    private static byte[] nextMsgId() {
        int n = COUNTER.incrementAndGet();
        byte[] msgId = new byte[24];
        msgId[0] = (byte) n;
        msgId[1] = (byte) (n >> 8);
        return msgId;
    }

    /** {@code strEncode} of a {@code Message} (Protocol.hs): {@code <msgId> <ts> flags=F <body>}. */
    static String messageLine(String body) {
        return Base64Url.encode(nextMsgId()) + " " + (System.currentTimeMillis() / 1000 - COUNTER.get()) + " flags=F "
                + Base64Url.encode(body.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code strEncode} of {@code MessageQuota}. */
    static String quotaLine() {
        return Base64Url.encode(nextMsgId()) + " " + (System.currentTimeMillis() / 1000) + " quota";
    }

    /** {@code strEncode} of {@code MsgQueueState} / {@code JournalState}. */
    static String stateLine(String wj, int wMsgs, long wBytes, String rj, int rPos, int rCount, long rBytePos,
            long rByteCount, boolean canWrite, int size) {
        return "write=" + wj + "," + wMsgs + "," + wMsgs + "," + wBytes + "," + wBytes + " read=" + rj + "," + rPos + ","
                + rCount + "," + rBytePos + "," + rByteCount + " canWrite=" + (canWrite ? "T" : "F") + " size=" + size
                + "\n";
    }

    static long bytes(List<String> lines, int count) {
        long n = 0;
        for (int i = 0; i < count; i++) {
            n += lines.get(i).length() + 1;
        }
        return n;
    }

    static String join(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    /**
     * A queue with one journal file holding {@code bodies}, none read: one state line per write,
     * as the reference appends them ({@code updateQueueState} with {@code log' = True}).
     */
    static void writeUnreadQueue(Path journalDir, EntityId rid, String journalId, List<String> bodies)
            throws IOException {
        List<String> lines = bodies.stream().map(ReferenceJournalFixture::messageLine).toList();
        Files.createDirectories(queueDir(journalDir, rid));
        Files.writeString(queueDir(journalDir, rid).resolve("messages." + journalId + ".log"), join(lines));
        StringBuilder state = new StringBuilder();
        for (int n = 1; n <= lines.size(); n++) {
            state.append(stateLine(journalId, n, bytes(lines, n), journalId, 0, n, 0, bytes(lines, n), true, n));
        }
        Files.writeString(statePath(journalDir, rid), state);
    }

    /**
     * Reads a queue the way {@code getJournalQueueMessages} does: the last line of the state file,
     * then the read file from its byte position to its byte count and, if the write file is
     * another one, that file up to its byte position.
     */
    static final class MinimalReader {
        private static final Pattern STATE = Pattern.compile("write=([^,]+),(\\d+),(\\d+),(\\d+),(\\d+) "
                + "read=([^,]+),(\\d+),(\\d+),(\\d+),(\\d+) canWrite=([TF]) size=(\\d+)");

        static Matcher lastState(Path queueDir, EntityId rid) throws IOException {
            List<String> lines = Files.readAllLines(
                    queueDir.resolve("queue_state." + Base64Url.encode(rid.bytes()) + ".log"), StandardCharsets.US_ASCII);
            Matcher m = STATE.matcher(lines.get(lines.size() - 1));
            assertTrue(m.matches(), "state line: " + lines.get(lines.size() - 1));
            return m;
        }

        static List<String> messages(Path queueDir, EntityId rid) throws IOException {
            Matcher m = lastState(queueDir, rid);
            // validQueueState: write position at the end of the write file
            assertEquals(m.group(2), m.group(3));
            assertEquals(m.group(4), m.group(5));
            List<String> out = new ArrayList<>(range(queueDir, m.group(6), Long.parseLong(m.group(9)),
                    Long.parseLong(m.group(10))));
            if (!m.group(1).equals(m.group(6))) {
                out.addAll(range(queueDir, m.group(1), 0, Long.parseLong(m.group(4))));
            }
            assertEquals(Integer.parseInt(m.group(12)), out.size(), "size= counts the unread messages");
            return out;
        }

        private static List<String> range(Path queueDir, String journalId, long from, long to) throws IOException {
            byte[] all = Files.readAllBytes(queueDir.resolve("messages." + journalId + ".log"));
            assertEquals(to, all.length, "the message file ends where the state says");
            String text = new String(all, (int) from, (int) (to - from), StandardCharsets.US_ASCII);
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        }
    }
}
