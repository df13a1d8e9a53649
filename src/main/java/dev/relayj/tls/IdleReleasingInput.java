package dev.relayj.tls;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.bouncycastle.tls.ByteQueue;
import org.bouncycastle.tls.TlsProtocol;

/**
 * The application data stream of a server connection that lets go of Bouncy Castle's record
 * buffer while the connection is idle.
 *
 * <p>Bouncy Castle decrypts each record into a queue whose array grows to 32 KB with the first
 * full-size record and is never shrunk: 32 KB held by every idle connection, the largest part of
 * its memory. Just before a read would wait for the network (nothing decrypted is left and no
 * byte is waiting on the socket) the queue is empty, so its array can go; the next record takes
 * a new one. A connection under load always has bytes waiting and keeps its array.
 *
 * <p>The queue is a private field: reaching it needs Bouncy Castle's package opened to relayj
 * ({@code --add-opens org.bouncycastle.tls/org.bouncycastle.tls=dev.relayj}, as the launchers
 * pass; on the class path it is open anyway). Without that the buffers are kept, as before.
 */
final class IdleReleasingInput extends InputStream {
    private static final System.Logger LOG = System.getLogger(IdleReleasingInput.class.getName());
    private static final MethodHandle APPLICATION_DATA_QUEUE = findQueue();

    private final TlsProtocol protocol;
    private final InputStream records;
    private final InputStream socket;

    IdleReleasingInput(TlsProtocol protocol, InputStream socket) {
        this.protocol = protocol;
        this.records = protocol.getInputStream();
        this.socket = socket;
    }

    /** Whether idle connections release their buffers in this JVM. */
    static boolean releases() {
        return APPLICATION_DATA_QUEUE != null;
    }

    @Override
    public int read() throws IOException {
        releaseWhenIdle();
        return records.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        releaseWhenIdle();
        return records.read(buffer, offset, length);
    }

    @Override
    public int available() throws IOException {
        return records.available();
    }

    @Override
    public void close() throws IOException {
        records.close();
    }

    private void releaseWhenIdle() throws IOException {
        if (APPLICATION_DATA_QUEUE == null || protocol.applicationDataAvailable() > 0 || socket.available() > 0) {
            return;
        }
        try {
            ((ByteQueue) APPLICATION_DATA_QUEUE.invokeExact(protocol)).shrink();
        } catch (Throwable e) {
            throw new IllegalStateException("Bouncy Castle's application data queue", e);
        }
    }

    private static MethodHandle findQueue() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(TlsProtocol.class, MethodHandles.lookup());
            return lookup.findGetter(TlsProtocol.class, "applicationDataQueue", ByteQueue.class)
                    .asType(MethodType.methodType(ByteQueue.class, TlsProtocol.class));
        } catch (ReflectiveOperationException | IllegalArgumentException | SecurityException e) {
            LOG.log(System.Logger.Level.WARNING, "idle connections keep a 32 KB TLS buffer each: start the JVM with"
                    + " --add-opens org.bouncycastle.tls/org.bouncycastle.tls=dev.relayj (" + e.getClass().getSimpleName()
                    + ")");
            return null;
        }
    }
}
