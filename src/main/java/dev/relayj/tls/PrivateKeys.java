package dev.relayj.tls;

import java.io.IOException;
import java.nio.file.Path;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.util.io.pem.PemObject;

/** Private key files: PKCS#8 as openssl genpkey writes them, and the PKCS#1 / SEC1 forms of web keys. */
final class PrivateKeys {
    private PrivateKeys() {}

    /** The first private key in a PEM file (Ed25519, Ed448, RSA or EC). */
    static AsymmetricKeyParameter read(Path file) throws IOException {
        for (PemObject block : PemFiles.read(file)) {
            switch (block.getType()) {
                case PemFiles.PRIVATE_KEY:
                    return parse(file, () -> PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(block.getContent())));
                case "RSA PRIVATE KEY":
                    return parse(file, () -> rsa(RSAPrivateKey.getInstance(block.getContent())));
                case "EC PRIVATE KEY":
                    return parse(file, () -> ec(ECPrivateKey.getInstance(block.getContent())));
                case "ENCRYPTED PRIVATE KEY":
                    throw new IOException(file + ": encrypted private keys are not supported");
                default:
                    break;
            }
        }
        throw new IOException(file + ": no PRIVATE KEY found");
    }

    /** PKCS#8 version 0 without the public key, byte for byte what openssl genpkey writes for Ed keys. */
    static byte[] encodePkcs8(AsymmetricKeyParameter key) throws IOException {
        SignAlgorithm algorithm = SignAlgorithm.ofPrivateKey(key);
        byte[] raw = switch (algorithm) {
            case ED25519 -> ((Ed25519PrivateKeyParameters) key).getEncoded();
            case ED448 -> ((Ed448PrivateKeyParameters) key).getEncoded();
            case null -> throw new IllegalArgumentException("not an Ed25519 or Ed448 key");
        };
        return new PrivateKeyInfo(new AlgorithmIdentifier(algorithm.oid()), new DEROctetString(raw))
                .getEncoded(ASN1Encoding.DER);
    }

    private interface KeyParser {
        AsymmetricKeyParameter parse() throws IOException;
    }

    private static AsymmetricKeyParameter parse(Path file, KeyParser parser) throws IOException {
        try {
            return parser.parse();
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": invalid private key (" + e.getMessage() + ")");
        }
    }

    private static AsymmetricKeyParameter rsa(RSAPrivateKey key) {
        return new RSAPrivateCrtKeyParameters(key.getModulus(), key.getPublicExponent(), key.getPrivateExponent(),
                key.getPrime1(), key.getPrime2(), key.getExponent1(), key.getExponent2(), key.getCoefficient());
    }

    private static AsymmetricKeyParameter ec(ECPrivateKey key) throws IOException {
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, key.getParametersObject());
        return PrivateKeyFactory.createKey(new PrivateKeyInfo(algorithm, key));
    }
}
