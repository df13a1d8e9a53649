package dev.relayj.xftp.protocol;

import java.util.List;

/**
 * The chunk sizes a server accepts ({@code serverChunkSizes} in {@code FileTransfer/Chunks.hs}):
 * 64 KB, 256 KB, 1 MB and 4 MB. {@code FNEW} with any other size is answered {@code ERR SIZE}.
 */
public final class XftpChunkSizes {
    private XftpChunkSizes() {}

    public static final List<Long> SERVER_CHUNK_SIZES = List.of(64L * 1024, 256L * 1024, 1024L * 1024, 4L * 1024 * 1024);

    /** Exact membership, as {@code size file `elem` allowedChunkSizes} in {@code FileTransfer/Server.hs}. */
    public static boolean isAllowed(long size, List<Long> allowedSizes) {
        return allowedSizes.contains(size);
    }
}
