package dev.relayj.smp.store;

/**
 * One line of a queue's {@code queue_state.<rid>.log} in the reference's journal store
 * ({@code MsgQueueState} and {@code JournalState} with their {@code StrEncoding} in
 * {@code MsgStore/Journal.hs}):
 *
 * <pre>
 * write=&lt;jid&gt;,msgPos,msgCount,bytePos,byteCount read=&lt;jid&gt;,msgPos,msgCount,bytePos,byteCount canWrite=T|F size=N
 * </pre>
 *
 * The journal ids name the message files {@code messages.<jid>.log}. The read journal is read
 * from its {@code bytePos} up to its {@code byteCount}; when the write journal is another file,
 * it follows from its start up to its {@code bytePos}.
 */
record JournalQueueState(Position write, Position read, boolean canWrite, int size) {

    /** Where reading or writing stands in one message file. */
    record Position(String journalId, int msgPos, int msgCount, long bytePos, long byteCount) {
        String encode() {
            return journalId + "," + msgPos + "," + msgCount + "," + bytePos + "," + byteCount;
        }

        static Position parse(String text) {
            String[] parts = text.split(",", -1);
            if (parts.length != 5 || parts[0].isEmpty()) {
                return null;
            }
            try {
                return new Position(parts[0], decimalInt(parts[1]), decimalInt(parts[2]), decimal(parts[3]),
                        decimal(parts[4]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** A queue written from scratch with {@code messages} in one file of {@code bytes} bytes. */
    static JournalQueueState singleFile(String journalId, int messages, long bytes, boolean canWrite) {
        return new JournalQueueState(new Position(journalId, messages, messages, bytes, bytes),
                new Position(journalId, 0, messages, 0, bytes), canWrite, messages);
    }

    boolean sameFile() {
        return read.journalId.equals(write.journalId);
    }

    String encode() {
        return "write=" + write.encode() + " read=" + read.encode() + " canWrite=" + (canWrite ? 'T' : 'F')
                + " size=" + size;
    }

    /** Parses one line (without newline); null when it is not a state line. */
    static JournalQueueState parse(String line) {
        String[] fields = line.split(" ", -1);
        if (fields.length != 4 || !fields[0].startsWith("write=") || !fields[1].startsWith("read=")
                || !fields[2].startsWith("canWrite=") || !fields[3].startsWith("size=")) {
            return null;
        }
        Position write = Position.parse(fields[0].substring("write=".length()));
        Position read = Position.parse(fields[1].substring("read=".length()));
        String canWrite = fields[2].substring("canWrite=".length());
        if (write == null || read == null || !(canWrite.equals("T") || canWrite.equals("F"))) {
            return null;
        }
        try {
            return new JournalQueueState(write, read, canWrite.equals("T"), decimalInt(fields[3].substring(5)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code validQueueState}: the reference refuses to open a queue whose state fails this. */
    boolean valid() {
        boolean alwaysValid = read.msgPos <= read.msgCount && read.bytePos <= read.byteCount
                && write.msgPos == write.msgCount && write.bytePos == write.byteCount;
        if (sameFile()) {
            return alwaysValid && read.msgPos <= write.msgPos && read.msgCount == write.msgCount
                    && read.bytePos <= write.bytePos && read.byteCount == write.byteCount
                    && size == read.msgCount - read.msgPos;
        }
        return alwaysValid && size == write.msgCount + read.msgCount - read.msgPos;
    }

    private static long decimal(String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException(text);
        }
        return Long.parseLong(text);
    }

    private static int decimalInt(String text) {
        long value = decimal(text);
        if (value > Integer.MAX_VALUE) {
            throw new NumberFormatException(text);
        }
        return (int) value;
    }
}
