package dev.relayj.xftp.server;

import dev.relayj.testing.TrustAllTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A browser stand-in: the JDK's HTTP/2 client, which offers ALPN h2 and sends SNI for
 * {@code localhost}, so the relay answers it with the web certificate as it would xftp-web's
 * {@code fetch}. It trusts any certificate: the XFTP handshake proves the server's identity.
 */
final class JdkWebPoster implements TestXftpClient.Poster {
    private final HttpClient client;
    private final URI uri;

    JdkWebPoster(int port) throws Exception {
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .sslContext(TrustAllTls.clientContext("TLS"))
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        uri = URI.create("https://localhost:" + port + "/");
    }

    @Override
    public TestXftpClient.Reply post(byte[] body, Map<String, String> headers) throws Exception {
        return send("POST", body, headers);
    }

    TestXftpClient.Reply send(String method, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.version() != HttpClient.Version.HTTP_2) {
            throw new IllegalStateException("expected HTTP/2, got " + response.version());
        }
        return new TestXftpClient.Reply(response.statusCode(), response.body(), response.headers().map());
    }

    @Override
    public void close() {
        client.close();
    }
}
