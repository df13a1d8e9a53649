package dev.relayj.xftp.protocol;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import dev.relayj.encoding.VersionRange;
import dev.relayj.protocol.TransmissionAuth;
import java.util.Arrays;
import java.util.List;

/**
 * The server's handshake ({@code XFTPServerHandshake} in {@code FileTransfer/Transport.hs}):
 * <pre>
 * versionRange(Word16 min, Word16 max) shortBytes(sessionId)
 * certChain(count, Large(DER)...) Large(signed key DER)      ; CertChainPubKey
 * shortBytes(identity proof signature, empty when none)       ; webIdentityProof
 * ignored tail
 * </pre>
 * The identity proof signs {@link XftpClientHello#identityProofMessage} with the identity key.
 */
public record XftpServerHandshake(
        VersionRange versionRange, byte[] sessionId, List<byte[]> certChain, byte[] signedKey, byte[] webIdentityProof) {

    public XftpServerHandshake {
        sessionId = sessionId.clone();
        if (certChain.isEmpty()) {
            throw new IllegalArgumentException("certificate chain must not be empty");
        }
        certChain = certChain.stream().map(byte[]::clone).toList();
        signedKey = signedKey.clone();
        webIdentityProof = webIdentityProof == null ? null : webIdentityProof.clone();
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }

    @Override
    public List<byte[]> certChain() {
        return certChain.stream().map(byte[]::clone).toList();
    }

    @Override
    public byte[] signedKey() {
        return signedKey.clone();
    }

    @Override
    public byte[] webIdentityProof() {
        return webIdentityProof == null ? null : webIdentityProof.clone();
    }

    public byte[] encode() {
        SmpWriter writer = new SmpWriter(4096);
        versionRange.writeTo(writer);
        writer.writeShortBytes(sessionId);
        writer.writeList(certChain, SmpWriter::writeLarge);
        writer.writeLarge(signedKey);
        writer.writeShortBytes(webIdentityProof == null ? new byte[0] : webIdentityProof);
        return writer.toByteArray();
    }

    public byte[] toBlock() throws XftpException {
        return XftpBlock.pad(encode());
    }

    /**
     * Parses the handshake; a proof that is absent, empty or not a signature's length reads as
     * none, as the reference's {@code optional} parser does.
     */
    public static XftpServerHandshake parse(byte[] content) throws XftpException {
        try {
            SmpReader reader = new SmpReader(content);
            VersionRange range = VersionRange.readFrom(reader);
            byte[] sessionId = reader.readShortBytes();
            List<byte[]> chain = reader.readNonEmptyList(SmpReader::readLarge);
            byte[] signedKey = reader.readLarge();
            byte[] proof = null;
            if (!reader.atEnd()) {
                int length = reader.peek();
                if (length < reader.remaining()
                        && (length == TransmissionAuth.ED25519_SIGNATURE_LENGTH
                                || length == TransmissionAuth.ED448_SIGNATURE_LENGTH)) {
                    proof = reader.readShortBytes();
                }
            }
            return new XftpServerHandshake(range, sessionId, chain, signedKey, proof);
        } catch (DecodingException e) {
            throw new XftpException(XftpError.HANDSHAKE);
        }
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof XftpServerHandshake h) || certChain.size() != h.certChain.size()) {
            return false;
        }
        for (int i = 0; i < certChain.size(); i++) {
            if (!Arrays.equals(certChain.get(i), h.certChain.get(i))) {
                return false;
            }
        }
        return versionRange.equals(h.versionRange) && Arrays.equals(sessionId, h.sessionId)
                && Arrays.equals(signedKey, h.signedKey) && Arrays.equals(webIdentityProof, h.webIdentityProof);
    }

    @Override
    public int hashCode() {
        return versionRange.hashCode() * 31 + Arrays.hashCode(sessionId);
    }

    @Override
    public String toString() {
        return "XftpServerHandshake[" + versionRange + ", chain of " + certChain.size() + "]";
    }
}
