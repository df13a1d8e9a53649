package dev.relayj.http2;

import static dev.relayj.http2.Http2ErrorCode.ENHANCE_YOUR_CALM;
import static dev.relayj.http2.Http2ErrorCode.FLOW_CONTROL_ERROR;
import static dev.relayj.http2.Http2ErrorCode.PROTOCOL_ERROR;
import static dev.relayj.http2.Http2ErrorCode.REFUSED_STREAM;
import static dev.relayj.http2.Http2ErrorCode.STREAM_CLOSED;
import static dev.relayj.http2.Http2ProtocolException.connectionError;
import static dev.relayj.http2.Http2ProtocolException.streamError;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server side of one HTTP/2 connection (RFC 9113) over a blocking stream pair, typically the
 * plaintext of a TLS connection that negotiated ALPN {@code h2} or {@code xftp/1}.
 *
 * <p>{@link #run()} reads frames on the calling thread until the connection ends. Each request
 * runs the handler on a virtual thread of its own. The connection owns its streams and its
 * flow-control budget: one lock guards both, stream threads wait on it for send window, and every
 * frame goes out through one {@link Http2FrameWriter}, so a stalled stream never holds up another.
 *
 * <p>The caller owns the transport: after {@code run()} returns (or after {@link #shutdown} for a
 * graceful stop) it closes the socket/TLS connection, which also ends a {@code run()} still reading.
 */
public final class Http2Connection {
    private static final int DEFAULT_CONNECTION_WINDOW = 65535;
    /** How many closed stream ids we remember to tell late frames from protocol violations. */
    private static final int CLOSED_STREAMS_REMEMBERED = 256;
    /** How long and how much we read on after an error GOAWAY, see {@link #discardWhatFollows}. */
    private static final Duration LINGER = Duration.ofSeconds(1);
    private static final long LINGER_OCTETS = 4L << 20;
    private static final System.Logger LOG = System.getLogger(Http2Connection.class.getName());

    private final InputStream in;
    private final Http2ServerConfig config;
    private final Http2Handler handler;
    private final Http2FrameWriter writer;
    private final ExecutorService streamThreads =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("h2-stream-", 0).factory());

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever a send window grows, a stream fails or the connection ends. */
    private final Condition windowChanged = lock.newCondition();
    /** Signalled when a stream leaves {@link #streams}. */
    private final Condition streamClosed = lock.newCondition();
    // --- guarded by lock ---
    private final Map<Integer, Http2Stream> streams = new HashMap<>();
    /** Recently closed streams; true when we reset them, so frames the peer had in flight are ignored. */
    private final Map<Integer, Boolean> closedStreams = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
            return size() > CLOSED_STREAMS_REMEMBERED;
        }
    };
    private Http2Settings peerSettings = Http2Settings.PROTOCOL_DEFAULTS;
    private boolean ourSettingsAcked;
    private int lastStreamId;
    /** Handlers still running, reset streams' included: what {@code maxConcurrentStreams} bounds. */
    private int runningHandlers;
    private boolean goingAway;
    private boolean ended;
    private long connectionSendWindow = DEFAULT_CONNECTION_WINDOW;
    private long connectionRecvWindow;
    private int connectionRecvUnacked;

    /**
     * @param in      the client's octets, starting with the connection preface
     * @param out     where our frames go
     * @param config  what we announce and enforce
     * @param handler serves the requests of this connection only
     */
    public Http2Connection(InputStream in, OutputStream out, Http2ServerConfig config, Http2Handler handler) {
        this.in = in;
        this.config = config;
        this.handler = handler;
        this.writer = new Http2FrameWriter(out, config.stallTimeout());
        this.connectionRecvWindow = config.connectionWindowSize();
    }

    /**
     * Serves the connection until the client closes it, a connection error ends it (after our
     * GOAWAY with the error code), or the transport fails (thrown). Then the request body reads and
     * response writes of streams still open fail, so their handlers end soon after.
     */
    public void run() throws IOException {
        Http2FrameReader reader = new Http2FrameReader(in, config);
        FrameDispatcher dispatcher = new FrameDispatcher();
        FloodCounter provokedResets = dispatcher.counter(config.abuse().provokedResets());
        boolean cutOff = false;
        try {
            // §3.4: the server preface is our SETTINGS, which we may send before the client's arrives
            writer.settings(config);
            if (config.connectionWindowSize() > DEFAULT_CONNECTION_WINDOW) {
                writer.windowUpdate(0, config.connectionWindowSize() - DEFAULT_CONNECTION_WINDOW);
            }
            reader.readPreface();
            while (true) {
                try {
                    if (!reader.nextFrame(dispatcher)) {
                        break;
                    }
                } catch (Http2ProtocolException e) {
                    if (e.isConnectionError()) {
                        throw e;
                    }
                    if (provokedResets.tooMany(System.nanoTime())) {
                        // "MadeYouReset": frames that make us reset stream after stream
                        throw connectionError(ENHANCE_YOUR_CALM, "too many stream errors");
                    }
                    resetStream(e.streamId(), e.errorCode());
                }
            }
        } catch (Http2ProtocolException e) {
            int last;
            lock.lock();
            try {
                last = lastStreamId;
            } finally {
                lock.unlock();
            }
            if (e.errorCode() == ENHANCE_YOUR_CALM) {
                LOG.log(System.Logger.Level.INFO, "HTTP/2 connection ended (ENHANCE_YOUR_CALM): " + e.getMessage());
            }
            writer.goAway(last, e.errorCode(), e.getMessage());
            cutOff = true;
        } finally {
            end();
        }
        if (cutOff) {
            discardWhatFollows();
        }
    }

    /**
     * After a GOAWAY for an error the client is usually still sending. Closing with its octets
     * unread would make the close a TCP reset, which can reach the client before it has read our
     * GOAWAY, so the reason would be lost. We read on and drop what comes for a moment, bounded in
     * time and octets; at the deadline the input is closed, which ends a read still waiting.
     */
    private void discardWhatFollows() {
        Thread closer = Thread.ofVirtual().name("h2-linger").start(() -> {
            try {
                Thread.sleep(LINGER);
                in.close();
            } catch (InterruptedException | IOException e) {
                // the drain ended first, or the input is closed already
            }
        });
        try {
            byte[] discard = new byte[16384];
            long total = 0;
            long deadline = System.nanoTime() + LINGER.toNanos();
            while (total < LINGER_OCTETS && System.nanoTime() < deadline) {
                int n = in.read(discard);
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (IOException e) {
            // closed at the deadline, or by the client
        } finally {
            closer.interrupt();
        }
    }

    /**
     * Graceful stop (§6.8): announces GOAWAY with NO_ERROR and the last stream we will serve,
     * refuses newer streams, and waits up to {@code wait} for the open ones to finish. The caller
     * then closes the transport.
     *
     * @return true if every stream finished in time
     */
    public boolean shutdown(Duration wait) throws IOException {
        int last;
        lock.lock();
        try {
            goingAway = true;
            last = lastStreamId;
        } finally {
            lock.unlock();
        }
        writer.goAway(last, Http2ErrorCode.NO_ERROR, "");
        long remaining = wait.toNanos();
        lock.lock();
        try {
            while (!streams.isEmpty() && !ended) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = streamClosed.awaitNanos(remaining);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void end() {
        lock.lock();
        try {
            ended = true;
            IOException closed = new IOException("HTTP/2 connection closed");
            for (Http2Stream s : streams.values()) {
                fail(s, closed);
            }
            streams.clear();
            windowChanged.signalAll();
            streamClosed.signalAll();
        } finally {
            lock.unlock();
        }
        writer.close();
        // Handlers still running see their stream I/O fail and end by themselves; they are not
        // interrupted, since one may be in the middle of storing a file.
        streamThreads.shutdown();
    }

    // ---------------------------------------------------------------- streams

    private void startStream(int id, RequestHead head, boolean endStream) {
        Http2Stream stream;
        lock.lock();
        try {
            stream = new Http2Stream(id, lock.newCondition(), peerSettings.initialWindowSize(),
                    config.initialWindowSize(), head.contentLength());
            stream.remoteEnded = endStream;
            streams.put(id, stream);
            runningHandlers++;
        } finally {
            lock.unlock();
        }
        Http2Request request = new Http2Request(id, head.method(), head.scheme(), head.authority(), head.path(),
                head.headers(), new RequestBodyInput(this, stream));
        streamThreads.execute(() -> serve(stream, request));
    }

    private void serve(Http2Stream stream, Http2Request request) {
        Http2Response response = new Http2Response(this, stream);
        try {
            handler.handle(request, response);
            response.finish();
        } catch (IOException | RuntimeException e) {
            logFailure(stream, request, e);
            failedHandler(stream, response);
        } finally {
            streamDone(stream);
        }
    }

    /** One line: a stream the client gave up is routine, a handler's own failure is not. */
    private void logFailure(Http2Stream stream, Http2Request request, Exception e) {
        boolean clientGone = e instanceof IOException && !isOpen(stream);
        LOG.log(clientGone ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
                "HTTP/2 handler failed on stream " + stream.id + " (" + request.method() + " " + request.path() + "): " + e);
    }

    private void failedHandler(Http2Stream stream, Http2Response response) {
        try {
            if (!response.isCommitted()) {
                response.status(500).send(new byte[0]);
            } else if (isOpen(stream)) {
                resetStream(stream.id, Http2ErrorCode.INTERNAL_ERROR);
            }
        } catch (IOException e) {
            // the connection is gone; nothing left to tell the client
        }
    }

    /**
     * After the handler: a client still sending its body gets RST_STREAM NO_ERROR, which §8.1
     * allows once the response is complete; buffered body octets go back to the connection window.
     */
    private void streamDone(Http2Stream stream) {
        boolean resetStillSending;
        int discarded;
        lock.lock();
        try {
            runningHandlers--;
            boolean removed = streams.remove(stream.id, stream);
            resetStillSending = removed && !stream.remoteEnded && stream.failure == null;
            if (removed) {
                closedStreams.put(stream.id, resetStillSending);
                streamClosed.signalAll();
            }
            discarded = stream.buffered;
            stream.chunks.clear();
            stream.buffered = 0;
            if (stream.failure == null) {
                stream.failure = new IOException("stream closed");
            }
        } finally {
            lock.unlock();
        }
        try {
            if (resetStillSending) {
                writer.rstStream(stream.id, Http2ErrorCode.NO_ERROR);
            }
            returnConnectionWindow(discarded);
        } catch (IOException e) {
            // the connection is ending; its reader reports why
        }
    }

    /**
     * Our END_STREAM is about to go out. If the client's came already the stream is closed (§5.1)
     * from this moment, even while its handler is still returning, so that frames the client sends
     * on it after seeing our END_STREAM are judged as frames on a closed stream.
     */
    private void endingLocally(Http2Stream stream) {
        lock.lock();
        try {
            stream.localEnded = true;
            if (stream.remoteEnded && streams.remove(stream.id, stream)) {
                closedStreams.put(stream.id, false);
                streamClosed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean isOpen(Http2Stream stream) {
        lock.lock();
        try {
            return stream.failure == null;
        } finally {
            lock.unlock();
        }
    }

    /** Stream error (§5.4.2): RST_STREAM to the peer, and the stream's handler sees its I/O fail. */
    private void resetStream(int id, Http2ErrorCode code) throws IOException {
        int discarded = 0;
        lock.lock();
        try {
            Http2Stream stream = streams.remove(id);
            if (stream != null) {
                discarded = stream.buffered;
                fail(stream, new IOException("stream " + id + " reset: " + code));
                streamClosed.signalAll();
            }
            closedStreams.put(id, true);
        } finally {
            lock.unlock();
        }
        writer.rstStream(id, code);
        returnConnectionWindow(discarded);
    }

    /** Caller holds the lock. */
    private void fail(Http2Stream stream, IOException failure) {
        if (stream.failure == null) {
            stream.failure = failure;
        }
        stream.chunks.clear();
        stream.buffered = 0;
        stream.bodyChanged.signalAll();
        windowChanged.signalAll();
    }

    // ---------------------------------------------------------------- request bodies (handler threads)

    /** Waits for body octets at most the stall timeout; then the stream is reset (CANCEL). */
    int readBody(Http2Stream stream, byte[] b, int off, int len) throws IOException {
        lock.lock();
        try {
            long remaining = config.stallTimeout().toNanos();
            while (stream.chunks.isEmpty()) {
                if (stream.failure != null) {
                    throw new IOException(stream.failure.getMessage(), stream.failure);
                }
                if (stream.remoteEnded) {
                    return -1;
                }
                if (remaining <= 0) {
                    break;
                }
                remaining = stream.bodyChanged.awaitNanos(remaining);
            }
            if (!stream.chunks.isEmpty()) {
                return RequestBodyInput.copyFrom(stream, b, off, len);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted reading a request body");
        } finally {
            lock.unlock();
        }
        throw stalled(stream, "no request body octets");
    }

    /** The stream is reset (CANCEL) and its handler gets this failure. */
    private IOException stalled(Http2Stream stream, String what) throws IOException {
        resetStream(stream.id, Http2ErrorCode.CANCEL);
        return new IOException("stream " + stream.id + " stalled: " + what + " for "
                + config.stallTimeout().toSeconds() + " s");
    }

    int bodyAvailable(Http2Stream stream) {
        lock.lock();
        try {
            return stream.buffered;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The handler read {@code n} octets: once half a window has been read, it is returned to the
     * client with WINDOW_UPDATE, for the stream and for the connection.
     */
    void bodyConsumed(Http2Stream stream, int n) throws IOException {
        int streamIncrement = 0;
        lock.lock();
        try {
            if (!stream.remoteEnded && stream.failure == null) {
                stream.recvUnacked += n;
                if (stream.recvUnacked >= Math.max(1, config.initialWindowSize() / 2)) {
                    streamIncrement = stream.recvUnacked;
                    stream.recvWindow += streamIncrement;
                    stream.recvUnacked = 0;
                }
            }
        } finally {
            lock.unlock();
        }
        if (streamIncrement > 0) {
            writer.windowUpdate(stream.id, streamIncrement);
        }
        returnConnectionWindow(n);
    }

    private void returnConnectionWindow(int n) throws IOException {
        if (n <= 0) {
            return;
        }
        int increment = 0;
        lock.lock();
        try {
            connectionRecvUnacked += n;
            if (connectionRecvUnacked >= config.connectionWindowSize() / 2) {
                increment = connectionRecvUnacked;
                connectionRecvWindow += increment;
                connectionRecvUnacked = 0;
            }
        } finally {
            lock.unlock();
        }
        if (increment > 0) {
            writer.windowUpdate(0, increment);
        }
    }

    // ---------------------------------------------------------------- responses (handler threads)

    void sendHeaders(Http2Stream stream, List<HeaderField> fields, boolean endStream) throws IOException {
        int maxFrameSize;
        lock.lock();
        try {
            if (stream.failure != null) {
                throw new IOException(stream.failure.getMessage(), stream.failure);
            }
            maxFrameSize = peerSettings.maxFrameSize();
        } finally {
            lock.unlock();
        }
        if (endStream) {
            endingLocally(stream);
        }
        try {
            writer.headers(stream.id, fields, endStream, maxFrameSize);
        } catch (WriterBusyException e) {
            throw writerStalled(stream, e);
        }
    }

    /** Waited the stall timeout for the writer: like a stall on the window, the stream is cancelled. */
    private IOException writerStalled(Http2Stream stream, WriterBusyException e) throws IOException {
        resetStream(stream.id, Http2ErrorCode.CANCEL);
        return e;
    }

    /** Sends {@code len} octets as DATA frames as the windows allow; END_STREAM goes on the last one. */
    void sendData(Http2Stream stream, byte[] b, int off, int len, boolean endStream) throws IOException {
        if (len == 0) {
            if (endStream) {
                requireOpen(stream);
                endingLocally(stream);
                writeData(stream, b, off, 0, true);
            }
            return;
        }
        while (len > 0) {
            int n = takeSendWindow(stream, len);
            if (endStream && n == len) {
                endingLocally(stream);
            }
            writeData(stream, b, off, n, endStream && n == len);
            off += n;
            len -= n;
        }
    }

    private void writeData(Http2Stream stream, byte[] b, int off, int len, boolean endStream) throws IOException {
        try {
            writer.data(stream.id, b, off, len, endStream);
        } catch (WriterBusyException e) {
            throw writerStalled(stream, e);
        }
    }

    private void requireOpen(Http2Stream stream) throws IOException {
        lock.lock();
        try {
            if (stream.failure != null) {
                throw new IOException(stream.failure.getMessage(), stream.failure);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until both windows are open, then takes as much as one frame may carry. A client that
     * opens no window within the stall timeout gets the stream reset (CANCEL).
     */
    private int takeSendWindow(Http2Stream stream, int wanted) throws IOException {
        lock.lock();
        try {
            long remaining = config.stallTimeout().toNanos();
            while (true) {
                if (stream.failure != null) {
                    throw new IOException(stream.failure.getMessage(), stream.failure);
                }
                long n = Math.min(Math.min(stream.sendWindow, connectionSendWindow),
                        Math.min(peerSettings.maxFrameSize(), wanted));
                if (n > 0) {
                    stream.sendWindow -= n;
                    connectionSendWindow -= n;
                    return (int) n;
                }
                if (remaining <= 0) {
                    break;
                }
                remaining = windowChanged.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for flow-control window");
        } finally {
            lock.unlock();
        }
        throw stalled(stream, "no flow-control window");
    }

    // ---------------------------------------------------------------- frames from the client (reader thread)

    /** Stream-state checks and bookkeeping for each frame; runs on the reader thread only. */
    private final class FrameDispatcher implements Http2FrameReader.Handler {
        private final FloodCounter clientResets = counter(config.abuse().clientResets());
        private final FloodCounter emptyData = counter(config.abuse().emptyDataFrames());
        private final FloodCounter settingsFrames = counter(config.abuse().settingsFrames());
        private final FloodCounter pings = counter(config.abuse().pingFrames());

        FloodCounter counter(int limit) {
            return new FloodCounter(limit, config.abuse().window().toNanos(), System.nanoTime());
        }

        /** A client that makes us queue control frames but does not read them ends here. */
        private void checkControlQueue() throws Http2ProtocolException {
            if (writer.controlQueued() > config.abuse().queuedControlFrames()) {
                throw connectionError(ENHANCE_YOUR_CALM, "client does not read our control frames");
            }
        }

        @Override
        public void headers(int streamId, boolean endStream, List<HeaderField> fields) throws Http2ProtocolException {
            if (!openingNewStream(streamId)) {
                trailers(streamId, endStream, fields);
                return;
            }
            RequestHead head = RequestHead.parse(streamId, fields);
            startStream(streamId, head, endStream);
        }

        @Override
        public void headerListTooLarge(int streamId, boolean endStream) throws Http2ProtocolException {
            if (!openingNewStream(streamId)) {
                throw streamError(streamId, PROTOCOL_ERROR, "trailers too large");
            }
            // §8.2.3 / RFC 6585: answer 431 and take no body
            lock.lock();
            try {
                closedStreams.put(streamId, true);
            } finally {
                lock.unlock();
            }
            // written by a thread of its own: HEADERS may wait for a writer held by a blocked stream
            streamThreads.execute(() -> {
                try {
                    writer.headers(streamId, List.of(new HeaderField(":status", "431")), true,
                            Http2Settings.MIN_MAX_FRAME_SIZE);
                    if (!endStream) {
                        writer.rstStream(streamId, Http2ErrorCode.NO_ERROR);
                    }
                } catch (IOException e) {
                    // the connection is ending or the client does not read; its reader sees to it
                }
            });
        }

        /**
         * Sorts a HEADERS frame's stream: true for a new stream that we accept (its id becomes the
         * last one); false for an open stream (trailers). Everything else raises the matching error.
         */
        private boolean openingNewStream(int streamId) throws Http2ProtocolException {
            lock.lock();
            try {
                if (streams.containsKey(streamId)) {
                    return false;
                }
                if (streamId <= lastStreamId) {
                    Boolean resetByUs = closedStreams.get(streamId);
                    if (resetByUs == null) {
                        // §5.1.1: stream ids only grow
                        throw connectionError(PROTOCOL_ERROR, "HEADERS on stream " + streamId + " below " + lastStreamId);
                    }
                    throw resetByUs
                            ? streamError(streamId, STREAM_CLOSED, "HEADERS on reset stream " + streamId)
                            : connectionError(STREAM_CLOSED, "HEADERS on closed stream " + streamId);
                }
                if ((streamId & 1) == 0) {
                    throw connectionError(PROTOCOL_ERROR, "client opened even stream " + streamId);
                }
                if (goingAway) {
                    // §6.8: after GOAWAY, newer streams are ignored; the client retries elsewhere
                    closedStreams.put(streamId, true);
                    throw streamError(streamId, REFUSED_STREAM, "stream after GOAWAY");
                }
                lastStreamId = streamId;
                if (runningHandlers >= config.maxConcurrentStreams()) {
                    // §5.1.2
                    throw streamError(streamId, REFUSED_STREAM, "over SETTINGS_MAX_CONCURRENT_STREAMS");
                }
                return true;
            } finally {
                lock.unlock();
            }
        }

        private void trailers(int streamId, boolean endStream, List<HeaderField> fields) throws Http2ProtocolException {
            lock.lock();
            try {
                Http2Stream stream = streams.get(streamId);
                if (stream.remoteEnded) {
                    // §5.1 half-closed (remote)
                    throw streamError(streamId, STREAM_CLOSED, "HEADERS after END_STREAM");
                }
                if (!endStream) {
                    throw streamError(streamId, PROTOCOL_ERROR, "trailers without END_STREAM");
                }
                RequestHead.checkTrailers(streamId, fields);
                endBody(stream);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void data(int streamId, boolean endStream, byte[] data, int offset, int length, int flowControlled)
                throws Http2ProtocolException {
            if (flowControlled == 0 && !endStream && emptyData.tooMany(System.nanoTime())) {
                throw connectionError(ENHANCE_YOUR_CALM, "too many empty DATA frames");
            }
            int giveBack;
            try {
                giveBack = acceptData(streamId, endStream, data, offset, length, flowControlled);
            } catch (Http2ProtocolException e) {
                if (!e.isConnectionError()) {
                    giveBack(flowControlled);
                }
                throw e;
            }
            giveBack(giveBack);
        }

        /** @return octets that no handler will read, to go back to the connection window at once */
        private int acceptData(int streamId, boolean endStream, byte[] data, int offset, int length,
                int flowControlled) throws Http2ProtocolException {
            lock.lock();
            try {
                // §6.9.1: the connection window counts every DATA frame, whatever its stream's state
                if (flowControlled > connectionRecvWindow) {
                    throw connectionError(FLOW_CONTROL_ERROR, "DATA beyond the connection window");
                }
                connectionRecvWindow -= flowControlled;
                Http2Stream stream = streams.get(streamId);
                if (stream == null) {
                    if (streamId > lastStreamId) {
                        throw connectionError(PROTOCOL_ERROR, "DATA on idle stream " + streamId);
                    }
                    if (!Boolean.TRUE.equals(closedStreams.get(streamId))) {
                        // §6.1: not open or half-closed (local)
                        throw streamError(streamId, STREAM_CLOSED, "DATA on closed stream " + streamId);
                    }
                    // §5.4.2: frames the client sent before it saw our RST_STREAM
                    return flowControlled;
                }
                if (stream.remoteEnded) {
                    throw streamError(streamId, STREAM_CLOSED, "DATA after END_STREAM");
                }
                // until the client acknowledges our SETTINGS it may still assume the 65535 default
                long allowed = stream.recvWindow
                        + (ourSettingsAcked ? 0 : Math.max(0, 65535 - config.initialWindowSize()));
                if (flowControlled > allowed) {
                    throw streamError(streamId, FLOW_CONTROL_ERROR, "DATA beyond the stream window");
                }
                long received = stream.received + length;
                if (stream.declaredLength >= 0
                        && (received > stream.declaredLength || endStream && received != stream.declaredLength)) {
                    // §8.1.1
                    throw streamError(streamId, PROTOCOL_ERROR, "body length differs from content-length");
                }
                stream.recvWindow -= flowControlled;
                stream.received = received;
                if (length > 0) {
                    stream.chunks.addLast(ByteBuffer.wrap(data, offset, length));
                    stream.buffered += length;
                    stream.bodyChanged.signalAll();
                }
                if (endStream) {
                    endBody(stream);
                }
                return flowControlled - length;
            } finally {
                lock.unlock();
            }
        }

        private void giveBack(int n) throws Http2ProtocolException {
            try {
                returnConnectionWindow(n);
            } catch (IOException e) {
                throw connectionError(Http2ErrorCode.INTERNAL_ERROR, "cannot write: " + e.getMessage());
            }
            checkControlQueue();
        }

        /** Caller holds the lock. */
        private void endBody(Http2Stream stream) throws Http2ProtocolException {
            if (stream.declaredLength >= 0 && stream.received != stream.declaredLength) {
                throw streamError(stream.id, PROTOCOL_ERROR, "body shorter than content-length");
            }
            stream.remoteEnded = true;
            stream.bodyChanged.signalAll();
            if (stream.localEnded && streams.remove(stream.id, stream)) {
                closedStreams.put(stream.id, false);
                streamClosed.signalAll();
            }
        }

        @Override
        public void rstStream(int streamId, Http2ErrorCode code) throws Http2ProtocolException {
            lock.lock();
            try {
                if (streamId > lastStreamId) {
                    throw connectionError(PROTOCOL_ERROR, "RST_STREAM on idle stream " + streamId);
                }
                Http2Stream stream = streams.remove(streamId);
                if (stream != null) {
                    fail(stream, new IOException("stream " + streamId + " reset by the client: " + code));
                    closedStreams.put(streamId, false);
                    streamClosed.signalAll();
                    if (clientResets.tooMany(System.nanoTime())) {
                        // rapid reset, CVE-2023-44487
                        throw connectionError(ENHANCE_YOUR_CALM, "too many streams reset by the client");
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void settings(List<Http2Settings.Setting> settings) throws Http2ProtocolException {
            if (settingsFrames.tooMany(System.nanoTime())) {
                throw connectionError(ENHANCE_YOUR_CALM, "too many SETTINGS frames");
            }
            lock.lock();
            try {
                Http2Settings updated = peerSettings.apply(settings);
                long delta = (long) updated.initialWindowSize() - peerSettings.initialWindowSize();
                if (delta != 0) {
                    // §6.9.2: the change applies to every open stream's window
                    for (Http2Stream s : streams.values()) {
                        if (s.sendWindow + delta > Http2Settings.MAX_WINDOW_SIZE) {
                            throw connectionError(FLOW_CONTROL_ERROR, "stream window overflow");
                        }
                    }
                    for (Http2Stream s : streams.values()) {
                        s.sendWindow += delta;
                    }
                    windowChanged.signalAll();
                }
                peerSettings = updated;
            } finally {
                lock.unlock();
            }
            try {
                writer.settingsAck();
            } catch (IOException e) {
                throw connectionError(Http2ErrorCode.INTERNAL_ERROR, "cannot write: " + e.getMessage());
            }
            checkControlQueue();
        }

        @Override
        public void settingsAck() {
            lock.lock();
            try {
                ourSettingsAcked = true;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void ping(boolean ack, byte[] opaque) throws Http2ProtocolException {
            if (ack) {
                return;
            }
            if (pings.tooMany(System.nanoTime())) {
                throw connectionError(ENHANCE_YOUR_CALM, "too many PING frames");
            }
            try {
                writer.pingAck(opaque);
            } catch (IOException e) {
                // the next read fails as well and ends the connection
            }
            checkControlQueue();
        }

        @Override
        public void goAway(int lastStreamId, Http2ErrorCode code, String debug) {
            // the client starts no more streams; those open run to completion
        }

        @Override
        public void windowUpdate(int streamId, int increment) throws Http2ProtocolException {
            lock.lock();
            try {
                if (streamId == 0) {
                    if (increment == 0) {
                        throw connectionError(PROTOCOL_ERROR, "WINDOW_UPDATE of 0 on the connection");
                    }
                    if (connectionSendWindow + increment > Http2Settings.MAX_WINDOW_SIZE) {
                        throw connectionError(FLOW_CONTROL_ERROR, "connection window overflow");
                    }
                    connectionSendWindow += increment;
                    windowChanged.signalAll();
                    return;
                }
                if (streamId > lastStreamId) {
                    throw connectionError(PROTOCOL_ERROR, "WINDOW_UPDATE on idle stream " + streamId);
                }
                if (increment == 0) {
                    throw streamError(streamId, PROTOCOL_ERROR, "WINDOW_UPDATE of 0");
                }
                Http2Stream stream = streams.get(streamId);
                if (stream == null) {
                    return;
                }
                if (stream.sendWindow + increment > Http2Settings.MAX_WINDOW_SIZE) {
                    throw streamError(streamId, FLOW_CONTROL_ERROR, "stream window overflow");
                }
                stream.sendWindow += increment;
                windowChanged.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
