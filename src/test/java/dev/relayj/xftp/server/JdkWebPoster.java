package dev.relayj.xftp.server;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A browser stand-in: the JDK's HTTP/2 client, which offers ALPN h2 and sends SNI for
 * {@code localhost}, so the relay answers it with the web certificate as it would xftp-web's
 * {@code fetch}. It trusts any certificate: the XFTP handshake proves the server's identity.
 */
final class JdkWebPoster implements TestXftpClient.Poster {
    private final HttpClient client;
    private final URI uri;

    JdkWebPoster(int port) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAll()}, null);
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .sslContext(context)
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

    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
