package dev.relayj.tls;

import dev.relayj.encoding.Base64Url;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.tls.TlsFatalAlert;

/**
 * Checks a relay's chain as SimpleX clients do ({@code validateCertificateChain} in
 * {@code Transport/Client.hs}, {@code chainIdCaCerts} and {@code x509validate} in
 * {@code Transport/Shared.hs}): the chain has 2 to 4 certificates, the one after the leaf is the
 * identity certificate whose SHA-256 must be the address's key hash, and the chain must validate
 * up to its CA certificate (the identity certificate in the usual [server, CA] chain), without a
 * host name check.
 */
final class ServerChainValidator {
    private ServerChainValidator() {}

    static void validate(List<byte[]> chainDer, byte[] keyHash, Date now) throws ServerCertificateException {
        if (chainDer.size() < 2) {
            throw new ServerCertificateException("server sent " + (chainDer.isEmpty() ? "no certificate" : "a single certificate")
                    + ", expected [server certificate, CA certificate]", false);
        }
        if (chainDer.size() > 4) {
            throw new ServerCertificateException("server certificate chain too long (" + chainDer.size() + ")", false);
        }
        byte[] identity = chainDer.get(1);
        byte[] fingerprint = sha256(identity);
        if (!MessageDigest.isEqual(fingerprint, keyHash)) {
            throw new ServerCertificateException("server identity mismatch: its CA certificate fingerprint is "
                    + Base64Url.encode(fingerprint) + ", the address has " + Base64Url.encode(keyHash), true);
        }
        List<X509Certificate> chain = new ArrayList<>(chainDer.size());
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : chainDer) {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new ServerCertificateException("server sent an unparsable certificate: " + e.getMessage(), false);
        }
        try {
            // the same chain walk the server applies to client chains: CA by position, dates, signatures, CA constraints
            ClientCertificateValidator.validate(chain, now);
        } catch (TlsFatalAlert e) {
            throw new ServerCertificateException("invalid server certificate chain: " + e.getMessage(), false);
        }
    }

    private static byte[] sha256(byte[] der) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(der);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
