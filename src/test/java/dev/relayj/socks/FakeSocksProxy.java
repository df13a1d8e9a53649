package dev.relayj.socks;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A loopback SOCKS5 proxy for one connection, whose side of the exchange each test scripts. */
final class FakeSocksProxy implements AutoCloseable {
    /** What the proxy does with the accepted connection. */
    @FunctionalInterface
    interface Script {
        void run(DataInputStream in, OutputStream out) throws IOException;
    }

    /** What a client asked for in its CONNECT request. */
    record Request(int addressType, byte[] address, int port) {}

    private final ServerSocket listener;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Thread thread;

    FakeSocksProxy(Script script) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = Thread.ofVirtual().start(() -> {
            try (Socket socket = listener.accept()) {
                socket.setSoTimeout(5000);
                script.run(new DataInputStream(socket.getInputStream()), socket.getOutputStream());
                done.complete(null);
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    /** Waits for the script to finish and rethrows what it failed with. */
    void awaitScript() throws Exception {
        done.get(5, TimeUnit.SECONDS);
    }

    /** Reads the greeting and answers with the given method. Returns the offered methods. */
    static byte[] greet(DataInputStream in, OutputStream out, int chosenMethod) throws IOException {
        int version = in.readUnsignedByte();
        if (version != 5) {
            throw new IOException("greeting version " + version);
        }
        byte[] methods = new byte[in.readUnsignedByte()];
        in.readFully(methods);
        out.write(new byte[] {5, (byte) chosenMethod});
        out.flush();
        return methods;
    }

    /** Reads an RFC 1929 request: username and password. */
    static byte[][] readCredentials(DataInputStream in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != 1) {
            throw new IOException("auth version " + version);
        }
        byte[] username = new byte[in.readUnsignedByte()];
        in.readFully(username);
        byte[] password = new byte[in.readUnsignedByte()];
        in.readFully(password);
        return new byte[][] {username, password};
    }

    static Request readConnect(DataInputStream in) throws IOException {
        byte[] head = new byte[4];
        in.readFully(head);
        if (head[0] != 5 || head[1] != 1 || head[2] != 0) {
            throw new IOException("bad CONNECT head");
        }
        int type = head[3];
        byte[] address = switch (type) {
            case 1 -> new byte[4];
            case 4 -> new byte[16];
            case 3 -> new byte[in.readUnsignedByte()];
            default -> throw new IOException("address type " + type);
        };
        in.readFully(address);
        return new Request(type, address, in.readUnsignedShort());
    }

    static void reply(OutputStream out, int code) throws IOException {
        out.write(new byte[] {5, (byte) code, 0, 1, 127, 0, 0, 1, 0x1F, (byte) 0x90});
        out.flush();
    }

    /** Echoes bytes until the client closes. */
    static void echo(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[256];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            out.flush();
        }
    }

    @Override
    public void close() throws Exception {
        listener.close();
        thread.join(5000);
    }
}
