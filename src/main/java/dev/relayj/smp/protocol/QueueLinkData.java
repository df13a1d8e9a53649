package dev.relayj.smp.protocol;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;
import java.util.Arrays;

/**
 * The encrypted data behind a short link (SMP v15, {@code QueueLinkData}): fixed data, set once
 * at creation, and user data, which LSET may replace. Each is opaque to the server and encoded
 * as a {@code Large} byte string.
 */
public record QueueLinkData(byte[] fixedData, byte[] userData) {
    public QueueLinkData {
        checkLarge(fixedData);
        checkLarge(userData);
        fixedData = fixedData.clone();
        userData = userData.clone();
    }

    private static void checkLarge(byte[] data) {
        if (data.length > 0xFFFF) {
            throw new IllegalArgumentException("link data holds at most 65535 bytes, got " + data.length);
        }
    }

    @Override
    public byte[] fixedData() {
        return fixedData.clone();
    }

    @Override
    public byte[] userData() {
        return userData.clone();
    }

    public void writeTo(SmpWriter writer) {
        writer.writeLarge(fixedData).writeLarge(userData);
    }

    public static QueueLinkData readFrom(SmpReader reader) throws DecodingException {
        byte[] fixed = reader.readLarge();
        byte[] user = reader.readLarge();
        return new QueueLinkData(fixed, user);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QueueLinkData data
                && Arrays.equals(fixedData, data.fixedData)
                && Arrays.equals(userData, data.userData);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(fixedData) + Arrays.hashCode(userData);
    }

    @Override
    public String toString() {
        return "QueueLinkData[fixed " + fixedData.length + " bytes, user " + userData.length + " bytes]";
    }
}
