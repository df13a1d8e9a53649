package dev.relayj.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.relayj.crypto.CryptoBox;
import dev.relayj.crypto.SbChainKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BlockTransportTest {
    private static final int BLOCK = SmpVersions.SMP_BLOCK_SIZE;
    private static final byte[] SESSION_ID = "a session id of 32 bytes length!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SECRET = new byte[32];

    static {
        Arrays.fill(SECRET, (byte) 7);
    }

    private static byte[] payload(int index) {
        return ("block " + index).getBytes(StandardCharsets.US_ASCII);
    }

    /** A server-side transport writing to {@code out}: it sends with the first chain, as the reference's server does. */
    private static BlockTransport serverSide(InputStream in, OutputStream out) {
        BlockTransport transport = new BlockTransport(in, out, BLOCK);
        SbChainKey.Pair chains = SbChainKey.init(SESSION_ID, SECRET);
        transport.startEncryption(chains.first(), chains.second());
        return transport;
    }

    private static BlockTransport clientSide(InputStream in, OutputStream out) {
        BlockTransport transport = new BlockTransport(in, out, BLOCK);
        SbChainKey.Pair chains = SbChainKey.init(SESSION_ID, SECRET);
        transport.startEncryption(chains.second(), chains.first());
        return transport;
    }

    @Test
    void plainBlockIsPaddedPayload() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BlockTransport transport = new BlockTransport(InputStream.nullInputStream(), out, BLOCK);
        transport.sendBlock("abc".getBytes(StandardCharsets.US_ASCII));
        byte[] block = out.toByteArray();
        assertEquals(BLOCK, block.length);
        assertArrayEquals(new byte[] {0, 3, 'a', 'b', 'c', '#', '#'}, Arrays.copyOf(block, 7));
        assertEquals('#', block[BLOCK - 1]);
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII),
                new BlockTransport(new ByteArrayInputStream(block), OutputStream.nullOutputStream(), BLOCK).receiveBlock());
    }

    @Test
    void encryptedBlocksFollowTheChainBlockByBlock() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BlockTransport server = serverSide(InputStream.nullInputStream(), out);
        for (int i = 0; i < 3; i++) {
            server.sendBlock(payload(i));
        }
        byte[] wire = out.toByteArray();
        assertEquals(3 * BLOCK, wire.length);
        // tPutBlock: (key, nonce) from sbcHkdf of the send chain, then sbEncrypt to blockSize - 16
        SbChainKey chain = SbChainKey.init(SESSION_ID, SECRET).first();
        for (int i = 0; i < 3; i++) {
            SbChainKey.Step step = chain.next();
            byte[] expected = CryptoBox.sbEncrypt(step.key(), step.nonce(), payload(i), BLOCK - 16);
            assertArrayEquals(expected, Arrays.copyOfRange(wire, i * BLOCK, (i + 1) * BLOCK), "block " + i);
            chain = step.next();
        }
    }

    @Test
    void blocksSentInAReusedBufferAreTheSameOnTheWire() throws Exception {
        ByteArrayOutputStream copied = new ByteArrayOutputStream();
        ByteArrayOutputStream inPlace = new ByteArrayOutputStream();
        BlockTransport byCopy = serverSide(InputStream.nullInputStream(), copied);
        BlockTransport byBuffer = serverSide(InputStream.nullInputStream(), inPlace);
        BlockBuffers buffers = new BlockBuffers(BLOCK, 1);
        byte[] large = new byte[BLOCK - 18];
        Arrays.fill(large, (byte) 'L');
        // a long payload, then short ones in the same buffer: nothing of the long one may remain
        for (byte[] payload : new byte[][] {large, payload(1), new byte[0], payload(3)}) {
            byCopy.sendBlock(payload);
            byte[] buffer = buffers.take();
            System.arraycopy(payload, 0, buffer, byBuffer.payloadOffset(), payload.length);
            byBuffer.sendBlockInPlace(buffer, payload.length);
            buffers.give(buffer);
        }
        assertArrayEquals(copied.toByteArray(), inPlace.toByteArray());
        BlockTransport client = clientSide(new ByteArrayInputStream(inPlace.toByteArray()), OutputStream.nullOutputStream());
        assertArrayEquals(large, client.receiveBlock());
        assertArrayEquals(payload(1), client.receiveBlockView().toByteArray());
        assertEquals(0, client.receiveBlockView().length());
        assertArrayEquals(payload(3), client.receiveBlock());
        TransportException e = assertThrows(TransportException.class,
                () -> byBuffer.sendBlockInPlace(buffers.take(), BLOCK - 17));
        assertEquals(TransportError.Simple.LARGE_MSG, e.error());
    }

    @Test
    void manyEncryptedBlocksRoundTripInBothDirections() throws Exception {
        ByteArrayOutputStream toClient = new ByteArrayOutputStream();
        ByteArrayOutputStream toServer = new ByteArrayOutputStream();
        BlockTransport server = serverSide(InputStream.nullInputStream(), toClient);
        BlockTransport clientWriter = clientSide(InputStream.nullInputStream(), toServer);
        for (int i = 0; i < 100; i++) {
            server.sendBlock(payload(i));
            clientWriter.sendBlock(payload(1000 + i));
        }
        BlockTransport client = clientSide(new ByteArrayInputStream(toClient.toByteArray()), OutputStream.nullOutputStream());
        BlockTransport serverReader = serverSide(new ByteArrayInputStream(toServer.toByteArray()), OutputStream.nullOutputStream());
        for (int i = 0; i < 100; i++) {
            assertArrayEquals(payload(i), client.receiveBlock());
            assertArrayEquals(payload(1000 + i), serverReader.receiveBlock());
        }
    }

    @Test
    void blocksFromTheWrongChainDoNotDecrypt() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serverSide(InputStream.nullInputStream(), out).sendBlock(payload(0));
        // a server reads with the second chain, so it cannot read what a server sent
        BlockTransport otherServer = serverSide(new ByteArrayInputStream(out.toByteArray()), OutputStream.nullOutputStream());
        TransportException e = assertThrows(TransportException.class, otherServer::receiveBlock);
        assertEquals(TransportError.Simple.LARGE_MSG, e.error());
    }

    @Test
    void tamperedBlockIsRejectedAndTheNextStillDecrypts() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BlockTransport server = serverSide(InputStream.nullInputStream(), out);
        for (int i = 0; i < 3; i++) {
            server.sendBlock(payload(i));
        }
        byte[] wire = out.toByteArray();
        wire[BLOCK + 100] ^= 1;
        BlockTransport client = clientSide(new ByteArrayInputStream(wire), OutputStream.nullOutputStream());
        assertArrayEquals(payload(0), client.receiveBlock());
        TransportException e = assertThrows(TransportException.class, client::receiveBlock);
        assertEquals(TransportError.Simple.LARGE_MSG, e.error());
        assertArrayEquals(payload(2), client.receiveBlock());
    }

    @Test
    void plainBlockWithABadLengthIsRejected() {
        byte[] block = new byte[BLOCK];
        block[0] = (byte) 0xFF;
        block[1] = (byte) 0xFF;
        BlockTransport transport = new BlockTransport(new ByteArrayInputStream(block), OutputStream.nullOutputStream(), BLOCK);
        TransportException e = assertThrows(TransportException.class, transport::receiveBlock);
        assertEquals(TransportError.Simple.LARGE_MSG, e.error());
    }

    @Test
    void truncatedStreamIsEndOfFile() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BlockTransport(InputStream.nullInputStream(), out, BLOCK).sendBlock(payload(0));
        byte[] wire = Arrays.copyOf(out.toByteArray(), BLOCK + 100);
        BlockTransport transport = new BlockTransport(new ByteArrayInputStream(wire), OutputStream.nullOutputStream(), BLOCK);
        assertArrayEquals(payload(0), transport.receiveBlock());
        assertThrows(EOFException.class, transport::receiveBlock);
        assertThrows(EOFException.class, transport::receiveBlock);
    }

    @Test
    void blocksArrivingInSmallPiecesAreReassembled() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BlockTransport server = serverSide(InputStream.nullInputStream(), out);
        server.sendBlock(payload(0));
        server.sendBlock(payload(1));
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(out.toByteArray())) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(length, 1000));
            }
        };
        BlockTransport client = clientSide(trickle, OutputStream.nullOutputStream());
        assertArrayEquals(payload(0), client.receiveBlock());
        assertArrayEquals(payload(1), client.receiveBlock());
    }

    @Test
    void payloadLimitsAreTheBlockLessLengthAndTag() throws Exception {
        ByteArrayOutputStream plainOut = new ByteArrayOutputStream();
        BlockTransport plain = new BlockTransport(InputStream.nullInputStream(), plainOut, BLOCK);
        assertEquals(BLOCK - 2, plain.maxPayloadLength());
        plain.sendBlock(new byte[BLOCK - 2]);
        TransportException e = assertThrows(TransportException.class, () -> plain.sendBlock(new byte[BLOCK - 1]));
        assertEquals(TransportError.Simple.LARGE_MSG, e.error());
        assertEquals(BLOCK, plainOut.size());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BlockTransport server = serverSide(InputStream.nullInputStream(), out);
        assertEquals(BLOCK - 18, server.maxPayloadLength());
        assertThrows(TransportException.class, () -> server.sendBlock(new byte[BLOCK - 17]));
        assertEquals(0, out.size());
        server.sendBlock(new byte[BLOCK - 18]);
        // the rejected block did not advance the chain: the peer reads the next one
        BlockTransport client = clientSide(new ByteArrayInputStream(out.toByteArray()), OutputStream.nullOutputStream());
        assertArrayEquals(new byte[BLOCK - 18], client.receiveBlock());
    }

    @Test
    void oneReaderAndOneWriterPerSideRunConcurrently() throws Exception {
        int count = 200;
        try (Loopback loopback = new Loopback();
                ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            BlockTransport server = serverSide(loopback.server.getInputStream(), loopback.server.getOutputStream());
            BlockTransport client = clientSide(loopback.client.getInputStream(), loopback.client.getOutputStream());
            Future<?> serverWriter = executor.submit(() -> {
                for (int i = 0; i < count; i++) {
                    server.sendBlock(payload(i));
                }
                return null;
            });
            Future<?> clientWriter = executor.submit(() -> {
                for (int i = 0; i < count; i++) {
                    client.sendBlock(payload(-i));
                }
                return null;
            });
            Future<?> serverReader = executor.submit(() -> {
                for (int i = 0; i < count; i++) {
                    assertArrayEquals(payload(-i), server.receiveBlock());
                }
                return null;
            });
            for (int i = 0; i < count; i++) {
                assertArrayEquals(payload(i), client.receiveBlock());
            }
            serverWriter.get(10, TimeUnit.SECONDS);
            clientWriter.get(10, TimeUnit.SECONDS);
            serverReader.get(10, TimeUnit.SECONDS);
        }
    }
}
