package dev.relayj.acme;

import dev.relayj.tls.AcmeTlsChallenges;
import dev.relayj.tls.ServerCredentials;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The relay's answers to the CA: TLS-ALPN-01 certificates on the port shared with the web site
 * and HTTP-01 key authorizations on [WEB] http, whichever of them the relay listens on.
 */
public final class RelayChallenges implements ChallengeResponder {
    static final String TLS_ALPN_01 = "tls-alpn-01";
    static final String HTTP_01 = "http-01";

    private final AcmeTlsChallenges tls;
    private final boolean http;
    private final Map<String, String> httpAnswers = new ConcurrentHashMap<>();

    /**
     * @param tlsOrNull the challenge certificates a shared TLS port presents, or null without one
     * @param http whether [WEB] http serves {@link #httpAnswer}
     */
    public RelayChallenges(AcmeTlsChallenges tlsOrNull, boolean http) {
        this.tls = tlsOrNull;
        this.http = http;
    }

    /** The key authorization for an HTTP-01 token, while its challenge is open. */
    public Optional<String> httpAnswer(String token) {
        return Optional.ofNullable(httpAnswers.get(token));
    }

    @Override
    public List<String> types() {
        List<String> types = new ArrayList<>();
        if (tls != null) {
            types.add(TLS_ALPN_01);
        }
        if (http) {
            types.add(HTTP_01);
        }
        return types;
    }

    @Override
    public void publish(String type, String host, String token, String keyAuthorization) throws AcmeException {
        if (type.equals(HTTP_01)) {
            httpAnswers.put(token, keyAuthorization);
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair key = generator.generateKeyPair();
            byte[] certificate = CertificateRequests.challengeCertificate(host, keyAuthorization, key);
            tls.put(host, ServerCredentials.fromDer(List.of(certificate), key.getPrivate().getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new AcmeException("cannot create the TLS-ALPN-01 certificate for " + host + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void withdraw(String type, String host, String token) {
        if (type.equals(HTTP_01)) {
            httpAnswers.remove(token);
        } else if (tls != null) {
            tls.remove(host);
        }
    }
}
