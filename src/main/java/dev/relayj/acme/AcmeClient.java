package dev.relayj.acme;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One ACME account at one CA (RFC 8555): fetches the directory, registers (or finds) the account,
 * and runs an order through authorization, challenge, finalization and download. Every request
 * has a timeout and every wait for the CA is bounded by {@code validationTimeout}.
 */
final class AcmeClient {
    private static final String USER_AGENT = "relayj-acme";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_BODY_CHARS = 1 << 20;

    private final HttpClient http;
    private final URI directoryUrl;
    private final AccountKey key;
    private final Optional<String> email;
    private final Duration validationTimeout;
    private final Duration pollInterval;
    private final Clock clock;
    private Directory directory;
    private String accountUrl;
    private String nonce;

    record Directory(String newNonce, String newAccount, String newOrder, Optional<String> renewalInfo) {}

    /** The issued chain, PEM as downloaded (leaf first). */
    record Issued(String chainPem) {}

    AcmeClient(HttpClient http, URI directoryUrl, AccountKey key, Optional<String> email, Duration validationTimeout,
            Duration pollInterval, Clock clock) {
        this.http = http;
        this.directoryUrl = directoryUrl;
        this.key = key;
        this.email = email;
        this.validationTimeout = validationTimeout;
        this.pollInterval = pollInterval;
        this.clock = clock;
    }

    String thumbprint() {
        return key.thumbprint();
    }

    Directory directory() throws AcmeException {
        if (directory == null) {
            Reply reply = send(HttpRequest.newBuilder(directoryUrl).GET(), "directory " + directoryUrl);
            Json.Obj d = Json.parseObject(reply.body, "ACME directory " + directoryUrl);
            String what = "ACME directory " + directoryUrl;
            directory = new Directory(d.requireString("newNonce", what), d.requireString("newAccount", what),
                    d.requireString("newOrder", what), d.string("renewalInfo"));
        }
        return directory;
    }

    /**
     * Runs one order for {@code names} to the downloaded chain.
     *
     * @param replacesOrNull the ARI certificate id of the certificate this one replaces (RFC 9773 section 5)
     */
    Issued order(List<String> names, KeyPair certificateKey, ChallengeResponder responder, String replacesOrNull)
            throws AcmeException {
        Directory dir = directory();
        ensureAccount(dir);
        List<Json> identifiers = new ArrayList<>();
        for (String name : names) {
            identifiers.add(Json.obj("type", Json.str("dns"), "value", Json.str(name)));
        }
        Json.Obj request = replacesOrNull == null ? Json.obj("identifiers", new Json.Arr(identifiers))
                : Json.obj("identifiers", new Json.Arr(identifiers), "replaces", Json.str(replacesOrNull));
        Reply created = post(dir.newOrder(), Json.write(request), "new order");
        String orderUrl = created.header("Location")
                .orElseThrow(() -> new AcmeException("ACME new order: no Location header in the reply"));
        Json.Obj order = Json.parseObject(created.body, "ACME order");
        for (Json authorization : order.array("authorizations")) {
            if (!(authorization instanceof Json.Str url)) {
                throw new AcmeException("ACME order: malformed authorizations list");
            }
            authorize(url.value(), responder);
        }
        order = waitForOrder(orderUrl, "ready");
        String finalizeUrl = order.requireString("finalize", "ACME order");
        byte[] csr = CertificateRequests.create(names, certificateKey);
        post(finalizeUrl, Json.write(Json.obj("csr", Json.str(AccountKey.base64Url(csr)))), "finalize");
        order = waitForOrder(orderUrl, "valid");
        String certificateUrl = order.requireString("certificate", "ACME order");
        Reply chain = post(certificateUrl, "", "certificate download");
        if (!chain.body.contains("-----BEGIN CERTIFICATE-----")) {
            throw new AcmeException("ACME certificate download: the reply holds no PEM certificate");
        }
        return new Issued(chain.body);
    }

    /** ARI: the window the CA suggests for renewing the certificate with this id, if it offers ARI. */
    Optional<RenewalWindow> renewalInfo(String certificateId) throws AcmeException {
        Optional<String> base = directory().renewalInfo();
        if (base.isEmpty()) {
            return Optional.empty();
        }
        String url = base.get().endsWith("/") ? base.get() + certificateId : base.get() + "/" + certificateId;
        Reply reply = send(HttpRequest.newBuilder(URI.create(url)).GET(), "renewal information");
        Json.Obj info = Json.parseObject(reply.body, "ACME renewal information");
        Json.Obj window = info.object("suggestedWindow")
                .orElseThrow(() -> new AcmeException("ACME renewal information: no suggestedWindow"));
        Instant start = instant(window.requireString("start", "ACME renewal information"));
        Instant end = instant(window.requireString("end", "ACME renewal information"));
        if (end.isBefore(start)) {
            throw new AcmeException("ACME renewal information: window ends before it starts");
        }
        return Optional.of(new RenewalWindow(start, end));
    }

