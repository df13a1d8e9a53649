package dev.relayj.smp.protocol;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The state of a queue, sent in answer to QUE as INFO with this JSON
 * ({@code QueueInfo} in {@code Server/QueueStore/QueueInfo.hs}, aeson with absent fields omitted):
 * <pre>{"qiSnd":true,"qiNtf":false,"qiSub":{"qSubThread":"noSub","qDelivered":"..."},"qiSize":1,
 * "qiMsg":{"msgId":"...","msgTs":"2025-01-01T00:00:00Z","msgType":"message"}}</pre>
 *
 * @param subscription the subscription of the asking connection, or null
 * @param message the first message in the queue, or null
 */
public record QueueInfo(boolean secured, boolean hasNotifier, Subscription subscription, long size, MessageInfo message) {

    /** @param delivered base64 of the id of the message delivered and not yet acknowledged, or null */
    public record Subscription(SubscriptionThread thread, String delivered) {}

    public enum SubscriptionThread {
        NO_SUB("noSub"),
        SUB_PENDING("subPending"),
        SUB_THREAD("subThread"),
        PROHIBIT_SUB("prohibitSub");

        private final String json;

        SubscriptionThread(String json) {
            this.json = json;
        }
    }

    /** @param msgId the message id in standard (not URL) base64 */
    public record MessageInfo(String msgId, Instant timestamp, MessageType type) {}

    public enum MessageType {
        MESSAGE("message"),
        QUOTA("quota");

        private final String json;

        MessageType(String json) {
            this.json = json;
        }
    }

    public String toJson() {
        StringBuilder out = new StringBuilder("{\"qiSnd\":").append(secured).append(",\"qiNtf\":").append(hasNotifier);
        if (subscription != null) {
            out.append(",\"qiSub\":{\"qSubThread\":").append(Json.quote(subscription.thread().json));
            if (subscription.delivered() != null) {
                out.append(",\"qDelivered\":").append(Json.quote(subscription.delivered()));
            }
            out.append('}');
        }
        out.append(",\"qiSize\":").append(size);
        if (message != null) {
            out.append(",\"qiMsg\":{\"msgId\":").append(Json.quote(message.msgId()))
                    .append(",\"msgTs\":\"").append(formatTime(message.timestamp()))
                    .append("\",\"msgType\":").append(Json.quote(message.type().json)).append('}');
        }
        return out.append('}').toString();
    }

    /**
     * A time as aeson writes {@code UTCTime}: seconds always, then the fraction in groups of
     * three digits with trailing zero groups dropped.
     */
    static String formatTime(Instant time) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(time.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d",
                t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()));
        int nanos = time.getNano();
        if (nanos != 0) {
            String digits = String.format("%09d", nanos);
            while (digits.endsWith("000")) {
                digits = digits.substring(0, digits.length() - 3);
            }
            out.append('.').append(digits);
        }
        return out.append('Z').toString();
    }

    public static QueueInfo fromJson(String json) throws DecodingException {
        Map<?, ?> fields = object(Json.parse(json), "QueueInfo");
        Object sub = fields.get("qiSub");
        Subscription subscription = null;
        if (sub != null && sub != Json.NULL) {
            Map<?, ?> subFields = object(sub, "QSub");
            SubscriptionThread thread = null;
            for (SubscriptionThread value : SubscriptionThread.values()) {
                if (value.json.equals(subFields.get("qSubThread"))) {
                    thread = value;
                }
            }
            if (thread == null) {
                throw new DecodingException("bad qSubThread");
            }
            subscription = new Subscription(thread, optionalString(subFields.get("qDelivered")));
        }
        Object msg = fields.get("qiMsg");
        MessageInfo message = null;
        if (msg != null && msg != Json.NULL) {
            Map<?, ?> msgFields = object(msg, "MsgInfo");
            MessageType type = null;
            for (MessageType value : MessageType.values()) {
                if (value.json.equals(msgFields.get("msgType"))) {
                    type = value;
                }
            }
            String msgId = optionalString(msgFields.get("msgId"));
            String ts = optionalString(msgFields.get("msgTs"));
            if (type == null || msgId == null || ts == null) {
                throw new DecodingException("bad MsgInfo");
            }
            try {
                message = new MessageInfo(msgId, Instant.parse(ts), type);
            } catch (DateTimeParseException e) {
                throw new DecodingException("bad msgTs");
            }
        }
        if (!(fields.get("qiSnd") instanceof Boolean snd) || !(fields.get("qiNtf") instanceof Boolean ntf)
                || !(fields.get("qiSize") instanceof BigDecimal size)) {
            throw new DecodingException("bad QueueInfo");
        }
        try {
            return new QueueInfo(snd, ntf, subscription, size.longValueExact(), message);
        } catch (ArithmeticException e) {
            throw new DecodingException("bad qiSize");
        }
    }

    private static Map<?, ?> object(Object value, String what) throws DecodingException {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new DecodingException(what + " must be a JSON object");
    }

    private static String optionalString(Object value) throws DecodingException {
        if (value == null || value == Json.NULL) {
            return null;
        }
        if (value instanceof String text) {
            return text;
        }
        throw new DecodingException("expected a JSON string");
    }
}
