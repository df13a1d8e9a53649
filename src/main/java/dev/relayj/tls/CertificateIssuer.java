package dev.relayj.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * Builds the certificates simplexmq's {@code createServerX509_} ({@code Server/CLI.hs}) makes with
 * openssl: the same names (UTF8String), extensions in the same order, 999999 days of validity from
 * now, and a random 159-bit serial as openssl 3 chooses.
 */
final class CertificateIssuer {
    static final String CA_COMMON_NAME = "SMP server CA";
    static final String CA_ORGANIZATION = "SimpleX";
    static final long VALIDITY_DAYS = 999_999;

    private static final int SERIAL_BITS = 159;

    private CertificateIssuer() {}

    static BigInteger randomSerial(SecureRandom random) {
        BigInteger serial;
        do {
            serial = new BigInteger(SERIAL_BITS, random);
        } while (serial.signum() == 0);
        return serial;
    }

    /** openssl_ca.conf: subjectKeyIdentifier = hash, authorityKeyIdentifier = keyid:always, basicConstraints = critical,CA:true. */
    static Certificate selfSignedCa(SignAlgorithm algorithm, AsymmetricKeyParameter caKey, SubjectPublicKeyInfo caPublicKey,
            BigInteger serial, Instant now) throws IOException {
        X500Name name = new X500Name(new RDN[] {
            new RDN(BCStyle.CN, new DERUTF8String(CA_COMMON_NAME)),
            new RDN(BCStyle.O, new DERUTF8String(CA_ORGANIZATION))
        });
        byte[] keyId = keyIdentifier(caPublicKey);
        Extensions extensions = new Extensions(new Extension[] {
            new Extension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId).getEncoded(ASN1Encoding.DER)),
            new Extension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(keyId).getEncoded(ASN1Encoding.DER)),
            new Extension(Extension.basicConstraints, true, new BasicConstraints(true).getEncoded(ASN1Encoding.DER))
        });
        return sign(algorithm, caKey, tbs(algorithm, serial, name, name, caPublicKey, extensions, now));
    }

    /**
     * openssl_server.conf's v3 section, then the subject and authority key identifiers that
     * {@code openssl x509 -req} adds by default.
     */
    static Certificate server(Certificate ca, SignAlgorithm caAlgorithm, AsymmetricKeyParameter caKey,
            SubjectPublicKeyInfo serverPublicKey, String commonName, BigInteger serial, Instant now) throws IOException {
        X500Name subject = new X500Name(new RDN[] {new RDN(BCStyle.CN, new DERUTF8String(commonName))});
        Extension[] requested = serverRequestedExtensions();
        Extension[] all = new Extension[requested.length + 2];
        System.arraycopy(requested, 0, all, 0, requested.length);
        all[requested.length] = new Extension(Extension.subjectKeyIdentifier, false,
                new SubjectKeyIdentifier(keyIdentifier(serverPublicKey)).getEncoded(ASN1Encoding.DER));
        all[requested.length + 1] = new Extension(Extension.authorityKeyIdentifier, false,
                new AuthorityKeyIdentifier(issuerKeyIdentifier(ca)).getEncoded(ASN1Encoding.DER));
        return sign(caAlgorithm, caKey,
                tbs(caAlgorithm, serial, ca.getSubject(), subject, serverPublicKey, new Extensions(all), now));
    }

    /** The server.csr of {@code openssl req -new -reqexts v3}: the v3 extensions as an extension request. */
    static CertificationRequest serverRequest(SignAlgorithm algorithm, AsymmetricKeyParameter serverKey,
            SubjectPublicKeyInfo serverPublicKey, String commonName) throws IOException {
        X500Name subject = new X500Name(new RDN[] {new RDN(BCStyle.CN, new DERUTF8String(commonName))});
        Attribute extensionRequest = new Attribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest,
                new DERSet(new Extensions(serverRequestedExtensions())));
        CertificationRequestInfo info = new CertificationRequestInfo(subject, serverPublicKey, new DERSet(extensionRequest));
        byte[] signature = algorithm.sign(serverKey, info.getEncoded(ASN1Encoding.DER));
        return new CertificationRequest(info, new AlgorithmIdentifier(algorithm.oid()), new DERBitString(signature));
    }

    private static Extension[] serverRequestedExtensions() throws IOException {
        return new Extension[] {
            new Extension(Extension.basicConstraints, false, new BasicConstraints(false).getEncoded(ASN1Encoding.DER)),
            new Extension(Extension.keyUsage, false,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation | KeyUsage.keyAgreement)
                            .getEncoded(ASN1Encoding.DER)),
            new Extension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth).getEncoded(ASN1Encoding.DER))
        };
    }

    private static TBSCertificate tbs(SignAlgorithm algorithm, BigInteger serial, X500Name issuer, X500Name subject,
            SubjectPublicKeyInfo publicKey, Extensions extensions, Instant now) {
        Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS);
        V3TBSCertificateGenerator generator = new V3TBSCertificateGenerator();
        generator.setSerialNumber(new ASN1Integer(serial));
        generator.setSignature(new AlgorithmIdentifier(algorithm.oid()));
        generator.setIssuer(issuer);
        generator.setStartDate(new Time(Date.from(notBefore)));
        generator.setEndDate(new Time(Date.from(notBefore.plus(Duration.ofDays(VALIDITY_DAYS)))));
        generator.setSubject(subject);
        generator.setSubjectPublicKeyInfo(publicKey);
        generator.setExtensions(extensions);
        return generator.generateTBSCertificate();
    }

    private static Certificate sign(SignAlgorithm algorithm, AsymmetricKeyParameter key, TBSCertificate tbs) throws IOException {
        byte[] signature = algorithm.sign(key, tbs.getEncoded(ASN1Encoding.DER));
        ASN1EncodableVector certificate = new ASN1EncodableVector(3);
        certificate.add(tbs);
        certificate.add(new AlgorithmIdentifier(algorithm.oid()));
        certificate.add(new DERBitString(signature));
        return Certificate.getInstance(new DERSequence(certificate));
    }

    /** RFC 5280 4.2.1.2 method 1, openssl's "hash": SHA-1 of the subjectPublicKey bits. */
    static byte[] keyIdentifier(SubjectPublicKeyInfo publicKey) {
        byte[] keyBits = publicKey.getPublicKeyData().getBytes();
        SHA1Digest sha1 = new SHA1Digest();
        sha1.update(keyBits, 0, keyBits.length);
        byte[] id = new byte[sha1.getDigestSize()];
        sha1.doFinal(id, 0);
        return id;
    }

    /** The issuer's own subject key identifier, as openssl copies it; computed when the CA has none. */
    private static byte[] issuerKeyIdentifier(Certificate ca) {
        Extensions extensions = ca.getTBSCertificate().getExtensions();
        SubjectKeyIdentifier ski = extensions == null ? null : SubjectKeyIdentifier.fromExtensions(extensions);
        return ski != null ? ski.getKeyIdentifier() : keyIdentifier(ca.getSubjectPublicKeyInfo());
    }
}
