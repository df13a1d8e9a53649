package dev.relayj.encoding;

import java.util.OptionalInt;

/**
 * A protocol version range ({@code Simplex.Messaging.Version}): encoded as two Word16,
 * min then max; min never exceeds max.
 */
public record VersionRange(int min, int max) {
    public VersionRange {
        if (min < 0 || max > 0xFFFF || min > max) {
            throw new IllegalArgumentException("invalid version range " + min + "-" + max);
        }
    }

    public static VersionRange of(int version) {
        return new VersionRange(version, version);
    }

    public boolean contains(int version) {
        return min <= version && version <= max;
    }

    public boolean overlaps(VersionRange other) {
        return min <= other.max && other.min <= max;
    }

    /** The highest version both ranges support ({@code compatibleVersion}), if they overlap. */
    public OptionalInt highestCommon(VersionRange other) {
        return overlaps(other) ? OptionalInt.of(Math.min(max, other.max)) : OptionalInt.empty();
    }

    /** The intersection of both ranges ({@code compatibleVRange}), or null when they do not overlap. */
    public VersionRange intersect(VersionRange other) {
        return overlaps(other) ? new VersionRange(Math.max(min, other.min), Math.min(max, other.max)) : null;
    }

    public void writeTo(SmpWriter writer) {
        writer.writeWord16(min).writeWord16(max);
    }

    public static VersionRange readFrom(SmpReader reader) throws DecodingException {
        int min = reader.readWord16();
        int max = reader.readWord16();
        if (min > max) {
            throw new DecodingException("invalid version range " + min + "-" + max);
        }
        return new VersionRange(min, max);
    }

    /** The text form: {@code 6-18}, or {@code 6} when min equals max. */
    @Override
    public String toString() {
        return min == max ? Integer.toString(min) : min + "-" + max;
    }
}
