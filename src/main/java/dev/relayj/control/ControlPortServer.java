package dev.relayj.control;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running control port: plain TCP on 127.0.0.1, one virtual thread per session, lines in and
 * lines out, usable with {@code nc} or {@code telnet}. Sessions past {@code maxSessions} are
 * closed on accept, idle sessions are closed by a reaper, and {@link #close()} ends the listener
 * and every session. Nothing a client sends reaches beyond its own session.
 */
public final class ControlPortServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ControlPortServer.class.getName());

    private final ControlPortConfig config;
    private final ControlDialect dialect;
    private final ServerSocket listener;
    private final Map<Socket, ControlSession> sessions = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread acceptor;
    private final Thread reaper;

    private ControlPortServer(ControlPortConfig config, ControlDialect dialect) throws IOException {
        this.config = config;
        this.dialect = dialect;
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), config.port()), 1024);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        this.listener = socket;
        this.acceptor = Thread.ofVirtual().name("control port server").unstarted(this::acceptLoop);
        this.reaper = Thread.ofVirtual().name("control port reaper").unstarted(this::reapLoop);
    }

    /** Starts the SMP server's control port ({@code "SMP server control port"}). */
    public static ControlPortServer startSmp(ControlPortConfig config, SmpControlTarget target) throws IOException {
        return start(config, new SmpControl(target, config.clock()));
    }

    /** Starts the XFTP server's control port ({@code "XFTP server control port"}). */
    public static ControlPortServer startXftp(ControlPortConfig config, XftpControlTarget target) throws IOException {
        return start(config, new XftpControl(target));
    }

    static ControlPortServer start(ControlPortConfig config, ControlDialect dialect) throws IOException {
        ControlPortServer server = new ControlPortServer(config, dialect);
        server.acceptor.start();
        server.reaper.start();
        return server;
    }

    /** The port bound, which differs from the configured one only when that was 0. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Sessions open now. */
    public int sessionCount() {
        return sessions.size();
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closed.get()) {
                    LOG.log(System.Logger.Level.ERROR, "control port accept failed: " + e.getMessage());
                    close();
                }
                return;
            }
            if (sessions.size() >= config.maxSessions()) {
                LOG.log(System.Logger.Level.WARNING, "control port: too many sessions, connection refused");
                closeQuietly(socket);
                continue;
            }
            try {
                OutputStream out = new BufferedOutputStream(socket.getOutputStream());
                ControlSession session = new ControlSession(out, config.passwords());
                sessions.put(socket, session);
                if (closed.get()) {
                    sessions.remove(socket);
                    closeQuietly(socket);
                    return;
                }
                Thread.ofVirtual().name("control port client").start(() -> serve(socket, session, out));
            } catch (IOException e) {
                sessions.remove(socket);
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket, ControlSession session, OutputStream out) {
        try (socket) {
            out.write(dialect.banner().getBytes(StandardCharsets.UTF_8));
            session.flush();
            LineReader lines = new LineReader(socket.getInputStream(), config.maxLineLength(), session::progressed);
            byte[] line;
            while ((line = lines.next()) != null) {
                if (line == LineReader.TOO_LONG) {
                    session.println("error: line longer than " + config.maxLineLength() + " bytes");
                } else if (!dialect.handle(line, session)) {
                    break;
                }
                session.flush();
            }
        } catch (SocketException e) {
            // closed by the peer, the reaper or close()
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "control port session ended: " + e);
        } finally {
            sessions.remove(socket);
        }
    }

    private void reapLoop() {
        long timeout = config.idleTimeout().toNanos();
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(timeout / 4, TimeUnit.SECONDS.toNanos(1)));
        while (!closed.get()) {
            try {
                TimeUnit.NANOSECONDS.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
            sessions.forEach((socket, session) -> {
                if (session.idleLongerThan(timeout)) {
                    closeQuietly(socket);
                }
            });
        }
    }

    /** Stops accepting and closes every session; a session inside a server call ends when it returns. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            listener.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "control port: closing the listener failed: " + e.getMessage());
        }
        reaper.interrupt();
        sessions.keySet().forEach(ControlPortServer::closeQuietly);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
