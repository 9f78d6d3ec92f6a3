package dev.geminilive.camel;

import dev.geminilive.models.ModelProfile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.audio.AudioInput;
import dev.geminilive.audio.Pcm;
import dev.geminilive.protocol.ClientContent;
import dev.geminilive.protocol.ClientMessage;
import dev.geminilive.protocol.Content;
import dev.geminilive.protocol.ContextUpdate;
import dev.geminilive.protocol.FunctionResponse;
import dev.geminilive.protocol.LiveCodec;
import dev.geminilive.protocol.Mime;
import dev.geminilive.protocol.ProtocolException;
import dev.geminilive.protocol.RealtimeInput;
import dev.geminilive.protocol.ToolResponse;
import dev.geminilive.protocol.Utf16;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Maps an exchange to the client messages it sends (DESIGN "Producer: exchange → client message"). */
final class OutboundMapper {

    /**
     * What an exchange sends.
     *
     * @param messages      the messages, produced as they are sent (audio streams are read lazily)
     * @param completesTurn whether the input ends a user turn, so an InOut exchange waits for the model's reply
     * @param endSession    close the conversation's session instead of sending
     * @param resource      what reading the body opened (a file or stream), closed when the exchange completes; or null
     * @param userTurn      whether the input is the user's (not a tool response, which the model's turn in progress
     *                      goes on with): an InOnly exchange waits for the answer only to a user's turn
     * @param oneFrame      whether it is a single frame: sending it does not wait for earlier frames to be written, as
     *                      a longer input does
     */
    record Outbound(Iterator<ClientMessage> messages, boolean completesTurn, boolean endSession, AutoCloseable resource,
            boolean userTurn, boolean oneFrame) {

        Outbound(Iterator<ClientMessage> messages, boolean completesTurn, boolean endSession, AutoCloseable resource) {
            this(messages, completesTurn, endSession, resource, true, false);
        }
    }

    /** Closes what an outbound opened; null-safe. */
    static void close(Outbound out) {
        if (out != null && out.resource() != null) {
            try {
                out.resource().close();
            } catch (Exception e) {
                // nothing more will be read from it
            }
        }
    }

    static final String TEXT = "text";
    static final String AUDIO = "audio";
    static final String VIDEO = "video";
    static final String ACTIVITY_START = "activityStart";
    static final String ACTIVITY_END = "activityEnd";
    static final String AUDIO_STREAM_END = "audioStreamEnd";
    static final String CLIENT_CONTENT = "clientContent";
    static final String TOOL_RESPONSE = "toolResponse";
    static final String CONTEXT_UPDATE = "contextUpdate";
    static final String RAW = "raw";
    static final String END_SESSION = "endSession";

    private final EndpointSettings settings;
    private final ModelProfile profile;
    private final AudioInput audioInput;
    private final LiveCodec codec = LiveCodec.strict();

    OutboundMapper(EndpointSettings settings) {
        this.settings = settings;
        this.profile = settings.profile();
        this.audioInput = new AudioInput(settings.audioChunkMillis()).refusingTruncatedWav();
    }

    /**
     * @param answered whether input that completes a turn waits for the model's answer (checks such audio for speech)
     */
    Outbound map(Exchange exchange, boolean answered) {
        Message in = exchange.getMessage();
        Object body = InputBodies.sendable(exchange, in.getBody());
        String type = in.getHeader(GeminiLiveConstants.MESSAGE_TYPE, String.class);
        if (type == null) {
            type = infer(body, in);
        }
        Boolean turnComplete = in.getHeader(GeminiLiveConstants.TURN_COMPLETE, Boolean.class);
        switch (type) {
            case TEXT:
                return text(exchange, turnComplete);
            case AUDIO: {
                String mime = InputBodies.mimeType(in, body);
                return audio(body, mime != null ? mime : settings.audioMimeType(), turnComplete, answered);
            }
            case VIDEO:
                return video(body, InputBodies.mimeType(in, body));
            case ACTIVITY_START:
                return single(ClientMessage.of(RealtimeInput.ofActivityStart()), false);
            case ACTIVITY_END:
                return single(ClientMessage.of(RealtimeInput.ofActivityEnd()), true);
            case AUDIO_STREAM_END:
                return single(ClientMessage.of(RealtimeInput.ofAudioStreamEnd()), true);
            case CLIENT_CONTENT:
                return clientContent(body, turnComplete);
            case TOOL_RESPONSE:
                return new Outbound(List.of(writable(ClientMessage.of(toolResponse(body)))).iterator(), true, false, null, false, true);
            case CONTEXT_UPDATE:
                return single(writable(ClientMessage.of(contextUpdate(body))), false);
            case RAW:
                ClientMessage raw = writable(raw(body));
                return new Outbound(List.of(raw).iterator(), completesTurn(raw), false, null,
                        raw.kind() != ClientMessage.Kind.TOOL_RESPONSE, true);
            case END_SESSION:
                return new Outbound(List.<ClientMessage>of().iterator(), false, true, null);
            default:
                throw new IllegalArgumentException("Unknown " + GeminiLiveConstants.MESSAGE_TYPE + " '" + type + "'; use one of text, "
                                                   + "audio, video, activityStart, activityEnd, audioStreamEnd, clientContent, "
                                                   + "toolResponse, contextUpdate, raw, endSession");
        }
    }

