package dev.relayj.acme;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * The ACME account key: ECDSA P-256, signing JWS with ES256 (RFC 7518 section 3.4). Created once
 * and kept owner-only in the config directory, so every renewal uses the same account.
 */
final class AccountKey {
    private static final String PEM_TYPE = "PRIVATE KEY";

    private final ECPrivateKey privateKey;
    private final ECPublicKey publicKey;

    private AccountKey(ECPrivateKey privateKey, ECPublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Reads the key file, or creates it (mode 0600) when absent. */
    static AccountKey loadOrCreate(Path file) throws AcmeException {
        try {
            if (Files.exists(file)) {
                List<byte[]> der = Pem.decodeAll(Files.readString(file, StandardCharsets.US_ASCII), PEM_TYPE);
                if (der.isEmpty()) {
                    throw new AcmeException(file + ": no PRIVATE KEY block in the ACME account key file");
                }
                KeyFactory factory = KeyFactory.getInstance("EC");
                ECPrivateKey key = (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(der.get(0)));
                return new AccountKey(key, publicOf(key));
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            Pem.writeAtomically(file, Pem.encode(PEM_TYPE, pair.getPrivate().getEncoded()), true);
            return new AccountKey((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
        } catch (IOException e) {
            throw new AcmeException(file + ": cannot read or write the ACME account key: " + e.getMessage(), e);
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            throw new AcmeException(file + ": not a P-256 ACME account key: " + e.getMessage(), e);
        }
    }

    private static ECPublicKey publicOf(ECPrivateKey key) throws GeneralSecurityException {
        org.bouncycastle.jce.spec.ECNamedCurveParameterSpec curve =
                org.bouncycastle.jce.ECNamedCurveTable.getParameterSpec("secp256r1");
        org.bouncycastle.math.ec.ECPoint q = curve.getG().multiply(key.getS()).normalize();
        ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, key.getParams()));
    }

    /** The public key as a JWK, members in the lexicographic order RFC 7638 hashes. */
    Json.Obj jwk() {
        return Json.obj("crv", Json.str("P-256"), "kty", Json.str("EC"),
                "x", Json.str(coordinate(publicKey.getW().getAffineX())),
                "y", Json.str(coordinate(publicKey.getW().getAffineY())));
    }

    /** base64url(SHA-256(JWK)), the account part of every key authorization (RFC 8555 section 8.1). */
    String thumbprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Json.write(jwk()).getBytes(StandardCharsets.UTF_8));
            return base64Url(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** ES256: the raw 64-byte r||s signature JWS wants (not DER). */
    byte[] sign(byte[] data) throws AcmeException {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new AcmeException("cannot sign with the ACME account key: " + e.getMessage(), e);
        }
    }

    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - copy, fixed, 32 - copy, copy);
        return base64Url(fixed);
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
