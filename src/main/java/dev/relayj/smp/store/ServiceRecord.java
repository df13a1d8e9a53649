package dev.relayj.smp.store;

import dev.relayj.protocol.EntityId;
import dev.relayj.transport.ServiceRole;

import java.util.Arrays;
import java.util.List;

/**
 * A client service known to the server ({@code ServiceRec} in simplexmq's {@code QueueStore.hs}):
 * its id, role, certificate chain (DER, leaf first), the SHA-512 fingerprint of its long-term
 * certificate that identifies it, and the day it was created (epoch seconds rounded to a day).
 */
public record ServiceRecord(EntityId serviceId, ServiceRole role, List<byte[]> certChain, byte[] certHash,
        long createdAt) {
    public ServiceRecord {
        if (serviceId == null || role == null || certChain.isEmpty()) {
            throw new IllegalArgumentException("service id, role and certificate are required");
        }
        certChain = certChain.stream().map(byte[]::clone).toList();
        certHash = certHash.clone();
    }

    @Override
    public List<byte[]> certChain() {
        return certChain.stream().map(byte[]::clone).toList();
    }

    @Override
    public byte[] certHash() {
        return certHash.clone();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ServiceRecord record)) {
            return false;
        }
        if (certChain.size() != record.certChain.size()) {
            return false;
        }
        for (int i = 0; i < certChain.size(); i++) {
            if (!Arrays.equals(certChain.get(i), record.certChain.get(i))) {
                return false;
            }
        }
        return serviceId.equals(record.serviceId) && role == record.role
                && Arrays.equals(certHash, record.certHash) && createdAt == record.createdAt;
    }

    @Override
    public int hashCode() {
        return serviceId.hashCode();
    }

    @Override
    public String toString() {
        return "ServiceRecord[" + serviceId + ", " + role + "]";
    }
}
