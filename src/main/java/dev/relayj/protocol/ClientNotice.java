package dev.relayj.protocol;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.Json;
import java.math.BigDecimal;
import java.util.Map;

/**
 * A notice to show the users of a blocked entity (SMP v18, {@code ClientNotice} in
 * {@code Protocol/Types.hs}): JSON {@code {"ttl":seconds}}, or {@code {}} when it never expires.
 *
 * @param ttlSeconds how long the notice holds, or null for indefinitely
 */
public record ClientNotice(Long ttlSeconds) {

    public String toJson() {
        // aeson with omitNothingFields drops an absent ttl
        return ttlSeconds == null ? "{}" : "{\"ttl\":" + ttlSeconds + "}";
    }

    /** Reads the notice as aeson does: other fields are ignored, a null ttl is absent. */
    public static ClientNotice fromJson(String json) throws DecodingException {
        if (!(Json.parse(json) instanceof Map<?, ?> fields)) {
            throw new DecodingException("a client notice must be a JSON object");
        }
        Object ttl = fields.get("ttl");
        if (ttl == null || ttl == Json.NULL) {
            return new ClientNotice(null);
        }
        if (!(ttl instanceof BigDecimal number)) {
            throw new DecodingException("client notice ttl must be a number");
        }
        try {
            return new ClientNotice(number.longValueExact());
        } catch (ArithmeticException e) {
            throw new DecodingException("client notice ttl must be a 64-bit integer");
        }
    }
}
