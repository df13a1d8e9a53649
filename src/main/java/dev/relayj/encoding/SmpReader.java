package dev.relayj.encoding;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads simplexmq's binary encoding from a byte array slice, the mirror of {@link SmpWriter}.
 * Never reads outside its slice: running short is a {@link DecodingException}.
 */
public final class SmpReader {
    private final byte[] data;
    private final int start;
    private final int end;
    private int position;

    /** Reads one element of type T; may throw on bad input. */
    @FunctionalInterface
    public interface ElementReader<T> {
        T read(SmpReader reader) throws DecodingException;
    }

    public SmpReader(byte[] data) {
        this(data, 0, data.length);
    }

    /** Reads the view's bytes in place. */
    public SmpReader(ByteView view) {
        this(view.array(), view.offset(), view.length());
    }

    public SmpReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + data.length);
        }
        this.data = data;
        this.start = offset;
        this.position = offset;
        this.end = offset + length;
    }

    public int remaining() {
        return end - position;
    }

    public boolean atEnd() {
        return position == end;
    }

    /** Fails unless all input was consumed (simplexmq's {@code parseAll}). */
    public void expectEnd() throws DecodingException {
        if (!atEnd()) {
            throw new DecodingException(remaining() + " unexpected trailing bytes");
        }
    }

    /** The next byte (0..255) without consuming it, or -1 at the end. */
    public int peek() {
        return atEnd() ? -1 : data[position] & 0xFF;
    }

    public int readByte() throws DecodingException {
        require(1);
        return data[position++] & 0xFF;
    }

    public char readChar() throws DecodingException {
        return (char) readByte();
    }

    /** Consumes the given ASCII character or fails. */
    public void expectChar(char expected) throws DecodingException {
        int actual = readByte();
        if (actual != expected) {
            throw new DecodingException("expected '" + expected + "', got byte " + actual);
        }
    }

    /** Consumes the given ASCII text if it is next; tells whether it was. */
    public boolean consumeIfNext(String text) {
        if (remaining() < text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (data[position + i] != (byte) text.charAt(i)) {
                return false;
            }
        }
        position += text.length();
        return true;
    }

    public byte[] take(int length) throws DecodingException {
        if (length < 0) {
            throw new DecodingException("negative length " + length);
        }
        require(length);
        byte[] out = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return out;
    }

    /** {@code ByteString}: 1-byte length then the bytes. */
    public byte[] readShortBytes() throws DecodingException {
        return take(readByte());
    }

    /** {@code Text}: a short byte string that must be valid UTF-8. */
    public String readShortText() throws DecodingException {
        byte[] bytes = readShortBytes();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DecodingException("invalid UTF-8 text");
        }
    }

    /** {@code Large}: 2-byte length then the bytes. */
    public byte[] readLarge() throws DecodingException {
        return take(readWord16());
    }

    /** {@code Tail}: all that is left. */
    public byte[] readTail() {
        byte[] out = Arrays.copyOfRange(data, position, end);
        position = end;
        return out;
    }

    /** {@code Large} as a view of the input: the reader's array must not change while the view lives. */
    public ByteView readLargeView() throws DecodingException {
        int length = readWord16();
        require(length);
        ByteView view = ByteView.ofOwned(data, position, length);
        position += length;
        return view;
    }

    /** {@code Tail} as a view of the input, as {@link #readLargeView()}. */
    public ByteView readTailView() {
        ByteView view = ByteView.ofOwned(data, position, end - position);
        position = end;
        return view;
    }

    /**
     * {@code prefix} then the {@code Tail}, as one view: the prefix is written over the bytes this
     * reader has consumed just before the tail when there are enough of them, else it is a copy.
     * Only for input that is the caller's to overwrite and whose consumed bytes are spent (a
     * received block whose authorization has been read out): the one exception to a view's array
     * never being written.
     */
    public ByteView readTailOverSpent(byte[] prefix) {
        int tailLength = end - position;
        ByteView view;
        if (position - start >= prefix.length) {
            System.arraycopy(prefix, 0, data, position - prefix.length, prefix.length);
            view = ByteView.ofOwned(data, position - prefix.length, prefix.length + tailLength);
        } else {
            byte[] joined = Arrays.copyOf(prefix, prefix.length + tailLength);
            System.arraycopy(data, position, joined, prefix.length, tailLength);
            view = ByteView.ofOwned(joined, 0, joined.length);
        }
        position = end;
        return view;
    }

    public int readWord16() throws DecodingException {
        return (readByte() << 8) | readByte();
    }

    public long readWord32() throws DecodingException {
        return ((long) readWord16() << 16) | readWord16();
    }

    public long readInt64() throws DecodingException {
        return (readWord32() << 32) | readWord32();
    }

    public boolean readBool() throws DecodingException {
        return switch (readByte()) {
            case 'T' -> true;
            case 'F' -> false;
            default -> throw new DecodingException("invalid Bool");
        };
    }

    /** Maybe: {@code 0} gives null, {@code 1} gives the value read by {@code elementReader}. */
    public <T> T readMaybe(ElementReader<T> elementReader) throws DecodingException {
        return switch (readByte()) {
            case '0' -> null;
            case '1' -> elementReader.read(this);
            default -> throw new DecodingException("invalid Maybe tag");
        };
    }

    /** A list: 1-byte count then the elements. */
    public <T> List<T> readList(ElementReader<T> elementReader) throws DecodingException {
        int count = readByte();
        List<T> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(elementReader.read(this));
        }
        return List.copyOf(values);
    }

    /** A NonEmpty list: as a list, but a count of zero is an error. */
    public <T> List<T> readNonEmptyList(ElementReader<T> elementReader) throws DecodingException {
        if (peek() == 0) {
            throw new DecodingException("empty list");
        }
        return readList(elementReader);
    }

    private void require(int length) throws DecodingException {
        if (length > remaining()) {
            throw new DecodingException("needed " + length + " bytes, " + remaining() + " left");
        }
    }
}
