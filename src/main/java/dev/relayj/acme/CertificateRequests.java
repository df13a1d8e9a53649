package dev.relayj.acme;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The two certificates structures ACME needs from us: the CSR sent at finalization (RFC 8555
 * section 7.4, names in subjectAltName) and the self-signed TLS-ALPN-01 challenge certificate
 * (RFC 8737 section 3, with the critical acmeIdentifier extension).
 */
final class CertificateRequests {
    /** id-pe-acmeIdentifier (RFC 8737 section 6.1). */
    static final ASN1ObjectIdentifier ACME_IDENTIFIER = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.31");

    private CertificateRequests() {}

    /** DER of a PKCS#10 request for {@code names}, signed with the certificate's key. */
    static byte[] create(List<String> names, KeyPair key) throws AcmeException {
        try {
            Extensions extensions = new Extensions(new Extension(Extension.subjectAlternativeName, false,
                    new DEROctetString(dnsNames(names))));
            Attribute extensionRequest = new Attribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest,
                    new DERSet(extensions));
            CertificationRequestInfo info = new CertificationRequestInfo(new X500Name("CN=" + names.get(0)),
                    SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()), new DERSet(extensionRequest));
            byte[] signature = sign(key.getPrivate(), info.getEncoded());
            return new CertificationRequest(info, algorithm(key.getPrivate()), new DERBitString(signature)).getEncoded();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new AcmeException("cannot create the certificate request: " + e.getMessage(), e);
        }
    }

    /** DER of the challenge certificate for {@code host}, valid for a day around now. */
    static byte[] challengeCertificate(String host, String keyAuthorization, KeyPair key) throws AcmeException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyAuthorization.getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII));
            Instant now = Instant.now();
            return selfSigned(host, key, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)),
                    new Extension(ACME_IDENTIFIER, true, new DEROctetString(new DEROctetString(digest))));
        } catch (IOException | GeneralSecurityException e) {
            throw new AcmeException("cannot create the TLS-ALPN-01 certificate: " + e.getMessage(), e);
        }
    }

    /** A self-signed certificate naming {@code host} in subjectAltName, with further extensions. */
    static byte[] selfSigned(String host, KeyPair key, Instant notBefore, Instant notAfter, Extension... more)
            throws IOException, GeneralSecurityException {
        Extension[] all = new Extension[more.length + 1];
        all[0] = new Extension(Extension.subjectAlternativeName, false, new DEROctetString(dnsNames(List.of(host))));
        System.arraycopy(more, 0, all, 1, more.length);
        V3TBSCertificateGenerator generator = new V3TBSCertificateGenerator();
        generator.setSerialNumber(new org.bouncycastle.asn1.ASN1Integer(new BigInteger(64, new SecureRandom()).abs()));
        X500Name name = new X500Name("CN=" + host);
        generator.setIssuer(name);
        generator.setSubject(name);
        generator.setStartDate(new Time(Date.from(notBefore)));
        generator.setEndDate(new Time(Date.from(notAfter)));
        generator.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()));
        AlgorithmIdentifier algorithm = algorithm(key.getPrivate());
        generator.setSignature(algorithm);
        generator.setExtensions(new Extensions(all));
        TBSCertificate tbs = generator.generateTBSCertificate();
        byte[] signature = sign(key.getPrivate(), tbs.getEncoded());
        ASN1Encodable[] certificate = {tbs, algorithm, new DERBitString(signature)};
        return new DERSequence(certificate).getEncoded();
    }

    private static GeneralNames dnsNames(List<String> names) {
        GeneralName[] general = new GeneralName[names.size()];
        for (int i = 0; i < general.length; i++) {
            general[i] = new GeneralName(GeneralName.dNSName, names.get(i));
        }
        return new GeneralNames(general);
    }

    private static AlgorithmIdentifier algorithm(PrivateKey key) {
        return key instanceof RSAPrivateKey ? new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, org.bouncycastle.asn1.DERNull.INSTANCE)
                : new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
    }

    private static byte[] sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(key instanceof RSAPrivateKey ? "SHA256withRSA" : "SHA256withECDSA");
        signature.initSign(key);
        signature.update(data);
        return signature.sign();
    }
}
