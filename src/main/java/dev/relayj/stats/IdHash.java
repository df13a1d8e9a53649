package dev.relayj.stats;

/**
 * The hash under which an entity id enters the period sets, as the reference computes it:
 * {@code hash pId} of a ByteString ({@code updatePeriodStats} in {@code Server/Stats.hs}).
 *
 * <p>simplexmq pins {@code hashable ==1.4.*} at index-state 2023-12-12 ({@code cabal.project}),
 * which resolves to hashable 1.4.3.0 on 64-bit: FNV-1 over the bytes, salted with the length mixed
 * into the default salt by {@code hashInt} (four 16-bit rounds). Computing the same value keeps a
 * state file written by the reference server meaningful here: an id counted there is not counted
 * twice after a migration.
 */
public final class IdHash {
    private static final long FNV_PRIME = 1099511628211L;
    /** {@code defaultSalt'} of hashable 1.4.3.0 on 64-bit (14695981039346656037 as Int64). */
    private static final long DEFAULT_SALT = -3750763034362895579L;

    private IdHash() {}

    public static long of(byte[] id) {
        long h = hashInt(DEFAULT_SALT, id.length);
        for (byte b : id) {
            h = (h * FNV_PRIME) ^ (b & 0xff);
        }
        return h;
    }

    private static long hashInt(long salt, long x) {
        long h = salt;
        h = (h * FNV_PRIME) ^ ((x >> 48) & 0xffff);
        h = (h * FNV_PRIME) ^ ((x >> 32) & 0xffff);
        h = (h * FNV_PRIME) ^ ((x >> 16) & 0xffff);
        h = (h * FNV_PRIME) ^ (x & 0xffff);
        return h;
    }
}
