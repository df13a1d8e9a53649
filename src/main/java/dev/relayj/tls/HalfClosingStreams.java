package dev.relayj.tls;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * The socket's streams as Bouncy Castle's TLS engine gets them: when the engine closes them (after
 * close_notify), the output is only shut down (FIN) and the input left open, where closing either
 * would close the socket at once. The socket itself is closed by its connection, after lingering.
 */
final class HalfClosingStreams {
    private HalfClosingStreams() {}

    static InputStream input(Socket socket) throws IOException {
        return new FilterInputStream(socket.getInputStream()) {
            @Override
            public void close() {
                // the connection closes the socket when it is done with it
            }
        };
    }

    static OutputStream output(Socket socket) throws IOException {
        return new FilterOutputStream(socket.getOutputStream()) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                try {
                    out.flush();
                } finally {
                    if (!socket.isClosed() && !socket.isOutputShutdown()) {
                        socket.shutdownOutput();
                    }
                }
            }
        };
    }
}
