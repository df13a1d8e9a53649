package dev.relayj.smp.server;

import dev.relayj.crypto.SignaturePrivateKey;
import dev.relayj.encoding.DecodingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The online certificate's private key (server.key, PKCS#8 PEM), which signs each session key in
 * the SMP handshake ({@code C.x509ToPrivate'} of {@code tlsServerCreds} in Server.hs).
 */
final class SigningKeyFile {
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private SigningKeyFile() {}

    static SignaturePrivateKey read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IOException(file + ": no PRIVATE KEY block");
        }
        String body = text.substring(begin + BEGIN.length(), end).replaceAll("\\s", "");
        try {
            return SignaturePrivateKey.fromPkcs8(Base64.getDecoder().decode(body));
        } catch (IllegalArgumentException | DecodingException e) {
            throw new IOException(file + ": not an Ed25519 or Ed448 private key (" + e.getMessage() + ")");
        }
    }
}
