package dev.relayj.encoding;

import java.util.Arrays;
import java.util.Objects;
import java.util.zip.Checksum;

/**
 * Immutable bytes that may be a slice of a larger array: how a message body travels from the
 * block it arrived in to the journal and to the recipient's block without being copied on the way.
 * The array is never written once a view of it exists: {@link #ofOwned} is for arrays their
 * creator hands over (a freshly decrypted block), {@link #copyOf} for everything else.
 */
public final class ByteView {
    public static final ByteView EMPTY = new ByteView(new byte[0], 0, 0);

    private final byte[] array;
    private final int offset;
    private final int length;

    private ByteView(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    /** A view of a copy of the bytes. */
    public static ByteView copyOf(byte[] bytes) {
        return new ByteView(bytes.clone(), 0, bytes.length);
    }

    /** A view of {@code length} bytes at {@code offset}; the caller never writes the array again. */
    public static ByteView ofOwned(byte[] array, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, array.length);
        return new ByteView(array, offset, length);
    }

    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    public int byteAt(int index) {
        Objects.checkIndex(index, length);
        return array[offset + index] & 0xFF;
    }

    /** A view of part of these bytes, sharing the array. */
    public ByteView slice(int from, int sliceLength) {
        Objects.checkFromIndexSize(from, sliceLength, length);
        return new ByteView(array, offset + from, sliceLength);
    }

    /**
     * These bytes on an array of their own when they are less than half of the array they are a
     * slice of: a small message kept in a queue does not keep its whole 16 KB block alive.
     */
    public ByteView detached() {
        return 2 * length >= array.length ? this : new ByteView(toByteArray(), 0, length);
    }

    public void copyTo(byte[] target, int targetOffset) {
        System.arraycopy(array, offset, target, targetOffset, length);
    }

    public byte[] toByteArray() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    public void updateChecksum(Checksum checksum) {
        checksum.update(array, offset, length);
    }

    /** A primitive that reads bytes where they are and never writes them (a signature check). */
    @FunctionalInterface
    public interface InPlaceReader<T> {
        T read(byte[] array, int offset, int length);
    }

    /** Gives the bytes where they are to a primitive that only reads them. */
    public <T> T read(InPlaceReader<T> reader) {
        return reader.read(array, offset, length);
    }

    /** For {@link SmpReader} and {@link SmpWriter}, which read the array without copying it. */
    byte[] array() {
        return array;
    }

    int offset() {
        return offset;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ByteView view
                && Arrays.equals(array, offset, offset + length, view.array, view.offset, view.offset + view.length);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + array[i];
        }
        return hash;
    }

    @Override
    public String toString() {
        return "ByteView[" + length + " bytes]";
    }
}
