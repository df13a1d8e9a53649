package dev.relayj.smp.server;

import dev.relayj.tls.ConnectionHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accepted, closed and open sockets of each listening port, with the thread serving each open one
 * ({@code SocketState} in Transport/Server.hs, shown by the control port's {@code sockets} and
 * {@code socket-threads}).
 */
final class SocketCounters {
    private final Map<String, Port> ports = new ConcurrentSkipListMap<>();

    private static final class Port {
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong closed = new AtomicLong();
        final Map<Long, Thread> open = new ConcurrentHashMap<>();
    }

    /** Wraps a port's handler so that every connection it serves is counted. */
    ConnectionHandler counting(int port, ConnectionHandler handler) {
        Port counters = ports.computeIfAbsent(Integer.toString(port), p -> new Port());
        return connection -> {
            long socketId = counters.accepted.incrementAndGet();
            counters.open.put(socketId, Thread.currentThread());
            try {
                handler.handle(connection);
            } finally {
                counters.open.remove(socketId);
                counters.closed.incrementAndGet();
            }
        };
    }

    /** The counters of one port; {@code leaked = accepted - closed - active}. */
    record PortSockets(String port, long accepted, long closed, long active, long leaked) {}

    /** A thread serving an open socket. */
    record SocketThread(String port, long socketId, Thread thread) {}

    List<PortSockets> sockets() {
        List<PortSockets> rows = new ArrayList<>();
        ports.forEach((port, c) -> {
            long accepted = c.accepted.get();
            long closed = c.closed.get();
            long active = c.open.size();
            rows.add(new PortSockets(port, accepted, closed, active, accepted - closed - active));
        });
        return rows;
    }

    List<SocketThread> socketThreads() {
        List<SocketThread> rows = new ArrayList<>();
        ports.forEach((port, c) -> c.open.forEach((id, thread) ->
                rows.add(new SocketThread(port, id, thread))));
        return rows;
    }
}
