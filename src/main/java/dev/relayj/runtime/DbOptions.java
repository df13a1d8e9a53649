package dev.relayj.runtime;

/**
 * The database options of [STORE_LOG] ({@code db_connection}, {@code db_schema},
 * {@code db_pool_size}), read by both servers; each has its own defaults.
 */
public record DbOptions(String connection, String schema, int poolSize) {}
