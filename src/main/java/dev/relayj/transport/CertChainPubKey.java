package dev.relayj.transport;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;

/**
 * {@code CertChainPubKey} of {@code Transport.hs}: a certificate chain and a session key signed by the
 * chain's leaf key. Encoded as the chain ({@link CertificateChain}) then the signed key as
 * {@code C.SignedObject}, a {@code Large} DER blob ({@link SignedKey}).
 */
public record CertChainPubKey(CertificateChain certificateChain, SignedKey signedKey) {

    public void writeTo(SmpWriter writer) {
        certificateChain.writeTo(writer);
        writer.writeLarge(signedKey.encoded());
    }

    public static CertChainPubKey readFrom(SmpReader reader) throws DecodingException {
        CertificateChain chain = CertificateChain.readFrom(reader);
        SignedKey signedKey = SignedKey.decode(reader.readLarge());
        return new CertChainPubKey(chain, signedKey);
    }
}
