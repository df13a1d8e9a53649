package dev.relayj.tls;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;

/**
 * Accepts or rejects the certificate chain a client sends (service certificates), as simplexmq's
 * {@code validateClientCertificate} ({@code Transport/Server.hs}) with {@code chainIdCaCerts} and
 * {@code x509validate} ({@code Transport/Shared.hs}): an empty chain is accepted (ordinary clients),
 * the chain's CA is the certificate at its identity position, and the chain must validate against
 * that CA alone (validity dates, signatures, CA constraints of intermediates), host name unchecked.
 */
final class ClientCertificateValidator {
    private static final int KEY_USAGE_DIGITAL_SIGNATURE = 0;
    private static final int KEY_USAGE_KEY_CERT_SIGN = 5;

    private ClientCertificateValidator() {}

    static void validate(List<X509Certificate> chain, Date now) throws TlsFatalAlert {
        X509Certificate ca = switch (chain.size()) {
            case 0 -> null;
            case 1 -> chain.get(0);
            case 2, 3 -> chain.get(chain.size() - 1);
            case 4 -> chain.get(3);
            default -> throw new TlsFatalAlert(AlertDescription.certificate_unknown, "chain too long");
        };
        if (ca == null) {
            return;
        }
        X509Certificate leaf = chain.get(0);
        if (leaf.getVersion() != 3) {
            throw new TlsFatalAlert(AlertDescription.certificate_unknown, "leaf certificate is not v3");
        }
        checkChain(0, leaf, new ArrayList<>(chain.subList(1, chain.size())), ca, now);
        // tls's own check of an accepted client certificate (verifyLeafKeyUsage [KeyUsage_digitalSignature])
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage != null && !keyUsage[KEY_USAGE_DIGITAL_SIGNATURE]) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "leaf certificate is not for digital signatures");
        }
    }

    private static void checkChain(int level, X509Certificate current, List<X509Certificate> rest, X509Certificate ca,
            Date now) throws TlsFatalAlert {
        checkValidity(current, now);
        if (current.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            checkSignature(current, ca);
            return;
        }
        if (current.getIssuerX500Principal().equals(current.getSubjectX500Principal())) {
            throw new TlsFatalAlert(AlertDescription.certificate_unknown, "self-signed certificate");
        }
        X509Certificate issuer = null;
        for (X509Certificate candidate : rest) {
            if (candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
                issuer = candidate;
                break;
            }
        }
        if (issuer == null) {
            throw new TlsFatalAlert(AlertDescription.unknown_ca, "unknown CA");
        }
        checkAuthority(level, issuer);
        checkSignature(current, issuer);
        rest.remove(issuer);
        checkChain(level + 1, issuer, rest, ca, now);
    }

    private static void checkValidity(X509Certificate certificate, Date now) throws TlsFatalAlert {
        try {
            certificate.checkValidity(now);
        } catch (CertificateExpiredException e) {
            throw new TlsFatalAlert(AlertDescription.certificate_expired, "certificate expired");
        } catch (CertificateNotYetValidException e) {
            throw new TlsFatalAlert(AlertDescription.certificate_expired, "certificate not yet valid");
        }
    }

    private static void checkAuthority(int level, X509Certificate issuer) throws TlsFatalAlert {
        int pathLength = issuer.getBasicConstraints();
        boolean[] keyUsage = issuer.getKeyUsage();
        boolean mayCertify = pathLength >= 0 && (keyUsage == null || keyUsage[KEY_USAGE_KEY_CERT_SIGN]);
        if (!mayCertify || level > pathLength) {
            throw new TlsFatalAlert(AlertDescription.certificate_unknown, "issuer is not a CA");
        }
    }

    private static void checkSignature(X509Certificate certificate, X509Certificate issuer) throws TlsFatalAlert {
        try {
            certificate.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new TlsFatalAlert(AlertDescription.certificate_unknown, "invalid certificate signature");
        }
    }
}
