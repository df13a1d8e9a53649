package dev.relayj.crypto;

import java.util.HexFormat;

/**
 * The four curves simplexmq uses, with the fixed DER prefix of their X.509 SubjectPublicKeyInfo
 * (RFC 8410: SEQUENCE { SEQUENCE { OID }, BIT STRING { 0 unused bits, raw key } }).
 */
public enum KeyAlgorithm {
    ED25519("302a300506032b6570032100", 32),
    ED448("3043300506032b6571033a00", 57),
    X25519("302a300506032b656e032100", 32),
    X448("3042300506032b656f033900", 56);

    private final byte[] spkiPrefix;
    private final int rawLength;

    KeyAlgorithm(String spkiPrefixHex, int rawLength) {
        this.spkiPrefix = HexFormat.of().parseHex(spkiPrefixHex);
        this.rawLength = rawLength;
    }

    public int rawLength() {
        return rawLength;
    }

    byte[] spkiPrefix() {
        return spkiPrefix.clone();
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