    private String infer(Object body, Message in) {
        if (body == null) {
            throw new IllegalArgumentException("The exchange has no body to send to Gemini Live");
        }
        if (body instanceof CharSequence) {
            return TEXT;
        }
        if (body instanceof ClientMessage || body instanceof Map) {
            return RAW;
        }
        if (body instanceof ToolResponse || body instanceof FunctionResponse) {
            return TOOL_RESPONSE;
        }
        if (body instanceof ContextUpdate) {
            return CONTEXT_UPDATE;
        }
        if (body instanceof ClientContent || body instanceof Content || body instanceof Collection) {
            return CLIENT_CONTENT;
        }
        if (body instanceof byte[] || body instanceof ByteBuffer || body instanceof InputStream || body instanceof java.io.File
            || body instanceof Path) {
            // only binary bodies need a type: text goes as text without looking at any header
            String declared = InputBodies.mimeType(in, body);
            String mime = declared != null ? declared : sniff(body);
            if (mime != null && mime.toLowerCase(Locale.ROOT).startsWith("text/")) {
                return TEXT;
            }
            return mime != null && Mime.isImage(mime) ? VIDEO : AUDIO;
        }
        throw new IllegalArgumentException("Cannot send a body of type " + body.getClass().getName() + " to Gemini Live: no Camel "
                                           + "type converter turns it into text, bytes or a stream; send text, audio or image "
                                           + "bytes, a file, or set " + GeminiLiveConstants.MESSAGE_TYPE);
    }

    private Outbound text(Exchange exchange, Boolean turnComplete) {
        String text = exchange.getMessage().getBody(String.class);
        if (text == null) {
            throw new IllegalArgumentException("The exchange has no text to send to Gemini Live");
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("The text body is " + (text.isEmpty() ? "empty" : "blank")
                                               + ": nothing for the model to answer");
        }
        // a lone surrogate has no UTF-8 form: no frame could carry it
        Utf16.requireWellFormed(text, "Text body");
        if (profile.clientContent() != ModelProfile.ClientContentRule.ANYTIME) {
            return single(ClientMessage.realtimeText(text), true);
        }
        boolean complete = turnComplete == null || turnComplete;
        return single(ClientMessage.of(new ClientContent(List.of(Content.user(text)), complete)), complete);
    }

