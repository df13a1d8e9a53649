package dev.relayj.tls;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsFatalAlert;

/**
 * Runs the client side of TLS with a relay over a connected socket, made directly or through a
 * SOCKS proxy ({@code runTLSTransportClient} and {@code mkTLSClientParams} in simplexmq's
 * {@code Transport/Client.hs}).
 */
public final class TlsClient {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TlsClient() {}

    /**
     * Handshakes on the socket within the settings' timeout. On failure the socket is closed.
     *
     * @throws ServerCertificateException when the server's chain is not its identity or not valid
     * @throws SocketTimeoutException when the handshake takes longer than the timeout
     * @throws IOException when TLS fails otherwise or the connection ends
     */
    public static ClientTlsConnection handshake(Socket socket, TlsClientSettings settings) throws IOException {
        try {
            DeadlineInput input = new DeadlineInput(socket, System.nanoTime() + settings.handshakeTimeout().toNanos());
            TlsClientProtocol protocol = new TlsClientProtocol(input, socket.getOutputStream());
            RelayTlsClient client = new RelayTlsClient(new RelayTlsCrypto(RANDOM), settings);
            try {
                protocol.connect(client);
            } catch (TlsFatalAlert e) {
                if (client.certificateFailure() != null) {
                    throw client.certificateFailure();
                }
                throw e;
            }
            input.clearDeadline();
            return new ClientTlsConnection(socket, protocol, client);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * The socket's input with a deadline for the handshake: before each read the socket's timeout is
     * set to the time left, so a peer that sends slowly cannot stretch the handshake.
     */
    private static final class DeadlineInput extends FilterInputStream {
        private final Socket socket;
        private final long deadline;
        private volatile boolean limited = true;

        DeadlineInput(Socket socket, long deadline) throws IOException {
            super(socket.getInputStream());
            this.socket = socket;
            this.deadline = deadline;
        }

        void clearDeadline() throws IOException {
            limited = false;
            socket.setSoTimeout(0);
        }

        private void beforeRead() throws IOException {
            if (!limited) {
                return;
            }
            long remaining = Math.ceilDiv(deadline - System.nanoTime(), 1_000_000L);
            if (remaining <= 0) {
                throw new SocketTimeoutException("TLS handshake timed out");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remaining));
        }

        @Override
        public int read() throws IOException {
            beforeRead();
            return super.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            beforeRead();
            return super.read(buffer, offset, length);
        }
    }
}
