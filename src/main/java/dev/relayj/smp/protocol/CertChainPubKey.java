package dev.relayj.smp.protocol;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import java.util.Arrays;
import java.util.List;

/**
 * A certificate chain and a public key signed with the chain's leaf key ({@code CertChainPubKey}
 * in {@code Transport.hs}), as sent in the server handshake and in PKEY. Encoded as a non-empty
 * list of {@code Large} DER certificates, then the DER of the signed SubjectPublicKeyInfo as a
 * {@code Large}. The DER is kept as given; checking it is the caller's job.
 */
public record CertChainPubKey(List<byte[]> certificates, byte[] signedKey) {
    public CertChainPubKey {
        if (certificates.isEmpty() || certificates.size() > 255) {
            throw new IllegalArgumentException("a certificate chain holds 1 to 255 certificates");
        }
        certificates = certificates.stream().map(byte[]::clone).toList();
        signedKey = signedKey.clone();
    }

    @Override
    public List<byte[]> certificates() {
        return certificates.stream().map(byte[]::clone).toList();
    }

    @Override
    public byte[] signedKey() {
        return signedKey.clone();
    }

    public void writeTo(SmpWriter writer) {
        writer.writeList(certificates, SmpWriter::writeLarge);
        writer.writeLarge(signedKey);
    }

    public static CertChainPubKey readFrom(SmpReader reader) throws DecodingException {
        List<byte[]> certificates = reader.readNonEmptyList(SmpReader::readLarge);
        return new CertChainPubKey(certificates, reader.readLarge());
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof CertChainPubKey key) || key.certificates.size() != certificates.size()) {
            return false;
        }
        for (int i = 0; i < certificates.size(); i++) {
            if (!Arrays.equals(certificates.get(i), key.certificates.get(i))) {
                return false;
            }
        }
        return Arrays.equals(signedKey, key.signedKey);
    }

    @Override
    public int hashCode() {
        int hash = Arrays.hashCode(signedKey);
        for (byte[] certificate : certificates) {
            hash = hash * 31 + Arrays.hashCode(certificate);
        }
        return hash;
    }

    @Override
    public String toString() {
        return "CertChainPubKey[" + certificates.size() + " certificates]";
    }
}