    /**
     * Audio the exchange waits an answer for is checked whole before anything is sent when the body can be read twice
     * (bytes, buffers, files): a WAV cut short, no samples, or — with automatic activity detection, which never hears
     * speech in it — silence fail the exchange at once instead of after turnTimeout. A stream is checked as it is sent.
     */
    private Outbound audio(Object body, String mime, Boolean turnComplete, boolean answered) {
        boolean endTurn = turnComplete == null || turnComplete;
        boolean awaitsAnswer = answered && endTurn;
        boolean silenceFails = awaitsAnswer && settings.automaticActivityDetection();
        Iterator<byte[]> chunks;
        InputStream source = null;
        if (body instanceof byte[] || body instanceof ByteBuffer) {
            byte[] bytes = bytes(body);
            requireNotEmpty(bytes.length);
            byte[] pcm = audioInput.toPcm(bytes, mime);
            requireSamples(pcm.length);
            if (silenceFails && isSilent(pcm)) {
                throw silent();
            }
            chunks = audioInput.chunks(pcm, audioInput.targetMimeType());
        } else {
            try {
                if (body instanceof java.io.File || body instanceof Path) {
                    requireNotEmpty(Files.size(path(body)));
                    if (awaitsAnswer) {
                        check(path(body), mime, silenceFails);
                    }
                }
                source = stream(body);
                chunks = checkedAsSent(closingAtEnd(audioInput.chunks(source, mime), source), silenceFails);
            } catch (IOException | RuntimeException e) {
                closeQuietly(source);
                if (e instanceof RuntimeException re) {
                    throw re;
                }
                throw new UncheckedIOException("Cannot read the audio body: " + e.getMessage(), (IOException) e);
            }
        }
        String target = audioInput.targetMimeType();
        boolean manual = !settings.automaticActivityDetection();
        List<ClientMessage> before = manual && endTurn ? List.of(ClientMessage.of(RealtimeInput.ofActivityStart())) : List.of();
        List<ClientMessage> after = !endTurn ? List.of()
                : List.of(ClientMessage.of(manual ? RealtimeInput.ofActivityEnd() : RealtimeInput.ofAudioStreamEnd()));
        Iterator<ClientMessage> audio = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return chunks.hasNext();
            }

