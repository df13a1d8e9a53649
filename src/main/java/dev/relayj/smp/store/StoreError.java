package dev.relayj.smp.store;

/**
 * Why a store operation failed; the server answers with the SMP error of the same name
 * ({@code ErrorType} in simplexmq's {@code Protocol.hs}: AUTH, DUPLICATE_, SERVICE, STORE, QUOTA).
 */
public enum StoreError {
    /** No such queue, or it was deleted, or the credentials do not match. */
    AUTH,
    /** An id is already in use. */
    DUPLICATE,
    /** A service exists with this certificate but another role. */
    SERVICE,
    /** The store could not persist the change. */
    STORE,
    /** The queue is full. */
    QUOTA
}
