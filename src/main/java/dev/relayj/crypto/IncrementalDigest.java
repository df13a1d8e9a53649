package dev.relayj.crypto;

import java.util.Objects;
import org.bouncycastle.crypto.Digest;

/** A digest fed in pieces; one owner thread, finished once by {@link #digest()}. */
public final class IncrementalDigest {
    private final Digest digest;
    private boolean finished;

    IncrementalDigest(Digest digest) {
        this.digest = digest;
    }

    public void update(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        checkOpen();
        digest.update(data, offset, length);
    }

    public void update(byte[] data) {
        update(data, 0, data.length);
    }

    public byte[] digest() {
        checkOpen();
        finished = true;
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("digest already finished");
        }
    }
}
