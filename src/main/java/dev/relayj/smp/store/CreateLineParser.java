package dev.relayj.smp.store;

import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.QueueMode;
import java.util.Arrays;

/**
 * Parses the usual CREATE line of a store log straight from its bytes into a packed record: an
 * active queue with its keys, secret and ids, a queue mode and a day of last use, nothing else
 * (millions of these make a big relay's log). Any other line, or anything unusual in one (links,
 * notifiers, a status, older fields, odd padding, bad values), is left to
 * {@link StoreLogRecord#parse}, which then gives the same record or the same error as it always
 * did. One parser per thread: it reuses its buffers.
 */
final class CreateLineParser {
    private static final byte[] TAG = ascii("CREATE rid=");
    private static final byte[] RECIPIENT_KEYS = ascii(" rk=");
    private static final byte[] DH_SECRET = ascii(" rdh=");
    private static final byte[] SENDER_ID = ascii(" sid=");
    private static final byte[] SENDER_KEY = ascii(" sk=");
    private static final byte[] QUEUE_MODE = ascii(" queue_mode=");
    private static final byte[] UPDATED_AT = ascii(" updated_at=");
    private static final int SECRET_LENGTH = 32;
    /** At most 18 digits: no overflow to check. */
    private static final int MAX_DIGITS = 18;
    /** The value of each base64url character, -1 for other bytes. */
    private static final byte[] SEXTETS = new byte[256];

    static {
        Arrays.fill(SEXTETS, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            SEXTETS[alphabet.charAt(i)] = (byte) i;
        }
    }

    private final QueueRecord.Packer packer = new QueueRecord.Packer();
    /** Decoded bytes of the current field: at most an id's 255 bytes, longer fields are left to the full parser. */
    private final byte[] decoded = new byte[255];
    private byte[] line;
    private int position;
    private int end;

    /** Whether the line (without its newline) is a CREATE line, the only kind this parser may take. */
    static boolean isCreate(byte[] line, int from, int to) {
        return to - from >= TAG.length && Arrays.equals(line, from, from + TAG.length, TAG, 0, TAG.length);
    }

    /** The queue of a usual CREATE line, or null to leave the line to {@link StoreLogRecord#parse}. */
    StoreQueue parse(byte[] bytes, int from, int to) {
        line = bytes;
        position = from;
        end = to;
        if (!consume(TAG)) {
            return null;
        }
        int length = base64();
        if (length <= 0) {
            return null;
        }
        EntityId recipientId = new EntityId(Arrays.copyOf(decoded, length));
        if (!consume(RECIPIENT_KEYS)) {
            return null;
        }
        packer.start();
        do {
            length = base64();
            if (length <= 0 || !packer.recipientKey(decoded, 0, length)) {
                return null;
            }
        } while (consume((byte) ','));
        if (!consume(DH_SECRET) || base64() != SECRET_LENGTH) {
            return null;
        }
        packer.secret(decoded, 0);
        if (!consume(SENDER_ID) || (length = base64()) <= 0) {
            return null;
        }
        packer.senderId(decoded, 0, length);
        if (!consume(SENDER_KEY) || (length = base64()) < 0 || !packer.senderKey(decoded, 0, length)) {
            return null;
        }
        QueueMode queueMode = null;
        if (consume(QUEUE_MODE)) {
            queueMode = position < end ? QueueMode.fromCode((char) line[position++]) : null;
            if (queueMode == null) {
                return null;
            }
        }
        long updatedAt = QueueRecord.Packer.NEVER_UPDATED;
        if (consume(UPDATED_AT)) {
            int digits = position;
            long value = 0;
            while (position < end && line[position] >= '0' && line[position] <= '9') {
                value = value * 10 + (line[position++] - '0');
            }
            if (position == digits || position - digits > MAX_DIGITS) {
                return null;
            }
            updatedAt = value;
        }
        return position == end ? new StoreQueue(recipientId, packer.record(queueMode, updatedAt)) : null;
    }

    /**
     * Decodes the base64url field that starts here into {@link #decoded}: its length (0 when
     * empty), or -1 when it is unusual (padding other than the canonical, too long).
     */
    private int base64() {
        int start = position;
        while (position < end && SEXTETS[line[position] & 0xff] >= 0) {
            position++;
        }
        int dataEnd = position;
        while (position < end && line[position] == '=') {
            position++;
        }
        int chars = dataEnd - start;
        int padding = position - dataEnd;
        int tail = chars % 4;
        if (tail == 1 || (padding != 0 && (tail == 0 || padding != 4 - tail))) {
            return -1;
        }
        int length = chars / 4 * 3 + (tail == 0 ? 0 : tail - 1);
        if (length > decoded.length) {
            return -1;
        }
        int o = 0;
        int i = start;
        for (int full = start + chars / 4 * 4; i < full; i += 4) {
            int bits = sextet(i) << 18 | sextet(i + 1) << 12 | sextet(i + 2) << 6 | sextet(i + 3);
            decoded[o++] = (byte) (bits >> 16);
            decoded[o++] = (byte) (bits >> 8);
            decoded[o++] = (byte) bits;
        }
        if (tail == 2) {
            decoded[o] = (byte) ((sextet(i) << 18 | sextet(i + 1) << 12) >> 16);
        } else if (tail == 3) {
            int bits = sextet(i) << 18 | sextet(i + 1) << 12 | sextet(i + 2) << 6;
            decoded[o++] = (byte) (bits >> 16);
            decoded[o] = (byte) (bits >> 8);
        }
        return length;
    }

    private int sextet(int index) {
        return SEXTETS[line[index] & 0xff];
    }

    private boolean consume(byte[] literal) {
        if (end - position >= literal.length
                && Arrays.equals(line, position, position + literal.length, literal, 0, literal.length)) {
            position += literal.length;
            return true;
        }
        return false;
    }

    private boolean consume(byte literal) {
        if (position < end && line[position] == literal) {
            position++;
            return true;
        }
        return false;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
