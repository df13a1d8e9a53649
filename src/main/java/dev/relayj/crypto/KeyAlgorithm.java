package dev.relayj.crypto;

import java.util.HexFormat;

/**
 * The four curves simplexmq uses, with the fixed DER prefixes of their encodings:
 * X.509 SubjectPublicKeyInfo (RFC 8410: SEQUENCE { SEQUENCE { OID }, BIT STRING { 0 unused bits,
 * raw key } }) and PKCS#8 PrivateKeyInfo as hs-x509 writes it for {@code encodePrivKey} (RFC 8410:
 * SEQUENCE { INTEGER 0, SEQUENCE { OID }, OCTET STRING { OCTET STRING { raw key } } }).
 */
public enum KeyAlgorithm {
    ED25519("2b6570", "302a300506032b6570032100", "302e020100300506032b657004220420", 32),
    ED448("2b6571", "3043300506032b6571033a00", "3047020100300506032b6571043b0439", 57),
    X25519("2b656e", "302a300506032b656e032100", "302e020100300506032b656e04220420", 32),
    X448("2b656f", "3042300506032b656f033900", "3046020100300506032b656f043a0438", 56);

    private final byte[] oid;
    private final byte[] spkiPrefix;
    private final byte[] pkcs8Prefix;
    private final int rawLength;

    KeyAlgorithm(String oidHex, String spkiPrefixHex, String pkcs8PrefixHex, int rawLength) {
        this.oid = HexFormat.of().parseHex(oidHex);
        this.spkiPrefix = HexFormat.of().parseHex(spkiPrefixHex);
        this.pkcs8Prefix = HexFormat.of().parseHex(pkcs8PrefixHex);
        this.rawLength = rawLength;
    }

    public int rawLength() {
        return rawLength;
    }

    /** The content bytes of the algorithm's OBJECT IDENTIFIER (1.3.101.110 to 1.3.101.113). */
    byte[] oid() {
        return oid.clone();
    }

    /** The DER that precedes the raw key in its SubjectPublicKeyInfo, a copy. */
    public byte[] spkiPrefix() {
        return spkiPrefix.clone();
    }

    byte[] pkcs8Prefix() {
        return pkcs8Prefix.clone();
    }

    int spkiLength() {
        return spkiPrefix.length + rawLength;
    }

    boolean matchesSpki(byte[] der) {
        if (der.length != spkiLength()) {
            return false;
        }
        for (int i = 0; i < spkiPrefix.length; i++) {
            if (der[i] != spkiPrefix[i]) {
                return false;
            }
        }
        return true;
    }
}