            @Override
            public ClientMessage next() {
                return ClientMessage.audio(target, chunks.next());
            }
        };
        return new Outbound(concat(before.iterator(), audio, after.iterator()), endTurn, false, source);
    }

    /** The loudest sample of audio taken as silence: about -54 dBFS, far below any start-of-speech threshold. */
    static final double SILENT_PEAK = 0.002;

    private static boolean isSilent(byte[] pcm) {
        return Pcm.peak(pcm) <= SILENT_PEAK;
    }

    private static IllegalArgumentException silent() {
        return new IllegalArgumentException("The audio is silent: no speech for the model to answer (no sample above -54 dBFS). "
                                            + "Send it with replyMode=none or CamelGeminiLiveTurnComplete=false, or with automaticActivityDetection=false "
                                            + "to have it answered anyway");
    }

    private static void requireNotEmpty(long bytes) {
        if (bytes == 0) {
            throw new IllegalArgumentException("The audio body is empty: nothing to send to Gemini Live");
        }
    }

    private static void requireSamples(long pcmBytes) {
        if (pcmBytes < 2) {
            throw new IllegalArgumentException("The audio body holds no samples: nothing to send to Gemini Live");
        }
    }

    /** Reads a file's audio once to its end: fails if it is cut short, has no samples, or (when that fails) is silent. */
    private void check(Path file, String mime, boolean silenceFails) throws IOException {
        try (InputStream in = audioInput.open(Files.newInputStream(file), mime)) {
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            boolean silent = true;
            int n;
            while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                total += n;
                if (silent && !isSilent(n == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, n))) {
                    silent = false;
                }
            }
            requireSamples(total);
            if (silenceFails && silent) {
                throw silent();
            }
        }
    }

    /** Fails the send at the end of a stream that held no samples or, when that fails, only silence. */
    private static Iterator<byte[]> checkedAsSent(Iterator<byte[]> chunks, boolean silenceFails) {
        return new Iterator<>() {
            private long total;
            private boolean silent = true;

            @Override
            public boolean hasNext() {
                boolean more = chunks.hasNext();
                if (!more) {
                    requireSamples(total);
                    if (silenceFails && silent) {
                        throw silent();
                    }
                }
                return more;
            }

            @Override
            public byte[] next() {
                byte[] chunk = chunks.next();
                total += chunk.length;
                if (silent && !isSilent(chunk)) {
                    silent = false;
                }
                return chunk;
            }
        };
    }

    private Outbound video(Object body, String mime) {
        byte[] bytes = bytes(body);
        String type = mime != null ? mime : sniff(bytes);
        if (type == null || !Mime.isImage(type)) {
            throw new IllegalArgumentException("Video frames must be images (image/jpeg or image/png); the body's type is "
                                               + (type == null ? "unknown: set " + GeminiLiveConstants.MIME_TYPE : type));
        }
        return single(ClientMessage.video(type, bytes), false);
    }

    private Outbound clientContent(Object body, Boolean turnComplete) {
        switch (profile.clientContent()) {
            case NEVER -> throw new IllegalArgumentException(settings.model() + " takes no clientContent: send audio");
            case SEED_ONLY -> {
                if (!settings.initialHistoryInClientContent()) {
                    throw new IllegalArgumentException(settings.model() + " accepts clientContent only to seed history: set "
                                                       + "initialHistoryInClientContent=true and send the history first");
                }
            }
            default -> {
            }
        }
        ClientContent content = clientContentOf(body, turnComplete);
        if (profile.clientContent() == ModelProfile.ClientContentRule.WHOLE_SESSION) {
            requireRoles(content);
        }
        return single(writable(ClientMessage.of(content)), Boolean.TRUE.equals(content.turnComplete()));
    }

    /** 3.x models take clientContent mid-session only with an explicit role on every turn. */
    private void requireRoles(ClientContent content) {
        List<Content> turns = content.turns() == null ? List.of() : content.turns();
        for (int i = 0; i < turns.size(); i++) {
            String role = turns.get(i).role();
            if (!"user".equals(role) && !"model".equals(role)) {
                throw new IllegalArgumentException("clientContent turn " + (i + 1) + " needs the role user or model on " + settings.model()
                                                   + ", not: " + role);
            }
        }
    }

    private ClientContent clientContentOf(Object body, Boolean turnComplete) {
        ClientContent content;
        if (body instanceof ClientContent cc) {
            content = turnComplete == null ? cc : new ClientContent(cc.turns(), turnComplete);
        } else {
            content = new ClientContent(turns(body), turnComplete != null && turnComplete);
        }
        return content;
    }

    @SuppressWarnings("unchecked")
    private List<Content> turns(Object body) {
        if (body instanceof Content c) {
            return List.of(c);
        }
        if (body instanceof Collection<?> list) {
            List<Content> turns = new ArrayList<>();
            for (Object o : list) {
                turns.add(o instanceof Content c ? c : convert(o, Content.class, "history turn"));
            }
            return turns;
        }
        if (body instanceof CharSequence json) {
            return turns(parse(json.toString(), "clientContent"));
        }
        if (body instanceof JsonNode node) {
            if (node.isArray()) {
                List<Content> turns = new ArrayList<>();
                node.forEach(n -> turns.add(convert(n, Content.class, "history turn")));
                return turns;
            }
            return List.of(convert(node, Content.class, "history turn"));
        }
        throw new IllegalArgumentException("clientContent needs history turns (Content, a list of Content, or JSON), not "
                                           + body.getClass().getName());
    }

    private ToolResponse toolResponse(Object body) {
        if (body instanceof ToolResponse r) {
            return r;
        }
        if (body instanceof FunctionResponse r) {
            return new ToolResponse(List.of(r));
        }
        if (body instanceof Collection<?> list) {
            List<FunctionResponse> responses = new ArrayList<>();
            for (Object o : list) {
                responses.add(o instanceof FunctionResponse r ? r : convert(o, FunctionResponse.class, "function response"));
            }
            return new ToolResponse(responses);
        }
        Object value = body instanceof CharSequence json ? parse(json.toString(), "toolResponse") : body;
        return convert(value, ToolResponse.class, "toolResponse");
    }

    private ContextUpdate contextUpdate(Object body) {
        if (body instanceof ContextUpdate u) {
            return u;
        }
        Object value = body instanceof CharSequence json ? parse(json.toString(), "contextUpdate") : body;
        return convert(value, ContextUpdate.class, "contextUpdate");
    }

    private ClientMessage raw(Object body) {
        if (body instanceof ClientMessage m) {
            return m;
        }
        if (body instanceof CharSequence json) {
            try {
                return codec.decodeClient(json.toString());
            } catch (ProtocolException e) {
                throw new IllegalArgumentException("Invalid raw Live message: " + e.getMessage(), e);
            }
        }
        if (body instanceof byte[] bytes) {
            return raw(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
        return convert(body, ClientMessage.class, "raw Live message");
    }

    /**
     * Encodes a structured message once before it is sent, so what no frame can carry (a string with a lone surrogate)
     * fails the exchange here, at once, naming the problem.
     */
    private ClientMessage writable(ClientMessage m) {
        codec.encode(m);
        return m;
    }

    private <T> T convert(Object value, Class<T> type, String what) {
        try {
            return codec.convert(value, type);
        } catch (ProtocolException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid " + what + ": " + e.getMessage(), e);
        }
    }

    private Object parse(String json, String what) {
        try {
            return codec.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("The " + what + " body is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static boolean completesTurn(ClientMessage m) {
        return switch (m.kind()) {
            case CLIENT_CONTENT -> Boolean.TRUE.equals(m.clientContent().turnComplete());
            case REALTIME_INPUT -> m.realtimeInput().text() != null || m.realtimeInput().activityEnd() != null
                                   || Boolean.TRUE.equals(m.realtimeInput().audioStreamEnd());
            case TOOL_RESPONSE -> true;
            // a new system instruction or tool list changes the session, it asks the model for nothing
            case CONTEXT_UPDATE -> false;
            case SETUP -> throw new IllegalArgumentException("A raw message cannot be a setup: the session sends setup itself; "
                                                             + "use the setup option for extra fields");
        };
    }

    /** Recognises WAV, JPEG and PNG by their first bytes; null otherwise. */
    private static String sniff(Object body) {
        byte[] head;
        if (body instanceof byte[] b) {
            head = b;
        } else if (body instanceof ByteBuffer buf) {
            ByteBuffer d = buf.duplicate();
            head = new byte[Math.min(12, d.remaining())];
            d.get(head);
        } else if (body instanceof java.io.File || body instanceof Path) {
            String byName = InputBodies.byExtension(path(body).getFileName().toString());
            if (byName != null) {
                return byName;
            }
            try (InputStream in = Files.newInputStream(path(body))) {
                head = in.readNBytes(12);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + path(body) + ": " + e.getMessage(), e);
            }
        } else {
            return null;
        }
        if (head.length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (head.length >= 8 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
            return "image/png";
        }
        if (head.length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F' && head[8] == 'W'
            && head[9] == 'A' && head[10] == 'V' && head[11] == 'E') {
            return "audio/wav";
        }
        return null;
    }

    private static Path path(Object body) {
        return body instanceof java.io.File f ? f.toPath() : (Path) body;
    }

    private static InputStream stream(Object body) throws IOException {
        if (body instanceof InputStream in) {
            return in;
        }
        if (body instanceof ByteBuffer buf) {
            ByteBuffer d = buf.duplicate();
            byte[] bytes = new byte[d.remaining()];
            d.get(bytes);
            return new ByteArrayInputStream(bytes);
        }
        if (body instanceof java.io.File || body instanceof Path) {
            return Files.newInputStream(path(body));
        }
        throw new IllegalArgumentException("Audio must be bytes, a ByteBuffer, an InputStream or a file, not " + body.getClass().getName());
    }

    private static byte[] bytes(Object body) {
        try {
            if (body instanceof byte[] b) {
                return b;
            }
            try (InputStream in = stream(body)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the body: " + e.getMessage(), e);
        }
    }

    /** Closes the source once the last chunk is read, or when reading fails. */
    private static Iterator<byte[]> closingAtEnd(Iterator<byte[]> chunks, InputStream source) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    boolean more = chunks.hasNext();
                    if (!more) {
                        closeQuietly(source);
                    }
                    return more;
                } catch (RuntimeException | Error e) {
                    closeQuietly(source);
                    throw e;
                }
            }

            @Override
            public byte[] next() {
                return chunks.next();
            }
        };
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // nothing left to read from it
            }
        }
    }

    private static Outbound single(ClientMessage m, boolean completesTurn) {
        return new Outbound(List.of(m).iterator(), completesTurn, false, null, true, true);
    }

    @SafeVarargs
    private static Iterator<ClientMessage> concat(Iterator<ClientMessage>... parts) {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                while (i < parts.length && !parts[i].hasNext()) {
                    i++;
                }
                return i < parts.length;
            }

            @Override
            public ClientMessage next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return parts[i].next();
            }
        };
    }
}
