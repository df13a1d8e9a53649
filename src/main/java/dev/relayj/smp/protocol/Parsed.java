package dev.relayj.smp.protocol;

/**
 * The outcome of parsing protocol input: a value, or the SMP error the reference answers with.
 * Parsers return this instead of throwing, whatever the input.
 */
public sealed interface Parsed<T> permits Parsed.Ok, Parsed.Failed {

    record Ok<T>(T value) implements Parsed<T> {}

    record Failed<T>(ErrorType error) implements Parsed<T> {}

    static <T> Parsed<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Parsed<T> failed(ErrorType error) {
        return new Failed<>(error);
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The value; fails with IllegalStateException when parsing failed (for callers that checked). */
    default T value() {
        if (this instanceof Ok<T>(T value)) {
            return value;
        }
        throw new IllegalStateException("parse failed: " + ((Failed<T>) this).error());
    }

    /** The error, or null when parsing succeeded. */
    default ErrorType error() {
        return this instanceof Failed<T>(ErrorType error) ? error : null;
    }
}
