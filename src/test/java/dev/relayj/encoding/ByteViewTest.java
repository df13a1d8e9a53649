package dev.relayj.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class ByteViewTest {
    private static final byte[] BYTES = {1, 2, 3, 4, 5, 6, 7, 8};

    @Test
    void aSliceSeesOnlyItsBytes() {
        ByteView view = ByteView.ofOwned(BYTES.clone(), 2, 4);
        assertEquals(4, view.length());
        assertArrayEquals(new byte[] {3, 4, 5, 6}, view.toByteArray());
        assertEquals(6, view.byteAt(3));
        assertThrows(IndexOutOfBoundsException.class, () -> view.byteAt(4));
        assertArrayEquals(new byte[] {4, 5}, view.slice(1, 2).toByteArray());
        assertThrows(IndexOutOfBoundsException.class, () -> view.slice(3, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> ByteView.ofOwned(BYTES, 6, 3));
        byte[] target = new byte[6];
        view.copyTo(target, 1);
        assertArrayEquals(new byte[] {0, 3, 4, 5, 6, 0}, target);
    }

    @Test
    void equalityIsByContentWhateverTheArray() {
        ByteView slice = ByteView.ofOwned(BYTES.clone(), 2, 4);
        ByteView copy = ByteView.copyOf(new byte[] {3, 4, 5, 6});
        assertEquals(copy, slice);
        assertEquals(copy.hashCode(), slice.hashCode());
        assertNotEquals(copy, ByteView.copyOf(new byte[] {3, 4, 5}));
        assertEquals(ByteView.EMPTY, ByteView.ofOwned(BYTES, 8, 0));
    }

    @Test
    void copyOfDoesNotSeeLaterChangesToItsSource() {
        byte[] source = BYTES.clone();
        ByteView view = ByteView.copyOf(source);
        source[0] = 99;
        assertEquals(1, view.byteAt(0));
    }

    @Test
    void aSmallSliceIsDetachedFromItsLargeArray() {
        byte[] block = new byte[1000];
        ByteView large = ByteView.ofOwned(block, 10, 900);
        assertSame(large, large.detached());
        ByteView small = ByteView.ofOwned(block, 10, 100);
        ByteView detached = small.detached();
        assertEquals(small, detached);
        block[10] = 42;
        assertEquals(42, small.byteAt(0));
        assertEquals(0, detached.byteAt(0));
    }

    @Test
    void readersAndWritersUseTheViewInPlace() throws DecodingException {
        byte[] encoded = new SmpWriter().writeLarge(ByteView.copyOf(new byte[] {9, 8, 7})).writeTail(ByteView.copyOf(new byte[] {6}))
                .toByteArray();
        assertArrayEquals(new byte[] {0, 3, 9, 8, 7, 6}, encoded);
        SmpReader reader = new SmpReader(ByteView.ofOwned(encoded, 0, encoded.length));
        assertEquals(ByteView.copyOf(new byte[] {9, 8, 7}), reader.readLargeView());
        assertEquals(ByteView.copyOf(new byte[] {6}), reader.readTailView());
        CRC32C viewCrc = new CRC32C();
        ByteView.ofOwned(encoded, 2, 3).updateChecksum(viewCrc);
        CRC32C arrayCrc = new CRC32C();
        arrayCrc.update(new byte[] {9, 8, 7});
        assertEquals(arrayCrc.getValue(), viewCrc.getValue());
    }

    @Test
    void aWriterIntoACallersArrayWritesInPlaceAndNeverGrows() {
        byte[] target = new byte[8];
        SmpWriter writer = SmpWriter.into(target, 2);
        writer.writeWord16(0x0102);
        int reserved = writer.reserve(3);
        assertEquals(4, reserved);
        assertEquals(5, writer.size());
        assertArrayEquals(new byte[] {0, 0, 1, 2, 0, 0, 0, 0}, target);
        writer.writeByte(7);
        assertThrows(IndexOutOfBoundsException.class, () -> writer.writeWord16(1));
        assertThrows(IllegalStateException.class, () -> new SmpWriter().reserve(1));
    }

    @Test
    void aPrefixGoesOverSpentBytesWhenThereIsRoomElseIntoACopy() throws DecodingException {
        byte[] input = {9, 9, 9, 9, 'a', 'b', 'c'};
        SmpReader reader = new SmpReader(ByteView.ofOwned(input, 0, input.length));
        reader.take(4);
        ByteView joined = reader.readTailOverSpent(new byte[] {1, 2});
        assertEquals(ByteView.copyOf(new byte[] {1, 2, 'a', 'b', 'c'}), joined);
        assertArrayEquals(new byte[] {9, 9, 1, 2, 'a', 'b', 'c'}, input, "written in place");
        assertTrue(reader.atEnd());

        byte[] tight = {9, 'a', 'b'};
        SmpReader short_ = new SmpReader(ByteView.ofOwned(tight, 0, tight.length).slice(1, 2));
        ByteView copied = short_.readTailOverSpent(new byte[] {1, 2});
        assertEquals(ByteView.copyOf(new byte[] {1, 2, 'a', 'b'}), copied);
        assertArrayEquals(new byte[] {9, 'a', 'b'}, tight, "a reader never writes before its own slice");
    }

    @Test
    void aPrimitiveReadsTheBytesWhereTheyAre() {
        byte[] array = {0, 1, 2, 3};
        ByteView view = ByteView.ofOwned(array, 1, 2);
        assertEquals("1+2 of 4", view.read((data, offset, length) -> offset + "+" + length + " of " + data.length));
    }
}
