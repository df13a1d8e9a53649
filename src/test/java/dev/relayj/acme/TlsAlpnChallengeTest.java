package dev.relayj.acme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.relayj.testing.TrustAllTls;
import dev.relayj.tls.AcmeTlsChallenges;
import dev.relayj.tls.ServerCertificates;
import dev.relayj.tls.ServerCredentials;
import dev.relayj.tls.SignAlgorithm;
import dev.relayj.tls.TlsListener;
import dev.relayj.tls.TlsSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.ASN1OctetString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS-ALPN-01 (RFC 8737) on a relay listener, without a CA: a validator offering only
 * {@code acme-tls/1} with the challenged name gets the challenge certificate and a closed
 * connection; relay clients are served as before, and nothing is answered once withdrawn.
 */
@Timeout(60)
class TlsAlpnChallengeTest {
    @TempDir
    Path dir;

    @Test
    void challengeCertificateOnlyForAcmeAlpnAndTheChallengedName() throws Exception {
        ServerCertificates.createCaAndServer(dir, SignAlgorithm.ED448, "localhost");
        ServerCredentials relay = ServerCredentials.load(dir.resolve("ca.crt"), dir.resolve("server.crt"),
                dir.resolve("server.key"));
        AcmeTlsChallenges challenges = new AcmeTlsChallenges();
        RelayChallenges responder = new RelayChallenges(challenges, false);
        TlsSettings settings = new TlsSettings(relay, null, List.of("smp/1"), TlsSettings.DEFAULT_HANDSHAKE_TIMEOUT, false);
        try (TlsListener listener = TlsListener.open("127.0.0.1", 0, settings, connection -> {
            connection.output().write("relay".getBytes(StandardCharsets.US_ASCII));
            connection.output().flush();
        })) {
            listener.answerAcmeChallenges(challenges);
            responder.publish(RelayChallenges.TLS_ALPN_01, "relay.example", "tok", "tok.thumb");

            try (SSLSocket validator = connect(listener.port(), "acme-tls/1", "relay.example")) {
                assertEquals("acme-tls/1", validator.getApplicationProtocol());
                X509Certificate certificate = (X509Certificate) validator.getSession().getPeerCertificates()[0];
                byte[] extension = certificate.getExtensionValue("1.3.6.1.5.5.7.1.31");
                byte[] digest = ASN1OctetString.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getOctets();
                assertArrayEquals(MessageDigest.getInstance("SHA-256").digest("tok.thumb".getBytes(StandardCharsets.US_ASCII)),
                        digest);
                assertEquals(List.of(List.of(2, "relay.example")), List.copyOf(certificate.getSubjectAlternativeNames()));
                assertEquals(-1, validator.getInputStream().read(), "closed right after the handshake");
            }
            try (SSLSocket client = connect(listener.port(), "smp/1", "relay.example")) {
                assertEquals("smp/1", client.getApplicationProtocol());
                assertEquals(relay.chain().get(0), client.getSession().getPeerCertificates()[0]);
                assertEquals("relay", new String(client.getInputStream().readNBytes(5), StandardCharsets.US_ASCII));
            }
            // another name, or the challenge withdrawn: acme-tls/1 alone is refused
            assertThrows(IOException.class, () -> connect(listener.port(), "acme-tls/1", "other.example").close());
            responder.withdraw(RelayChallenges.TLS_ALPN_01, "relay.example", "tok");
            assertThrows(IOException.class, () -> connect(listener.port(), "acme-tls/1", "relay.example").close());
        }
    }

    private static SSLSocket connect(int port, String alpn, String serverName) throws Exception {
        SSLSocket socket = (SSLSocket) TrustAllTls.clientContext("TLS").getSocketFactory().createSocket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            SSLParameters params = socket.getSSLParameters();
            params.setApplicationProtocols(new String[] {alpn});
            params.setServerNames(List.of(new SNIHostName(serverName)));
            socket.setSSLParameters(params);
            socket.startHandshake();
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }
}
