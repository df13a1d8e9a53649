package dev.relayj.xftp.server;

import dev.relayj.xftp.protocol.XftpBlock;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A request body split as the reference reads it ({@code getHTTP2Body r xftpBlockSize},
 * {@code Transport/HTTP2.hs}): the head is the first block (less when the body is shorter); only
 * when the head is a whole block may a part follow, such as the chunk of {@code FPUT}.
 */
record RequestBody(byte[] head, InputStream rest) {

    static RequestBody read(InputStream body) throws IOException {
        byte[] head = body.readNBytes(XftpBlock.SIZE);
        return new RequestBody(head, head.length == XftpBlock.SIZE ? body : null);
    }

    @Override
    public byte[] head() {
        return head.clone();
    }

    boolean isEmpty() {
        return head.length == 0;
    }

    boolean isFullBlock() {
        return head.length == XftpBlock.SIZE;
    }

    static RequestBody of(byte[] head) {
        return new RequestBody(Arrays.copyOf(head, head.length), null);
    }
}