    record RenewalWindow(Instant start, Instant end) {}

    private void ensureAccount(Directory dir) throws AcmeException {
        if (accountUrl != null) {
            return;
        }
        Json.Obj payload = email.isPresent()
                ? Json.obj("termsOfServiceAgreed", new Json.Bool(true), "contact",
                        new Json.Arr(List.of(Json.str("mailto:" + email.get()))))
                : Json.obj("termsOfServiceAgreed", new Json.Bool(true));
        Reply reply = post(dir.newAccount(), Json.write(payload), "new account");
        accountUrl = reply.header("Location")
                .orElseThrow(() -> new AcmeException("ACME new account: no Location header in the reply"));
    }

    private void authorize(String authorizationUrl, ChallengeResponder responder) throws AcmeException {
        Json.Obj authorization = Json.parseObject(post(authorizationUrl, "", "authorization").body, "ACME authorization");
        String status = authorization.requireString("status", "ACME authorization");
        if (status.equals("valid")) {
            return;
        }
        String host = authorization.object("identifier").orElseThrow(
                () -> new AcmeException("ACME authorization: no identifier")).requireString("value", "ACME authorization");
        Json.Obj challenge = null;
        for (String type : responder.types()) {
            for (Json c : authorization.array("challenges")) {
                if (c instanceof Json.Obj o && o.string("type").equals(Optional.of(type))) {
                    challenge = o;
                    break;
                }
            }
            if (challenge != null) {
                break;
            }
        }
        if (challenge == null) {
            throw new AcmeException("ACME authorization for " + host + ": the CA offers none of " + responder.types());
        }
        String type = challenge.requireString("type", "ACME challenge");
        String token = challenge.requireString("token", "ACME challenge");
        if (!token.matches("[A-Za-z0-9_-]+")) {
            throw new AcmeException("ACME challenge for " + host + ": malformed token");
        }
        String challengeUrl = challenge.requireString("url", "ACME challenge");
        responder.publish(type, host, token, token + "." + key.thumbprint());
        try {
            post(challengeUrl, "{}", type + " challenge");
            Instant deadline = clock.instant().plus(validationTimeout);
            while (true) {
                Reply reply = post(authorizationUrl, "", "authorization");
                Json.Obj polled = Json.parseObject(reply.body, "ACME authorization");
                String now = polled.requireString("status", "ACME authorization");
                if (now.equals("valid")) {
                    return;
                }
                if (!now.equals("pending") && !now.equals("processing")) {
                    throw new AcmeException("ACME " + type + " challenge for " + host + " failed: status " + now
                            + challengeError(polled));
                }
                if (clock.instant().isAfter(deadline)) {
                    throw new AcmeException("ACME " + type + " challenge for " + host + " not validated within "
                            + validationTimeout.toSeconds() + " s");
                }
                pause(reply);
            }
        } finally {
            responder.withdraw(type, host, token);
        }
    }

    private static String challengeError(Json.Obj authorization) {
        for (Json c : authorization.array("challenges")) {
            if (c instanceof Json.Obj o && o.object("error").isPresent()) {
                return " (" + o.object("error").get().string("detail").orElse("no detail") + ")";
            }
        }
        return "";
    }

    private Json.Obj waitForOrder(String orderUrl, String wanted) throws AcmeException {
        Instant deadline = clock.instant().plus(validationTimeout);
        while (true) {
            Reply reply = post(orderUrl, "", "order");
            Json.Obj order = Json.parseObject(reply.body, "ACME order");
            String status = order.requireString("status", "ACME order");
            if (status.equals(wanted) || (wanted.equals("ready") && status.equals("valid"))) {
                return order;
            }
            if (status.equals("invalid")) {
                throw new AcmeException("ACME order became invalid" + order.object("error")
                        .map(e -> " (" + e.string("detail").orElse("no detail") + ")").orElse(""));
            }
            if (clock.instant().isAfter(deadline)) {
                throw new AcmeException("ACME order still " + status + " after " + validationTimeout.toSeconds() + " s");
            }
            pause(reply);
        }
    }

