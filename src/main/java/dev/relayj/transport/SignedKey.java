package dev.relayj.transport;

import dev.relayj.crypto.KeyAlgorithm;
import dev.relayj.crypto.PublicKey;
import dev.relayj.crypto.Signature;
import dev.relayj.crypto.SignaturePrivateKey;
import dev.relayj.crypto.SignaturePublicKey;
import dev.relayj.encoding.DecodingException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A public key signed as an X.509 signed object ({@code X.SignedExact X.PubKey}, made by
 * {@code C.signX509} in {@code Crypto.hs} over {@code C.publicToX509 key}). hs-x509's
 * {@code objectToSignedExact} wraps the object's ASN.1 in a SEQUENCE, and a public key's ASN.1 is
 * already its SubjectPublicKeyInfo SEQUENCE, so the signed bytes are the SPKI wrapped once more:
 *
 * <pre>
 * SEQUENCE {
 *   SEQUENCE { SubjectPublicKeyInfo }       -- the signed bytes ("object raw")
 *   SEQUENCE { OID 1.3.101.112 or .113 }    -- Ed25519 / Ed448, no parameters
 *   BIT STRING { 0 unused bits, signature }
 * }
 * </pre>
 *
 * xftp-web's {@code extractSignedKey} (protocol/handshake.ts) reads the same layout.
 */
public final class SignedKey {
    private static final byte[] ED25519_ALGORITHM = HexFormat.of().parseHex("300506032b6570");
    private static final byte[] ED448_ALGORITHM = HexFormat.of().parseHex("300506032b6571");

    private final byte[] encoded;
    private final byte[] signedBytes;
    private final PublicKey key;
    private final byte[] algorithm;
    private final byte[] signature;

    private SignedKey(byte[] encoded, byte[] signedBytes, PublicKey key, byte[] algorithm, byte[] signature) {
        this.encoded = encoded;
        this.signedBytes = signedBytes;
        this.key = key;
        this.algorithm = algorithm;
        this.signature = signature;
    }

    /** {@code signX509}: signs {@code key} with {@code signer}. */
    public static SignedKey sign(SignaturePrivateKey signer, PublicKey key) {
        byte[] signedBytes = Der.tlv(Der.SEQUENCE, key.spki());
        Signature signature = signer.sign(signedBytes);
        byte[] algorithm = switch (signer.algorithm()) {
            case ED25519 -> ED25519_ALGORITHM.clone();
            case ED448 -> ED448_ALGORITHM.clone();
            case X25519, X448 -> throw new IllegalArgumentException(signer.algorithm() + " cannot sign");
        };
        byte[] bitString = Der.tlv(Der.BIT_STRING, new byte[] {0}, signature.bytes());
        byte[] encoded = Der.tlv(Der.SEQUENCE, signedBytes, algorithm, bitString);
        return new SignedKey(encoded, signedBytes, key, algorithm, signature.bytes());
    }

    /**
     * {@code decodeSignedObject}: the structure above, with a key of any of the four algorithms. The
     * signature algorithm is checked only by {@link #verifiedKey}, as the reference checks it only when
     * it verifies.
     */
    public static SignedKey decode(byte[] der) throws DecodingException {
        Der.Element outer = Der.single(der);
        if (outer.tag() != Der.SEQUENCE) {
            throw new DecodingException("signed object is not a SEQUENCE");
        }
        List<Der.Element> parts = Der.elements(outer.content());
        if (parts.size() != 3) {
            throw new DecodingException("signed object must have 3 parts, has " + parts.size());
        }
        Der.Element object = parts.get(0);
        Der.Element algorithm = parts.get(1);
        Der.Element bits = parts.get(2);
        if (object.tag() != Der.SEQUENCE || algorithm.tag() != Der.SEQUENCE) {
            throw new DecodingException("signed object parts must be SEQUENCEs");
        }
        Der.Element spki = Der.single(object.content());
        PublicKey key = PublicKey.fromSpki(spki.encoded());
        if (bits.tag() != Der.BIT_STRING || bits.content().length == 0 || bits.content()[0] != 0) {
            throw new DecodingException("signature must be a BIT STRING with no unused bits");
        }
        byte[] signature = Arrays.copyOfRange(bits.content(), 1, bits.content().length);
        return new SignedKey(der.clone(), object.encoded(), key, algorithm.encoded(), signature);
    }

    /** The DER encoding, as sent. */
    public byte[] encoded() {
        return encoded.clone();
    }

    /** The signed key, not yet verified. */
    public PublicKey key() {
        return key;
    }

    /**
     * {@code verifyX509}: the key, if the signature is {@code signer}'s over the signed bytes as they
     * were received; the signature algorithm must be Ed25519 or Ed448 and match the signature's size.
     */
    public PublicKey verifiedKey(SignaturePublicKey signer) throws DecodingException {
        KeyAlgorithm expected;
        if (Arrays.equals(algorithm, ED25519_ALGORITHM)) {
            expected = KeyAlgorithm.ED25519;
        } else if (Arrays.equals(algorithm, ED448_ALGORITHM)) {
            expected = KeyAlgorithm.ED448;
        } else {
            throw new DecodingException("unknown x509 signature algorithm");
        }
        Signature parsed = Signature.fromBytes(signature);
        if (parsed.algorithm() != expected || !signer.verify(parsed, signedBytes)) {
            throw new DecodingException("bad signature");
        }
        return key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedKey that && Arrays.equals(encoded, that.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "SignedKey[" + key.algorithm() + "]";
    }
}
