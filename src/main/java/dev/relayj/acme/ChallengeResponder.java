package dev.relayj.acme;

/**
 * Where the relay answers the CA's validation requests. The order tries the challenge types in
 * the responder's preference and uses the first one the CA offers.
 */
public interface ChallengeResponder {
    /** Challenge types this relay can answer, most preferred first ({@code tls-alpn-01}, {@code http-01}). */
    java.util.List<String> types();

    /** Starts answering: from now the CA may connect. */
    void publish(String type, String host, String token, String keyAuthorization) throws AcmeException;

    /** Stops answering (after the authorization is valid or failed). */
    void withdraw(String type, String host, String token);
}
