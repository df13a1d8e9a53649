package dev.relayj.tls;

import java.io.IOException;
import java.security.SecureRandom;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipher;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Bouncy Castle's TLS crypto with ChaCha20-Poly1305 records sealed by the JDK (the suite every
 * SimpleX client and relay uses). Handshake, key exchange and signatures are Bouncy Castle's as
 * before; the bytes on the wire are the same.
 */
public final class RelayTlsCrypto extends BcTlsCrypto {
    public RelayTlsCrypto(SecureRandom random) {
        super(random);
    }

    @Override
    protected TlsCipher createChaCha20Poly1305(TlsCryptoParameters parameters) throws IOException {
        return new TlsAEADCipher(parameters, new JdkChaCha20Poly1305(true), new JdkChaCha20Poly1305(false), 32, 16,
                TlsAEADCipher.AEAD_CHACHA20_POLY1305);
    }
}
