package dev.relayj.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A loopback SOCKS5 proxy that sends every CONNECT to one local port, whatever the destination, and
 * records the destination names and usernames it was given.
 */
public final class ForwardingSocksProxy implements AutoCloseable {
    public final BlockingQueue<String> destinations = new LinkedBlockingQueue<>();
    public final BlockingQueue<String> usernames = new LinkedBlockingQueue<>();
    private final ServerSocket listener;
    private final int targetPort;
    private final Thread acceptor;

    public ForwardingSocksProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Thread.ofVirtual().start(() -> serve(client));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    private void serve(Socket client) {
        try (client; Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
            client.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            in.readUnsignedByte();
            byte[] methods = new byte[in.readUnsignedByte()];
            in.readFully(methods);
            out.write(new byte[] {5, methods[0]});
            if (methods[0] == 2) {
                in.readUnsignedByte();
                byte[] user = new byte[in.readUnsignedByte()];
                in.readFully(user);
                in.readFully(new byte[in.readUnsignedByte()]);
                usernames.add(new String(user, StandardCharsets.UTF_8));
                out.write(new byte[] {1, 0});
            }
            byte[] head = new byte[4];
            in.readFully(head);
            byte[] name = new byte[head[3] == 3 ? in.readUnsignedByte() : head[3] == 1 ? 4 : 16];
            in.readFully(name);
            int port = in.readUnsignedShort();
            destinations.add((head[3] == 3 ? new String(name, StandardCharsets.US_ASCII) : "ip") + ":" + port);
            out.write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
            out.flush();
            client.setSoTimeout(0);
            Thread back = Thread.ofVirtual().start(() -> pipe(target, client));
            pipe(client, target);
            back.join(5000);
        } catch (IOException | InterruptedException e) {
            // the test sees the failure on its side
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16384];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    @Override
    public void close() throws Exception {
        listener.close();
        acceptor.join(5000);
    }
}
