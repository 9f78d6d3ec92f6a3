package dev.geminilive.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * The JSON codec of the Live protocol. Writes camelCase proto3 JSON with standard base64 and int64 as strings.
 * <ul>
 * <li>{@link #lenient()} (clients): unknown fields and enum values are ignored, int64 read from strings or numbers,
 * Durations from {@code "50s"} strings.</li>
 * <li>{@link #strict()} (the emulator): parses as the real server does: snake_case and camelCase keys, both base64
 * alphabets, and any unknown field or value is a {@link ProtocolException} worded as the server's close reason.</li>
 * </ul>
 * Instances are immutable and thread-safe; each holds one {@link ObjectMapper} configured once.
 */
public final class LiveCodec {

    private static final LiveCodec LENIENT = new LiveCodec(false);
    private static final LiveCodec STRICT = new LiveCodec(true);

    /** Keys whose values are free-form JSON (user data or schemas): never renamed. */
    private static final Set<String> OPAQUE_FIELDS = Set.of("args", "response", "parameters", "parametersJsonSchema",
            "responseJsonSchema", "googleSearch", "codeExecution", "googleMaps", "urlContext", "fileSearch", "computerUse",
            "mcpServers", "groundingMetadata", "urlContextMetadata", "googleSearchRetrieval", "responseSchema", "responseFormat",
            // user-chosen keys: labels and part metadata are maps whose keys belong to the caller
            "labels", "partMetadata");

    private static final Set<String> CLIENT_ENVELOPE = Set.of("setup", "clientContent", "realtimeInput", "toolResponse",
            "contextUpdate");

    private final boolean strict;
    private final ObjectMapper mapper;

    private LiveCodec(boolean strict) {
        this.strict = strict;
        SimpleModule module = new SimpleModule("gemini-live");
        module.addSerializer(Duration.class, new DurationSerializer());
        module.addDeserializer(Duration.class, new DurationDeserializer());
        module.addSerializer(byte[].class, new Base64Serializer());
        module.addDeserializer(byte[].class, new Base64Deserializer());
        this.mapper = JsonMapper.builder()
                .addModule(module)
                // null fields are omitted, but null values inside free-form maps (function args, responses) are kept
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
                // convenience methods such as ServerContent.isTurnComplete() are not wire fields
                .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, strict)
                .configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL, !strict)
                // one frame is one JSON value: "{...} garbage" or "{...}{...}" is malformed
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** @return the codec for clients: tolerant of fields it does not know */
    public static LiveCodec lenient() {
        return LENIENT;
    }

    /** @return the codec for servers: rejects what the real server rejects */
    public static LiveCodec strict() {
        return STRICT;
    }

    /** @return whether this codec rejects unknown fields */
    public boolean isStrict() {
        return strict;
    }

    /**
     * @return the message as compact JSON
     * @throws IllegalArgumentException when the message cannot be written, e.g. a string in it holds a lone surrogate,
     *                                  which no text frame can carry
     */
    public String encode(ClientMessage message) {
        return wellFormed(write(message), message.kind());
    }

    /**
     * @return the message as compact JSON
     * @throws IllegalArgumentException when the message cannot be written, e.g. a string in it holds a lone surrogate
     */
    public String encode(ServerMessage message) {
        return wellFormed(write(message), message.kind());
    }

    private static String wellFormed(String json, Object kind) {
        int at = Utf16.firstLoneSurrogate(json);
        if (at >= 0) {
            throw new IllegalArgumentException("Cannot write " + kind + " message: a string in it is not valid UTF-16 ("
                    + Utf16.describe(json, at) + " of the JSON)");
        }
        return json;
    }

    /** @return the message as UTF-8 JSON bytes, the payload of a binary frame */
    public byte[] encodeBytes(ServerMessage message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + message.kind() + " message: " + e.getOriginalMessage(), e);
        }
    }

    /** @return any wire-model value (a record, map or list) as JSON */
    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a server message from a text frame. */
    public ServerMessage decodeServer(String json) {
        return decode(() -> mapper.readTree(json), ServerMessage.class, "server message");
    }

    /** Reads a server message from the UTF-8 payload of a binary frame. */
    public ServerMessage decodeServer(byte[] utf8) {
        return decode(() -> mapper.readTree(utf8), ServerMessage.class, "server message");
    }

    /** Reads a server message from the UTF-8 payload of a binary frame. */
    public ServerMessage decodeServer(ByteBuffer utf8) {
        return decodeServer(toBytes(utf8));
    }

    /** Reads a client message from a text frame. */
    public ClientMessage decodeClient(String json) {
        return decode(() -> mapper.readTree(json), ClientMessage.class, "client message");
    }

    /** Reads a client message from the UTF-8 payload of a binary frame. */
    public ClientMessage decodeClient(byte[] utf8) {
        return decode(() -> mapper.readTree(utf8), ClientMessage.class, "client message");
    }

    /** Reads a client message from the UTF-8 payload of a binary frame. */
    public ClientMessage decodeClient(ByteBuffer utf8) {
        return decodeClient(toBytes(utf8));
    }

    /**
     * Converts a JSON tree or a plain map into a wire-model type, with this codec's rules.
     *
     * @throws ProtocolException when the value does not fit the type
     */
    public <T> T convert(Object value, Class<T> type) {
        JsonNode tree = value instanceof JsonNode n ? n : mapper.valueToTree(value);
        return decode(() -> tree, type, type.getSimpleName());
    }

    /** Reads any JSON text into a wire-model type with this codec's rules. */
    public <T> T read(String json, Class<T> type) {
        return decode(() -> mapper.readTree(json), type, type.getSimpleName());
    }

    /** @return the shared mapper, for callers that need to turn wire values into plain maps */
    public ObjectMapper mapper() {
        return mapper;
    }

    @FunctionalInterface
    private interface TreeSource {
        JsonNode read() throws IOException;
    }

    private <T> T decode(TreeSource source, Class<T> type, String what) {
        JsonNode tree;
        try {
            tree = source.read();
        } catch (IOException e) {
            throw new ProtocolException("Invalid JSON payload received. " + firstLine(e), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new ProtocolException("Invalid JSON payload received. Expected a JSON object for the " + what + ".", null);
        }
        if (strict) {
            tree = normalizeKeys(tree);
            if (type == ClientMessage.class) {
                checkClientEnvelope((ObjectNode) tree);
            }
        }
        try {
            return mapper.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            String at = path(e);
            throw new ProtocolException("Invalid JSON payload received. Unknown name \"" + e.getPropertyName() + "\""
                    + (at.isEmpty() ? "" : " at '" + at + "'") + ": Cannot find field.", e);
        } catch (InvalidFormatException e) {
            throw new ProtocolException("Invalid value at '" + path(e) + "', \"" + e.getValue() + "\"", e);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ProtocolException("Request contains an invalid argument. " + cause.getMessage(), e);
        } catch (JsonMappingException e) {
            String at = path(e);
            throw new ProtocolException("Invalid JSON payload received." + (at.isEmpty() ? " " : " Invalid value at '" + at + "': ")
                    + firstLine(e), e);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ProtocolException("Invalid JSON payload received. " + firstLine(e), e);
        }
    }

    private static void checkClientEnvelope(ObjectNode tree) {
        for (Iterator<String> it = tree.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!CLIENT_ENVELOPE.contains(name)) {
                throw new ProtocolException("Invalid JSON payload received. Unknown name \"" + name + "\": Cannot find field.", null);
            }
        }
    }

    /** snake_case keys become camelCase, except inside free-form values. */
    private static JsonNode normalizeKeys(JsonNode node) {
        if (node.isObject()) {
            ObjectNode in = (ObjectNode) node;
            ObjectNode out = in.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = camel(e.getKey());
                out.set(key, OPAQUE_FIELDS.contains(key) ? e.getValue() : normalizeKeys(e.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            var out = node.deepCopy();
            for (int i = 0; i < out.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) out).set(i, normalizeKeys(node.get(i)));
            }
            return out;
        }
        return node;
    }

    static String camel(String key) {
        if (key.indexOf('_') < 0) {
            return key;
        }
        StringBuilder sb = new StringBuilder(key.length());
        boolean upper = false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '_') {
                upper = sb.length() > 0;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    static String snake(String key) {
        StringBuilder sb = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isUpperCase(c)) {
                sb.append('_').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The path of the object that holds the failing field, in the server's snake_case form. */
    private static String path(JsonMappingException e) {
        List<JsonMappingException.Reference> refs = new ArrayList<>(e.getPath());
        if (e instanceof UnrecognizedPropertyException && !refs.isEmpty()) {
            refs.remove(refs.size() - 1);
        }
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(snake(r.getFieldName()));
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static byte[] toBytes(ByteBuffer buf) {
        ByteBuffer b = buf.duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    /** @return the UTF-8 text of a binary frame */
    public static String utf8(ByteBuffer buf) {
        return new String(toBytes(buf), StandardCharsets.UTF_8);
    }

    private static final class DurationSerializer extends StdSerializer<Duration> {
        DurationSerializer() {
            super(Duration.class);
        }

        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(ProtoDurations.format(value));
        }
    }

    private static final class DurationDeserializer extends StdDeserializer<Duration> {
        DurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING || p.currentToken().isNumeric()) {
                try {
                    return ProtoDurations.parse(p.getText());
                } catch (IllegalArgumentException e) {
                    throw InvalidFormatException.from(p, e.getMessage(), p.getText(), Duration.class);
                }
            }
            return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
        }
    }

    private static final class Base64Serializer extends StdSerializer<byte[]> {
        Base64Serializer() {
            super(byte[].class);
        }

        @Override
        public void serialize(byte[] value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(Base64.getEncoder().encodeToString(value));
        }
    }

    /** Accepts the standard and the URL-safe alphabet, with or without padding, as the real server does. */
    private static final class Base64Deserializer extends StdDeserializer<byte[]> {
        Base64Deserializer() {
            super(byte[].class);
        }

        @Override
        public byte[] deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (byte[]) ctxt.handleUnexpectedToken(byte[].class, p);
            }
            String text = p.getText();
            if (!isWellFormedBase64(text)) {
                throw InvalidFormatException.from(p, "Invalid value: not base64", text.length() > 16 ? text.substring(0, 16) + "..." : text,
                        byte[].class);
            }
            return org.apache.commons.codec.binary.Base64.decodeBase64(text);
        }

        /**
         * Either alphabet, whitespace ignored, padding optional but only at the end, and no dangling single character
         * (which cannot encode a byte; commons-codec would silently drop it).
         */
        static boolean isWellFormedBase64(String text) {
            int data = 0;
            int padding = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    continue;
                }
                if (c == '=') {
                    padding++;
                } else if (padding > 0 || c > 0x7f || !org.apache.commons.codec.binary.Base64.isBase64((byte) c)) {
                    return false;
                } else {
                    data++;
                }
            }
            return data % 4 != 1 && padding <= 2 && (padding == 0 || (data + padding) % 4 == 0);
        }
    }
}
