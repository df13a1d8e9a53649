package dev.relayj.xftp.server;

import dev.relayj.crypto.PublicKey;
import dev.relayj.crypto.SignaturePrivateKey;
import dev.relayj.encoding.Base64Url;
import dev.relayj.encoding.DecodingException;
import dev.relayj.tls.ServerCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What the server proves itself with in XFTP handshakes: the certificate chain it sends in TLS, the
 * online certificate's private key that signs session keys and web challenges, and the CA
 * fingerprint clients must name ({@code tlsServerCreds}, {@code serverIdentity} of
 * {@code FileTransfer/Server/Env.hs}).
 */
final class ServerIdentity {
    private final List<byte[]> chain;
    private final SignaturePrivateKey signKey;
    private final byte[] keyHash;

    ServerIdentity(List<byte[]> chain, SignaturePrivateKey signKey, byte[] keyHash) {
        this.chain = List.copyOf(chain);
        this.signKey = signKey;
        this.keyHash = keyHash.clone();
    }

    /** The chain of {@code credentials} and the key in {@code keyFile}, which must be Ed25519 or Ed448. */
    static ServerIdentity load(ServerCredentials credentials, Path keyFile) throws IOException {
        List<byte[]> chain = new ArrayList<>();
        for (X509Certificate certificate : credentials.chain()) {
            try {
                chain.add(certificate.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IOException("cannot encode server certificate: " + e.getMessage(), e);
            }
        }
        SignaturePrivateKey key;
        try {
            key = SignaturePrivateKey.fromPkcs8(pemBody(keyFile));
        } catch (DecodingException e) {
            // as the reference's "Server has no valid key" (FileTransfer/Server.hs runServer)
            throw new IOException("Server has no valid key: " + keyFile + ": " + e.getMessage(), e);
        }
        byte[] keyHash;
        try {
            keyHash = Base64Url.decode(credentials.caFingerprint());
        } catch (DecodingException e) {
            throw new IllegalStateException("CA fingerprint is not base64url", e);
        }
        return new ServerIdentity(chain, key, keyHash);
    }

    List<byte[]> chain() {
        return chain;
    }

    byte[] keyHash() {
        return keyHash.clone();
    }

    byte[] signSessionKey(PublicKey sessionKey) {
        return SignedSessionKey.sign(signKey, sessionKey);
    }

    byte[] sign(byte[] message) {
        return signKey.sign(message).bytes();
    }

    private static byte[] pemBody(Path file) throws IOException, DecodingException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new DecodingException("no PRIVATE KEY in PEM file");
        }
        String body = text.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end);
        try {
            return Base64.getMimeDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new DecodingException("bad base64 in PEM file");
        }
    }
}
