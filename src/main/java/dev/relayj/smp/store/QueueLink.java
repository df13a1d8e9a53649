package dev.relayj.smp.store;

import dev.relayj.protocol.EntityId;

import java.util.Arrays;

/**
 * A short link of a queue: its link id and the encrypted link data ({@code QueueLinkData}, a pair
 * of {@code EncDataBytes}: fixed data, then user data that the owner may replace).
 */
public record QueueLink(EntityId linkId, byte[] fixedData, byte[] userData) {
    public QueueLink {
        if (linkId == null) {
            throw new IllegalArgumentException("link id is required");
        }
        fixedData = fixedData.clone();
        userData = userData.clone();
    }

    @Override
    public byte[] fixedData() {
        return fixedData.clone();
    }

    @Override
    public byte[] userData() {
        return userData.clone();
    }

    /** Whether both links carry the same id and the same fixed data (the data a link may not change). */
    public boolean sameFixedPart(QueueLink other) {
        return linkId.equals(other.linkId) && Arrays.equals(fixedData, other.fixedData);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QueueLink link
                && linkId.equals(link.linkId)
                && Arrays.equals(fixedData, link.fixedData)
                && Arrays.equals(userData, link.userData);
    }

    @Override
    public int hashCode() {
        return linkId.hashCode() * 31 + Arrays.hashCode(fixedData);
    }

    @Override
    public String toString() {
        return "QueueLink[" + linkId + ", " + fixedData.length + "+" + userData.length + " bytes]";
    }
}
