package dev.relayj.tls;

import java.security.SecureRandom;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The TLS crypto of the test clients. The tests keep Bouncy Castle's own pure-Java record cipher,
 * independent of the relay's; the benchmarks set {@link #BENCH_PROPERTY}, so that their clients
 * seal and open records at native speed with the JDK's cipher, as real clients do with theirs,
 * and do not take the CPU the relay under measurement shares with them.
 */
public final class ClientTlsCrypto {
    public static final String BENCH_PROPERTY = "relayj.bench.jdkClientCipher";

    private ClientTlsCrypto() {}

    public static BcTlsCrypto create(SecureRandom random) {
        return Boolean.getBoolean(BENCH_PROPERTY) ? new RelayTlsCrypto(random) : new BcTlsCrypto(random);
    }
}
