package dev.geminilive.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.util.ByteBufferBackedInputStream;
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

    /** Built on first use: a client never needs the strict codec, nor the emulator (mostly) the lenient one. */
    private static final class Lenient {
        static final LiveCodec CODEC = new LiveCodec(false);
    }

    private static final class Strict {
        static final LiveCodec CODEC = new LiveCodec(true);
    }

    /** Keys whose values are free-form JSON (user data or schemas): never renamed. */
    private static final Set<String> OPAQUE_FIELDS = Set.of("args", "response", "parameters", "parametersJsonSchema",
            "responseJsonSchema", "googleSearch", "codeExecution", "googleMaps", "urlContext", "fileSearch", "computerUse",
            "mcpServers", "groundingMetadata", "urlContextMetadata", "googleSearchRetrieval", "responseSchema", "responseFormat",
            // user-chosen keys: labels and part metadata are maps whose keys belong to the caller
            "labels", "partMetadata");

    private final boolean strict;
    private final ObjectMapper mapper;
    // Built on first decode, not with the mapper: a reader builds the deserializers of its whole message graph at once,
    // and a client never reads client messages (nor a server server messages)
    private volatile ObjectReader serverReader;
    private volatile ObjectReader clientReader;

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

    private ObjectReader serverReader() {
        ObjectReader r = serverReader;
        if (r == null) {
            // a race builds two readers over the same cached deserializers: harmless
            r = mapper.readerFor(ServerMessage.class);
            serverReader = r;
        }
        return r;
    }

    private ObjectReader clientReader() {
        ObjectReader r = clientReader;
        if (r == null) {
            r = mapper.readerFor(ClientMessage.class);
            clientReader = r;
        }
        return r;
    }

    /** @return the codec for clients: tolerant of fields it does not know */
    public static LiveCodec lenient() {
        return Lenient.CODEC;
    }

    /** @return the codec for servers: rejects what the real server rejects */
    public static LiveCodec strict() {
        return Strict.CODEC;
    }

    /** A server's usual first frames in one: what a client's first session reads. */
    private static final String WARM_UP_FRAME = "{\"setupComplete\":{},\"serverContent\":{\"modelTurn\":{\"role\":\"model\","
            + "\"parts\":[{\"text\":\".\"}]},\"turnComplete\":true},\"usageMetadata\":{\"totalTokenCount\":1},"
            + "\"sessionResumptionUpdate\":{\"newHandle\":\"h\",\"resumable\":true}}";

    /**
     * Does now what a fresh JVM's first session would otherwise do on its critical path: builds the serializers of the
     * messages a client writes (setup, realtime input) and the deserializers of every server message, and runs the
     * parser and generator once. Hundreds of milliseconds in a fresh JVM, next to nothing after; nothing observable
     * changes. Safe to call from any thread, concurrently with real use.
     *
     * @return this codec
     */
    public LiveCodec warmUp() {
        Setup setup = Setup.builder("models/warm-up").generationConfig(GenerationConfig.of(Modality.TEXT))
                .sessionResumption(SessionResumptionConfig.newSession()).build();
        encodeFrame(ClientMessage.of(setup));
        encodeFrame(ClientMessage.realtimeText("."));
        decodeServer(WARM_UP_FRAME.getBytes(StandardCharsets.UTF_8));
        return this;
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

    /**
     * A client message as a text frame, with the frame's length in UTF-8 (counted in the same pass that checks the
     * text can be written), so a writer need not count it again.
     *
     * @param json      the message as compact JSON
     * @param utf8Bytes its length in UTF-8
     */
    public record Encoded(String json, long utf8Bytes) {
    }

    /**
     * @return the message as compact JSON, and its UTF-8 length
     * @throws IllegalArgumentException as {@link #encode(ClientMessage)}
     */
    public Encoded encodeFrame(ClientMessage message) {
        String json = write(message);
        return new Encoded(json, utf8Length(json, message.kind()));
    }

    private static String wellFormed(String json, Object kind) {
        utf8Length(json, kind);
        return json;
    }

    private static long utf8Length(String json, Object kind) {
        long bytes = Utf16.utf8Length(json);
        if (bytes < 0) {
            int at = (int) (-1L - bytes);
            throw new IllegalArgumentException("Cannot write " + kind + " message: a string in it is not valid UTF-16 ("
                    + Utf16.describe(json, at) + " of the JSON)");
        }
        return bytes;
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
        return decode(() -> mapper.createParser(json), serverReader(), "server message");
    }

    /** Reads a server message from the UTF-8 payload of a binary frame. */
    public ServerMessage decodeServer(byte[] utf8) {
        return decode(() -> mapper.createParser(utf8), serverReader(), "server message");
    }

    /** Reads a server message from the UTF-8 payload of a binary frame; the buffer's position is not changed. */
    public ServerMessage decodeServer(ByteBuffer utf8) {
        return decode(() -> parser(utf8), serverReader(), "server message");
    }

    /** Reads a client message from a text frame. */
    public ClientMessage decodeClient(String json) {
        return decode(() -> mapper.createParser(json), clientReader(), "client message");
    }

    /** Reads a client message from the UTF-8 payload of a binary frame. */
    public ClientMessage decodeClient(byte[] utf8) {
        return decode(() -> mapper.createParser(utf8), clientReader(), "client message");
    }

    /** Reads a client message from the UTF-8 payload of a binary frame; the buffer's position is not changed. */
    public ClientMessage decodeClient(ByteBuffer utf8) {
        return decode(() -> parser(utf8), clientReader(), "client message");
    }

    /**
     * Converts a JSON tree or a plain map into a wire-model type, with this codec's rules.
     *
     * @throws ProtocolException when the value does not fit the type
     */
    public <T> T convert(Object value, Class<T> type) {
        JsonNode tree = value instanceof JsonNode n ? n : mapper.valueToTree(value);
        return decode(() -> mapper.treeAsTokens(tree), mapper.readerFor(type), type.getSimpleName());
    }

    /** Reads any JSON text into a wire-model type with this codec's rules. */
    public <T> T read(String json, Class<T> type) {
        return decode(() -> mapper.createParser(json), mapper.readerFor(type), type.getSimpleName());
    }

    /** @return the shared mapper, for callers that need to turn wire values into plain maps */
    public ObjectMapper mapper() {
        return mapper;
    }

    @FunctionalInterface
    private interface ParserSource {
        JsonParser open() throws IOException;
    }

    /** A parser over the buffer's remaining bytes: its backing array in place when it has one, never a copy. */
    private JsonParser parser(ByteBuffer utf8) throws IOException {
        if (utf8.hasArray()) {
            return mapper.createParser(utf8.array(), utf8.arrayOffset() + utf8.position(), utf8.remaining());
        }
        return mapper.createParser(new ByteBufferBackedInputStream(utf8.duplicate()));
    }

    /**
     * One pass from the frame's text to the record: the parser feeds the deserializers directly (no tree in between).
     * The strict codec reads keys through {@link CamelCaseKeys}, so snake_case keys reach the records as camelCase.
     */
    private <T> T decode(ParserSource source, ObjectReader reader, String what) {
        try (JsonParser raw = source.open()) {
            JsonParser p = strict ? new CamelCaseKeys(raw) : raw;
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ProtocolException("Invalid JSON payload received. Expected a JSON object for the " + what + ".", null);
            }
            return reader.readValue(p);
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
            StreamReadException syntax = syntaxError(e);
            if (syntax != null) {
                // malformed JSON met inside a field: reported as malformed JSON, as a whole-frame parse reports it
                throw new ProtocolException("Invalid JSON payload received. " + firstLine(syntax), e);
            }
            String at = path(e);
            throw new ProtocolException("Invalid JSON payload received." + (at.isEmpty() ? " " : " Invalid value at '" + at + "': ")
                    + firstLine(e), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ProtocolException("Invalid JSON payload received. " + firstLine(e), e);
        }
    }

    /** @return the JSON syntax error a mapping exception wraps, or null */
    private static StreamReadException syntaxError(JsonMappingException e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof StreamReadException s && !(t instanceof JsonMappingException)) {
                return s;
            }
        }
        return null;
    }

    /**
     * Hands every key to the deserializers in camelCase, as the real server accepts snake_case keys (the Python SDK
     * sends them), except keys inside free-form values ({@link #OPAQUE_FIELDS}), which belong to the caller. Keys
     * without an underscore, the usual case, pass through as they are.
     */
    private static final class CamelCaseKeys extends JsonParserDelegate {

        CamelCaseKeys(JsonParser d) {
            super(d);
        }

        @Override
        public String currentName() throws IOException {
            String raw = delegate.currentName();
            if (raw == null || raw.indexOf('_') < 0) {
                return raw;
            }
            JsonStreamContext holder = delegate.getParsingContext();
            JsonToken t = delegate.currentToken();
            if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && holder.getParent() != null) {
                holder = holder.getParent(); // the name of a container belongs to the object around it
            }
            return rename(raw, holder);
        }

        @Override
        @Deprecated
        public String getCurrentName() throws IOException {
            return currentName();
        }

        @Override
        public String nextFieldName() throws IOException {
            String raw = delegate.nextFieldName();
            return raw == null || raw.indexOf('_') < 0 ? raw : rename(raw, delegate.getParsingContext());
        }

        @Override
        public boolean nextFieldName(SerializableString str) throws IOException {
            String name = nextFieldName();
            return name != null && name.equals(str.getValue());
        }

        @Override
        public String getText() throws IOException {
            return delegate.currentToken() == JsonToken.FIELD_NAME ? currentName() : delegate.getText();
        }

        @Override
        public char[] getTextCharacters() throws IOException {
            return delegate.currentToken() == JsonToken.FIELD_NAME ? currentName().toCharArray() : delegate.getTextCharacters();
        }

        @Override
        public int getTextLength() throws IOException {
            return delegate.currentToken() == JsonToken.FIELD_NAME ? currentName().length() : delegate.getTextLength();
        }

        @Override
        public int getTextOffset() throws IOException {
            return delegate.currentToken() == JsonToken.FIELD_NAME ? 0 : delegate.getTextOffset();
        }

        @Override
        public String getValueAsString() throws IOException {
            return delegate.currentToken() == JsonToken.FIELD_NAME ? currentName() : delegate.getValueAsString();
        }

        @Override
        public String getValueAsString(String defaultValue) throws IOException {
            return delegate.currentToken() == JsonToken.FIELD_NAME ? currentName() : delegate.getValueAsString(defaultValue);
        }

        /** @return the key in camelCase, unless an object around it is a free-form value */
        private static String rename(String raw, JsonStreamContext holder) {
            for (JsonStreamContext c = holder.getParent(); c != null; c = c.getParent()) {
                if (c.inObject() && c.getCurrentName() != null && OPAQUE_FIELDS.contains(camel(c.getCurrentName()))) {
                    return raw;
                }
            }
            return camel(raw);
        }
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

    /** @return the UTF-8 text of a binary frame; the buffer's position is not changed */
    public static String utf8(ByteBuffer buf) {
        if (buf.hasArray()) {
            return new String(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining(), StandardCharsets.UTF_8);
        }
        return StandardCharsets.UTF_8.decode(buf.duplicate()).toString();
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
