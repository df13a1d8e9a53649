package dev.relayj.acme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.acme.FakeAcmeServer.Reply;
import dev.relayj.acme.FakeAcmeServer.Request;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CA that misbehaves: each failure is one warning line naming the step, the certificate due for
 * renewal stays in web.crt/web.key untouched, and nothing is reloaded.
 */
@Timeout(60)
class AcmeFailureTest {
    @TempDir
    Path dir;
    private byte[] oldCertificate;
    private byte[] oldKey;
    private final AtomicInteger reloads = new AtomicInteger();
    private final BlockingQueue<String> warnings = new LinkedBlockingQueue<>();

    /** A certificate for localhost past two thirds of its life: the renewal starts at once. */
    @BeforeEach
    void dueCertificate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair key = generator.generateKeyPair();
        Instant now = Instant.now();
        oldCertificate = Pem.encode("CERTIFICATE", CertificateRequests.selfSigned("localhost", key,
                now.minus(Duration.ofDays(2)), now.plus(Duration.ofHours(1)))).getBytes();
        oldKey = Pem.encode("PRIVATE KEY", key.getPrivate().getEncoded()).getBytes();
        Files.write(dir.resolve("web.crt"), oldCertificate);
        Files.write(dir.resolve("web.key"), oldKey);
    }

    @Test
    void malformedDirectory() throws Exception {
        String warning = failWith(r -> json(200, "{\"newNonce\": [1, 2", Map.of()));
        assertTrue(warning.matches("ACME: ACME directory http://127\\.0\\.0\\.1:\\d+/dir: malformed JSON at offset \\d+ .*"
                + "; keeping the current web certificate, retrying in 3600 s"), warning);
    }

    @Test
    void directoryWithoutNewOrder() throws Exception {
        String warning = failWith(r -> json(200, "{\"newNonce\": \"x\", \"newAccount\": \"y\"}", Map.of()));
        assertTrue(warning.contains("no \"newOrder\" string"), warning);
    }

    @Test
    void serverError() throws Exception {
        String warning = failWith(r -> json(503, "<html>maintenance</html>", Map.of()));
        assertTrue(warning.contains("ACME directory") && warning.contains("HTTP 503 <html>maintenance</html>"), warning);
    }

    @Test
    void accountRefused() throws Exception {
        String warning = failWith(ca(r -> r.path().equals("/account")
                ? json(403, "{\"type\":\"urn:ietf:params:acme:error:unauthorized\",\"detail\":\"no accounts today\"}",
                        Map.of("Replay-Nonce", "n2"))
                : null));
        assertTrue(warning.contains("ACME new account: HTTP 403 urn:ietf:params:acme:error:unauthorized no accounts today"),
                warning);
    }

    @Test
    void malformedOrder() throws Exception {
        String warning = failWith(ca(r -> r.path().equals("/order")
                ? json(201, "[\"not an order\"]", Map.of("Location", "@@/order/1", "Replay-Nonce", "n3"))
                : null));
        assertTrue(warning.contains("ACME order: malformed JSON (not an object)"), warning);
    }

    @Test
    void challengeNeverValidates() throws Exception {
        String warning = failWith(ca(r -> null));
        assertTrue(warning.contains("ACME http-01 challenge for localhost not validated within 2 s"), warning);
    }

    @Test
    void caUnreachable() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String warning = run(URI.create("http://127.0.0.1:" + closed + "/dir"));
        assertTrue(warning.contains("CA unreachable"), warning);
        assertOldCertificateKept();
    }

    /**
     * ARI (RFC 9773): a young certificate whose CA suggests a window that has begun is renewed at
     * once, and the new order names the certificate it replaces.
     */
    @Test
    void renewalInformationWindowStartsTheRenewalEarly() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair key = generator.generateKeyPair();
        byte[] keyId = {1, 2, 3, 4};
        Instant now = Instant.now();
        byte[] der = CertificateRequests.selfSigned("localhost", key, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(90)),
                new org.bouncycastle.asn1.x509.Extension(org.bouncycastle.asn1.x509.Extension.authorityKeyIdentifier, false,
                        new org.bouncycastle.asn1.x509.AuthorityKeyIdentifier(keyId).getEncoded()));
        oldCertificate = Pem.encode("CERTIFICATE", der).getBytes();
        Files.write(dir.resolve("web.crt"), oldCertificate);
        java.security.cert.X509Certificate certificate = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory
                .getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(der));
        String id = AcmeRenewer.certificateId(certificate).orElseThrow();
        assertEquals("AQIDBA." + AccountKey.base64Url(certificate.getSerialNumber().toByteArray()), id);

        Function<Request, Reply> routes = ca(r -> switch (r.path()) {
            case "/dir" -> json(200, "{\"newNonce\":\"@@/nonce\",\"newAccount\":\"@@/account\",\"newOrder\":\"@@/order\","
                    + "\"renewalInfo\":\"@@/ari\"}", Map.of());
            default -> r.path().equals("/ari/" + id)
                    ? json(200, "{\"suggestedWindow\":{\"start\":\"" + now.minus(Duration.ofMinutes(10))
                            + "\",\"end\":\"" + now.minus(Duration.ofMinutes(5)) + "\"}}", Map.of())
                    : null;
        });
        String[] base = new String[1];
        try (FakeAcmeServer server = new FakeAcmeServer(r -> {
            Reply reply = routes.apply(r);
            Map<String, String> headers = new java.util.HashMap<>();
            reply.headers().forEach((k, v) -> headers.put(k, v.replace("@@", base[0])));
            return new Reply(reply.status(), headers, reply.body().replace("@@", base[0]));
        })) {
            base[0] = server.url("");
            String warning = run(URI.create(server.url("/dir")));
            assertTrue(warning.contains("not validated within 2 s"), warning);
            String order = server.requests.stream().filter(r -> r.path().equals("/order")).findFirst().orElseThrow().body();
            String payload = Json.parseObject(order, "jws").string("payload").orElseThrow();
            String decoded = new String(java.util.Base64.getUrlDecoder().decode(payload), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals("{\"identifiers\":[{\"type\":\"dns\",\"value\":\"localhost\"}],\"replaces\":\"" + id + "\"}", decoded);
            assertOldCertificateKept();
        }
    }

    /**
     * A CA that answers everything well up to a pending challenge, except where {@code override}
     * answers; "@@" in a reply stands for the server's base URL.
     */
    private static Function<Request, Reply> ca(Function<Request, Reply> override) {
        return r -> {
            Reply special = override.apply(r);
            if (special != null) {
                return special;
            }
            Map<String, String> nonce = Map.of("Replay-Nonce", "n" + System.nanoTime());
            return switch (r.path()) {
                case "/dir" -> json(200, "{\"newNonce\":\"@@/nonce\",\"newAccount\":\"@@/account\",\"newOrder\":\"@@/order\"}",
                        Map.of());
                case "/nonce" -> json(200, "", nonce);
                case "/account" -> json(201, "{\"status\":\"valid\"}", merge(nonce, "Location", "@@/acct/1"));
                case "/order" -> json(201, "{\"status\":\"pending\",\"authorizations\":[\"@@/authz/1\"],"
                        + "\"finalize\":\"@@/finalize\"}", merge(nonce, "Location", "@@/order/1"));
                case "/authz/1" -> json(200, "{\"status\":\"pending\",\"identifier\":{\"type\":\"dns\",\"value\":"
                        + "\"localhost\"},\"challenges\":[{\"type\":\"http-01\",\"url\":\"@@/chall/1\","
                        + "\"token\":\"tok1\",\"status\":\"pending\"}]}", nonce);
                case "/chall/1" -> json(200, "{\"type\":\"http-01\",\"status\":\"processing\"}", nonce);
                default -> json(404, "{\"type\":\"urn:ietf:params:acme:error:malformed\"}", nonce);
            };
        };
    }

    private static Map<String, String> merge(Map<String, String> a, String k, String v) {
        Map<String, String> m = new java.util.HashMap<>(a);
        m.put(k, v);
        return m;
    }

    private String failWith(Function<Request, Reply> routes) throws Exception {
        String[] base = new String[1];
        Function<Request, Reply> withBase = r -> {
            Reply reply = routes.apply(r);
            Map<String, String> headers = new java.util.HashMap<>();
            reply.headers().forEach((k, v) -> headers.put(k, v.replace("@@", base[0])));
            return new Reply(reply.status(), headers, reply.body().replace("@@", base[0]));
        };
        try (FakeAcmeServer server = new FakeAcmeServer(withBase)) {
            base[0] = server.url("");
            String warning = run(URI.create(server.url("/dir")));
            assertOldCertificateKept();
            return warning;
        }
    }

    private String run(URI directory) throws Exception {
        AcmeSettings settings = new AcmeSettings(directory, Optional.empty(), java.util.List.of("localhost"),
                dir.resolve("web.crt"), dir.resolve("web.key"), dir.resolve("acme_account.key"), Duration.ofSeconds(2),
                Duration.ofMillis(200), Duration.ofHours(1), Duration.ofHours(1));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try (AcmeRenewer renewer = new AcmeRenewer(settings, http, new RelayChallenges(null, true), reloads::incrementAndGet,
                warnings::add)) {
            renewer.start();
            String warning = warnings.poll(40, TimeUnit.SECONDS);
            assertNotNull(warning, "no warning within 40 s");
            return warning;
        }
    }

    private void assertOldCertificateKept() throws IOException {
        assertArrayEquals(oldCertificate, Files.readAllBytes(dir.resolve("web.crt")));
        assertArrayEquals(oldKey, Files.readAllBytes(dir.resolve("web.key")));
        assertEquals(0, reloads.get());
        assertTrue(Files.exists(dir.resolve("acme_account.key")));
    }

    private static Reply json(int status, String body, Map<String, String> headers) {
        return new Reply(status, headers, body);
    }
}
