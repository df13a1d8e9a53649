package dev.relayj.transport;

import dev.relayj.crypto.Hashes;
import dev.relayj.crypto.PublicKey;
import dev.relayj.crypto.SignaturePublicKey;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.x509.Certificate;

/**
 * An X.509 certificate chain as DER certificates, leaf first. In handshakes it is encoded as
 * {@code C.encodeCertChain} does: a non-empty list (1-byte count) of {@code Large} DER blobs, and each
 * must parse as a certificate ({@code certChainP}).
 */
public final class CertificateChain {
    private final List<byte[]> certificates;

    private CertificateChain(List<byte[]> certificates) {
        this.certificates = certificates;
    }

    /** A chain of DER certificates (copied, not parsed). */
    public static CertificateChain of(List<byte[]> certificates) {
        List<byte[]> copies = new ArrayList<>(certificates.size());
        for (byte[] certificate : certificates) {
            copies.add(certificate.clone());
        }
        return new CertificateChain(List.copyOf(copies));
    }

    public int size() {
        return certificates.size();
    }

    /** The DER of the certificate at {@code index}, leaf at 0. */
    public byte[] certificate(int index) {
        return certificates.get(index).clone();
    }

    public List<byte[]> certificates() {
        List<byte[]> copies = new ArrayList<>(certificates.size());
        for (byte[] certificate : certificates) {
            copies.add(certificate.clone());
        }
        return copies;
    }

    /**
     * The identity certificate of {@code chainIdCaCerts} ({@code Transport/Shared.hs}) for a chain of
     * 2 to 4 certificates: the one after the leaf. Null for other lengths.
     */
    public byte[] identityCertificate() {
        return size() >= 2 && size() <= 4 ? certificate(1) : null;
    }

    public void writeTo(SmpWriter writer) {
        writer.writeList(certificates, SmpWriter::writeLarge);
    }

    public static CertificateChain readFrom(SmpReader reader) throws DecodingException {
        List<byte[]> certificates = reader.readNonEmptyList(SmpReader::readLarge);
        for (byte[] certificate : certificates) {
            parse(certificate);
        }
        return new CertificateChain(certificates);
    }

    /** {@code XV.getFingerprint cert HashSHA256}: SHA-256 of the certificate's DER. */
    public static byte[] fingerprint(byte[] certificateDer) {
        return Hashes.sha256(certificateDer);
    }

    /** {@code getCertVerifyKey}: the certificate's Ed25519 or Ed448 subject key. */
    public static SignaturePublicKey verifyKey(byte[] certificateDer) throws DecodingException {
        Certificate certificate = parse(certificateDer);
        byte[] spki;
        try {
            spki = certificate.getSubjectPublicKeyInfo().getEncoded("DER");
        } catch (java.io.IOException e) {
            throw new DecodingException("certificate key cannot be encoded");
        }
        if (PublicKey.fromSpki(spki) instanceof SignaturePublicKey key) {
            return key;
        }
        throw new DecodingException("certificate key cannot verify signatures");
    }

    private static Certificate parse(byte[] der) throws DecodingException {
        try {
            return Certificate.getInstance(der);
        } catch (RuntimeException e) {
            throw new DecodingException("invalid certificate: " + e.getMessage());
        }
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof CertificateChain that) || that.size() != size()) {
            return false;
        }
        for (int i = 0; i < size(); i++) {
            if (!Arrays.equals(certificates.get(i), that.certificates.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (byte[] certificate : certificates) {
            hash = 31 * hash + Arrays.hashCode(certificate);
        }
        return hash;
    }

    @Override
    public String toString() {
        return "CertificateChain[" + size() + " certificates]";
    }
}
