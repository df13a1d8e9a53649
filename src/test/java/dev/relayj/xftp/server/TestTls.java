package dev.relayj.xftp.server;

import dev.relayj.tls.TestTlsClient;
import java.io.IOException;
import java.util.List;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ProtocolVersion;

/**
 * A TLS 1.3 connection to the relay for the tests: offers the given ALPN names (none when null) and
 * SNI host (none when null); its own Finished is the XFTP session id (tls-unique).
 */
final class TestTls implements java.io.Closeable {
    private static final int[] SUITES = {CipherSuite.TLS_CHACHA20_POLY1305_SHA256, CipherSuite.TLS_AES_128_GCM_SHA256};

    private final TestTlsClient client;

    private TestTls(TestTlsClient client) {
        this.client = client;
    }

    static TestTls connect(int port, List<String> alpn, String sni) throws IOException {
        return new TestTls(new TestTlsClient(ProtocolVersion.TLSv13.only(), SUITES, alpn, sni, null).connect(port));
    }

    TestH2Client http2() throws IOException {
        return new TestH2Client(client.input(), client.output(), this);
    }

    /** The application data from the relay, for tests that only watch for the end of the connection. */
    java.io.InputStream input() {
        return client.input();
    }

    /** The application data to the relay, for tests that write raw HTTP/2 frames. */
    java.io.OutputStream output() {
        return client.output();
    }

    byte[] sessionId() {
        return client.parameters().getLocalVerifyData();
    }

    List<byte[]> serverChain() {
        return client.serverChain();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