    /** Waits as the CA's Retry-After asks, within [pollInterval, 10 * pollInterval]. */
    private void pause(Reply reply) throws AcmeException {
        Duration wait = pollInterval;
        Optional<String> retryAfter = reply.header("Retry-After");
        if (retryAfter.isPresent() && retryAfter.get().matches("\\d{1,4}")) {
            Duration asked = Duration.ofSeconds(Long.parseLong(retryAfter.get()));
            wait = asked.compareTo(pollInterval.multipliedBy(10)) > 0 ? pollInterval.multipliedBy(10)
                    : asked.compareTo(pollInterval) < 0 ? pollInterval : asked;
        }
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AcmeException("ACME: interrupted");
        }
    }

    /** A JWS-signed POST (RFC 8555 section 6.2), retried once on badNonce. */
    private Reply post(String url, String payload, String what) throws AcmeException {
        try {
            return postOnce(url, payload, what);
        } catch (BadNonce e) {
            return postOnce(url, payload, what);
        }
    }

    private Reply postOnce(String url, String payload, String what) throws AcmeException {
        Json.Obj header = accountUrl == null
                ? Json.obj("alg", Json.str("ES256"), "jwk", key.jwk(), "nonce", Json.str(freshNonce()), "url", Json.str(url))
                : Json.obj("alg", Json.str("ES256"), "kid", Json.str(accountUrl), "nonce", Json.str(freshNonce()),
                        "url", Json.str(url));
        String protectedHeader = AccountKey.base64Url(Json.write(header).getBytes(StandardCharsets.UTF_8));
        String encodedPayload = AccountKey.base64Url(payload.getBytes(StandardCharsets.UTF_8));
        byte[] signature = key.sign((protectedHeader + "." + encodedPayload).getBytes(StandardCharsets.US_ASCII));
        String body = Json.write(Json.obj("protected", Json.str(protectedHeader), "payload", Json.str(encodedPayload),
                "signature", Json.str(AccountKey.base64Url(signature))));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(url, what))
                .header("Content-Type", "application/jose+json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(request, what);
    }

    private String freshNonce() throws AcmeException {
        if (nonce != null) {
            String n = nonce;
            nonce = null;
            return n;
        }
        Reply reply = send(HttpRequest.newBuilder(uri(directory().newNonce(), "new nonce"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), "new nonce");
        String n = nonce;
        nonce = null;
        if (n == null) {
            throw new AcmeException("ACME new nonce: no Replay-Nonce header (HTTP " + reply.status + ")");
        }
        return n;
    }

    private Reply send(HttpRequest.Builder builder, String what) throws AcmeException {
        HttpResponse<String> response;
        try {
            response = http.send(builder.timeout(REQUEST_TIMEOUT).header("User-Agent", USER_AGENT).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AcmeException("ACME " + what + ": CA unreachable (" + describe(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AcmeException("ACME " + what + ": interrupted");
        }
        HttpHeaders headers = response.headers();
        headers.firstValue("Replay-Nonce").ifPresent(n -> nonce = n);
        String body = response.body() == null ? "" : response.body();
        if (body.length() > MAX_BODY_CHARS) {
            throw new AcmeException("ACME " + what + ": reply larger than " + MAX_BODY_CHARS + " characters");
        }
        int status = response.statusCode();
        if (status >= 400) {
            String problem = problem(body);
            if (problem.contains("urn:ietf:params:acme:error:badNonce")) {
                throw new BadNonce("ACME " + what + ": HTTP " + status + " " + problem);
            }
            throw new AcmeException("ACME " + what + ": HTTP " + status + " " + problem);
        }
        return new Reply(status, headers, body);
    }

    /** The problem document's type and detail (RFC 7807), or the start of a non-JSON body. */
    private static String problem(String body) {
        try {
            Json.Obj problem = Json.parseObject(body, "problem");
            return problem.string("type").orElse("") + " " + problem.string("detail").orElse("");
        } catch (AcmeException e) {
            String line = body.replaceAll("\\s+", " ").trim();
            return line.length() > 120 ? line.substring(0, 120) + "…" : line;
        }
    }

    private static URI uri(String url, String what) throws AcmeException {
        try {
            URI uri = URI.create(url);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new AcmeException("ACME " + what + ": malformed URL " + url);
        }
    }

    private static Instant instant(String text) throws AcmeException {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new AcmeException("ACME: malformed time " + text);
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private record Reply(int status, HttpHeaders headers, String body) {
        Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    private static final class BadNonce extends AcmeException {
        BadNonce(String message) {
            super(message);
        }
    }
}
