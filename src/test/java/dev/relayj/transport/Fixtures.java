package dev.relayj.transport;

import dev.relayj.crypto.Hashes;
import dev.relayj.crypto.SignaturePrivateKey;
import dev.relayj.testing.ReferenceFixtures;
import java.util.List;

/** The reference's test certificates (simplexmq tests/fixtures), as DER and keys. */
final class Fixtures {
    private Fixtures() {}

    /** The Ed448 server chain [server.crt, ca.crt], as the reference's test server sends it. */
    static CertificateChain serverChain() {
        return CertificateChain.of(List.of(pem("server.crt"), pem("ca.crt")));
    }

    static SignaturePrivateKey serverKey() {
        return key("server.key");
    }

    /** SHA-256 of ca.crt: the server identity of the reference's test server. */
    static byte[] serverKeyHash() {
        return Hashes.sha256(pem("ca.crt"));
    }

    /** The Ed25519 chain, used here as a service client's certificate. */
    static CertificateChain ed25519Chain() {
        return CertificateChain.of(List.of(pem("ed25519/server.crt"), pem("ed25519/ca.crt")));
    }

    static SignaturePrivateKey ed25519Key() {
        return key("ed25519/server.key");
    }

    static byte[] pem(String name) {
        return ReferenceFixtures.pem(name);
    }

    private static SignaturePrivateKey key(String name) {
        try {
            return SignaturePrivateKey.fromPkcs8(pem(name));
        } catch (dev.relayj.encoding.DecodingException e) {
            throw new IllegalStateException(name + ": " + e.getMessage());
        }
    }
}
