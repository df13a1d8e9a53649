package dev.relayj.encoding;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Builds a byte string in simplexmq's binary encoding ({@code Simplex.Messaging.Encoding}):
 * big-endian integers, byte strings with a 1-byte length, {@code Large} with a 2-byte length,
 * {@code Tail} with none, Maybe as ASCII {@code 0} / {@code 1}+value, Bool as {@code T}/{@code F},
 * lists with a 1-byte count.
 */
public final class SmpWriter {
    private byte[] buffer;
    private final int start;
    private final boolean fixed;
    private int position;

    public SmpWriter() {
        this(256);
    }

    public SmpWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
        start = 0;
        fixed = false;
    }

    private SmpWriter(byte[] target, int offset) {
        buffer = target;
        start = offset;
        position = offset;
        fixed = true;
    }

    /**
     * A writer into the caller's array from {@code offset} (an outgoing block): it never grows,
     * and running past the array's end is an {@link IndexOutOfBoundsException}.
     */
    public static SmpWriter into(byte[] target, int offset) {
        java.util.Objects.checkIndex(offset, target.length + 1);
        return new SmpWriter(target, offset);
    }

    public SmpWriter writeByte(int b) {
        ensure(1);
        buffer[position++] = (byte) b;
        return this;
    }

    /** A single ASCII character, such as a command tag separator or Maybe tag. */
    public SmpWriter writeChar(char c) {
        return writeByte(c);
    }

    /** ASCII text written as is, with no length (command tags like {@code "NEW "}). */
    public SmpWriter writeAscii(String text) {
        return writeRaw(text.getBytes(StandardCharsets.US_ASCII));
    }

    public SmpWriter writeRaw(byte[] bytes) {
        return writeRaw(bytes, 0, bytes.length);
    }

    public SmpWriter writeRaw(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, position, length);
        position += length;
        return this;
    }

    public SmpWriter writeRaw(ByteView bytes) {
        return writeRaw(bytes.array(), bytes.offset(), bytes.length());
    }

    /** {@code ByteString}: 1-byte length then the bytes; at most 255 bytes. */
    public SmpWriter writeShortBytes(byte[] bytes) {
        if (bytes.length > 255) {
            throw new IllegalArgumentException("a short byte string holds at most 255 bytes, got " + bytes.length);
        }
        writeByte(bytes.length);
        return writeRaw(bytes);
    }

    /** {@code Text} / {@code String}: UTF-8 bytes as a short byte string. */
    public SmpWriter writeShortText(String text) {
        return writeShortBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code Large}: 2-byte length then the bytes; at most 65535 bytes. */
    public SmpWriter writeLarge(byte[] bytes) {
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("a Large byte string holds at most 65535 bytes, got " + bytes.length);
        }
        writeWord16(bytes.length);
        return writeRaw(bytes);
    }

    /** {@code Large} from a view. */
    public SmpWriter writeLarge(ByteView bytes) {
        if (bytes.length() > 0xFFFF) {
            throw new IllegalArgumentException("a Large byte string holds at most 65535 bytes, got " + bytes.length());
        }
        writeWord16(bytes.length());
        return writeRaw(bytes);
    }

    /** {@code Tail}: the bytes with no length; only valid as the last field. */
    public SmpWriter writeTail(byte[] bytes) {
        return writeRaw(bytes);
    }

    public SmpWriter writeWord16(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("not a Word16: " + value);
        }
        writeByte(value >>> 8);
        return writeByte(value);
    }

    public SmpWriter writeWord32(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not a Word32: " + value);
        }
        writeByte((int) (value >>> 24));
        writeByte((int) (value >>> 16));
        writeByte((int) (value >>> 8));
        return writeByte((int) value);
    }

    /** {@code Int64}, also used for {@code SystemTime} (seconds). */
    public SmpWriter writeInt64(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            writeByte((int) (value >>> shift));
        }
        return this;
    }

    public SmpWriter writeBool(boolean value) {
        return writeByte(value ? 'T' : 'F');
    }

    /** Maybe: {@code 0} when absent, {@code 1} followed by the value when present. */
    public <T> SmpWriter writeMaybe(T value, BiConsumer<SmpWriter, T> valueWriter) {
        if (value == null) {
            return writeByte('0');
        }
        writeByte('1');
        valueWriter.accept(this, value);
        return this;
    }

    /** A list (or NonEmpty): 1-byte count then each element. */
    public <T> SmpWriter writeList(List<T> values, BiConsumer<SmpWriter, T> valueWriter) {
        if (values.size() > 255) {
            throw new IllegalArgumentException("a list holds at most 255 elements, got " + values.size());
        }
        writeByte(values.size());
        for (T value : values) {
            valueWriter.accept(this, value);
        }
        return this;
    }

    public SmpWriter writeTail(ByteView bytes) {
        return writeRaw(bytes);
    }

    /**
     * Leaves {@code length} bytes for the caller to fill in the array of {@link #into} (an
     * encryption in place); returns where they start in that array.
     */
    public int reserve(int length) {
        if (!fixed) {
            throw new IllegalStateException("only a writer into the caller's array reserves bytes");
        }
        ensure(length);
        int at = position;
        position += length;
        return at;
    }

    /** Bytes written so far. */
    public int size() {
        return position - start;
    }

    /** The bytes written; the buffer itself, not a copy, when it is exactly full (further writes grow into a new one). */
    public byte[] toByteArray() {
        if (!fixed && position == buffer.length) {
            return buffer;
        }
        return Arrays.copyOfRange(buffer, start, position);
    }

    private void ensure(int extra) {
        int needed = position + extra;
        if (needed > buffer.length) {
            if (fixed) {
                throw new IndexOutOfBoundsException("writing " + extra + " bytes at " + position + " of " + buffer.length);
            }
            buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
        }
    }
}
