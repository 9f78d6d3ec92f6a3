package dev.geminilive.camel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.client.LiveEndpoint;
import dev.geminilive.protocol.AudioTranscriptionConfig;
import dev.geminilive.protocol.Content;
import dev.geminilive.protocol.FunctionDeclaration;
import dev.geminilive.protocol.ContextWindowCompression;
import dev.geminilive.protocol.GenerationConfig;
import dev.geminilive.protocol.HistoryConfig;
import dev.geminilive.protocol.LiveCodec;
import dev.geminilive.protocol.MediaResolution;
import dev.geminilive.protocol.Modality;
import dev.geminilive.protocol.Proactivity;
import dev.geminilive.protocol.ProtocolException;
import dev.geminilive.protocol.RealtimeInputConfig;
import dev.geminilive.protocol.SessionResumptionConfig;
import dev.geminilive.protocol.Setup;
import dev.geminilive.protocol.SpeechConfig;
import dev.geminilive.protocol.ThinkingConfig;
import dev.geminilive.protocol.Tool;
import org.apache.camel.CamelContext;
import org.apache.camel.support.ResourceHelper;

/** Turns endpoint options into the connection endpoint and the setup message. */
final class SetupFactory {

    private static final String RESOURCE_PREFIX = "resource:";

    private SetupFactory() {
    }

    /** @return the full model name: {@code models/...} on the Gemini API, the publisher path on Vertex AI */
    static String modelName(GeminiLiveConfiguration c) {
        String model = require(c.getModel(), "model");
        if (isVertex(c)) {
            if (model.startsWith("projects/")) {
                return model;
            }
            String id = model.startsWith("publishers/") ? model : "publishers/google/models/" + stripModels(model);
            return "projects/" + require(c.getProject(), "project") + "/locations/" + require(c.getLocation(), "location") + "/" + id;
        }
        return model.startsWith("models/") || model.startsWith("tunedModels/") ? model : "models/" + model;
    }

    /**
     * @return where a new connection goes, with its credentials; calls bearerTokenSupplier or authTokenSupplier (once per
     *         call, so once per new connection)
     */
    static LiveEndpoint endpoint(GeminiLiveConfiguration c) {
        if (isVertex(c)) {
            return LiveEndpoint.vertex(c.getBaseUrl(), c.getLocation(), c.getApiVersion(), bearerToken(c), c.getProject());
        }
        if (c.getAuthToken() != null && !c.getAuthToken().isBlank()) {
            return LiveEndpoint.ephemeralToken(c.getBaseUrl(), c.getApiVersion(), c.getAuthToken());
        }
        if (c.getAuthTokenSupplier() != null) {
            String token = c.getAuthTokenSupplier().get();
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("authTokenSupplier returned no token");
            }
            return LiveEndpoint.ephemeralToken(c.getBaseUrl(), c.getApiVersion(), token);
        }
        return LiveEndpoint.geminiApi(c.getBaseUrl(), c.getApiVersion(), requireApiKey(c));
    }

    /** Refuses an endpoint that has no credential for its backend, without calling a token supplier. */
    static void checkCredentials(GeminiLiveConfiguration c) {
        if (isVertex(c)) {
            if ((c.getBearerToken() == null || c.getBearerToken().isBlank()) && c.getBearerTokenSupplier() == null) {
                throw new IllegalArgumentException("The bearerToken option (or bearerTokenSupplier) is required for backend=vertex");
            }
        } else if ((c.getAuthToken() == null || c.getAuthToken().isBlank()) && c.getAuthTokenSupplier() == null) {
            requireApiKey(c);
        }
    }

    private static String requireApiKey(GeminiLiveConfiguration c) {
        String key = apiKey(c);
        if (key == null) {
            throw new IllegalArgumentException("No Gemini API key: set the apiKey option (or authToken, or authTokenSupplier), or the GEMINI_API_KEY "
                                               + "or GOOGLE_API_KEY environment variable");
        }
        return key;
    }

    /** The bearerToken option, else a fresh token from bearerTokenSupplier. */
    private static String bearerToken(GeminiLiveConfiguration c) {
        if (c.getBearerToken() != null && !c.getBearerToken().isBlank()) {
            return c.getBearerToken();
        }
        if (c.getBearerTokenSupplier() == null) {
            throw new IllegalArgumentException("The bearerToken option (or bearerTokenSupplier) is required for backend=vertex");
        }
        String token = c.getBearerTokenSupplier().get();
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("bearerTokenSupplier returned no token");
        }
        return token;
    }

    /** @return the apiKey option, else GEMINI_API_KEY, else GOOGLE_API_KEY, else null */
    static String apiKey(GeminiLiveConfiguration c) {
        for (String candidate : new String[] { c.getApiKey(), System.getenv("GEMINI_API_KEY"), System.getenv("GOOGLE_API_KEY") }) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }

    static SSLContext sslContext(CamelContext context, GeminiLiveConfiguration c) {
        if (c.getSslContextParameters() == null) {
            return null;
        }
        try {
            return c.getSslContextParameters().createSSLContext(context);
        } catch (java.security.GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("Cannot create the TLS context from sslContextParameters: " + e.getMessage(), e);
        }
    }

    static Setup setup(CamelContext context, GeminiLiveConfiguration c, List<FunctionDeclaration> functions) {
        Setup.Builder b = Setup.builder(modelName(c));
        b.generationConfig(generationConfig(c));
        String instruction = text(context, c.getSystemInstruction(), "systemInstruction");
        if (instruction != null) {
            b.systemInstruction(Content.instruction(instruction));
        }
        List<Tool> tools = new ArrayList<>();
        if (!functions.isEmpty()) {
            tools.add(Tool.functions(functions));
        }
        if (c.isGoogleSearch()) {
            tools.add(Tool.ofGoogleSearch());
        }
        if (c.isCodeExecution()) {
            tools.add(Tool.ofCodeExecution());
        }
        b.tools(tools.isEmpty() ? null : tools);
        b.realtimeInputConfig(realtimeInputConfig(c));
        if (c.isSessionResumption()) {
            // Vertex AI reports lastConsumedClientMessageIndex only in transparent mode; the Gemini API refuses the field
            b.sessionResumption(isVertex(c) ? new SessionResumptionConfig(null, true)
                    : SessionResumptionConfig.newSession());
        }
        if (c.isContextWindowCompression() || c.getTriggerTokens() != null || c.getTargetTokens() != null) {
            b.contextWindowCompression(new ContextWindowCompression(c.getTriggerTokens(),
                    new ContextWindowCompression.SlidingWindow(c.getTargetTokens())));
        }
        if (c.isInputAudioTranscription()) {
            b.inputAudioTranscription(AudioTranscriptionConfig.enabled());
        }
        if (c.isOutputAudioTranscription() && modalities(c).contains(Modality.AUDIO)) {
            b.outputAudioTranscription(AudioTranscriptionConfig.enabled());
        }
        if (c.getProactiveAudio() != null) {
            b.proactivity(new Proactivity(c.getProactiveAudio()));
        }
        if (c.isInitialHistoryInClientContent()) {
            b.historyConfig(new HistoryConfig(true));
        }
        Setup built = b.build();
        String extra = text(context, c.getSetup(), "setup");
        return extra == null ? built : merge(built, extra);
    }

    private static GenerationConfig generationConfig(GeminiLiveConfiguration c) {
        ThinkingConfig thinking = c.getThinkingBudget() == null && c.getThinkingLevel() == null && !c.isIncludeThoughts() ? null
                : new ThinkingConfig(c.getThinkingBudget(), c.getThinkingLevel() == null ? null : c.getThinkingLevel().name(), c.isIncludeThoughts() ? Boolean.TRUE : null);
        SpeechConfig speech = c.getVoiceName() == null && c.getLanguageCode() == null ? null
                : SpeechConfig.voice(c.getVoiceName(), c.getLanguageCode());
        return new GenerationConfig(modalities(c), c.getTemperature(), c.getTopP(), c.getTopK(), c.getMaxOutputTokens(), c.getSeed(),
                c.getCandidateCount(), c.getPresencePenalty(), c.getFrequencyPenalty(),
                c.getMediaResolution(),
                speech, thinking, c.getEnableAffectiveDialog(), null);
    }

    static List<Modality> modalities(GeminiLiveConfiguration c) {
        if (c.getResponseModalities() == null) {
            // the model's own: speech where it speaks, else text
            return List.of(Profiles.of(c).responseModalities().contains(Modality.AUDIO) ? Modality.AUDIO : Modality.TEXT);
        }
        return List.of(c.getResponseModalities());
    }

    private static RealtimeInputConfig realtimeInputConfig(GeminiLiveConfiguration c) {
        boolean vadTuned = c.getStartOfSpeechSensitivity() != null || c.getEndOfSpeechSensitivity() != null
                || c.getPrefixPaddingMs() != null || c.getSilenceDurationMs() != null;
        RealtimeInputConfig.AutomaticActivityDetection vad = !c.isAutomaticActivityDetection() || vadTuned
                ? new RealtimeInputConfig.AutomaticActivityDetection(c.isAutomaticActivityDetection() ? null : Boolean.TRUE,
                        c.getStartOfSpeechSensitivity(), c.getEndOfSpeechSensitivity(),
                        c.getPrefixPaddingMs(), c.getSilenceDurationMs())
                : null;
        RealtimeInputConfig.ActivityHandling handling = c.getActivityHandling();
        RealtimeInputConfig.TurnCoverage coverage = c.getTurnCoverage();
        return vad == null && handling == null && coverage == null ? null : new RealtimeInputConfig(vad, handling, coverage);
    }

    /** Deep-merges a JSON object over the built setup; the result must still be a valid setup. */
    private static Setup merge(Setup built, String json) {
        LiveCodec codec = LiveCodec.strict();
        try {
            JsonNode extra = codec.mapper().readTree(json);
            if (extra == null || !extra.isObject()) {
                throw new IllegalArgumentException("The setup option must be a JSON object");
            }
            JsonNode overrides = extra.has("setup") && extra.size() == 1 ? extra.get("setup") : extra;
            ObjectNode base = codec.mapper().valueToTree(built);
            deepMerge(base, (ObjectNode) overrides);
            return codec.convert(base, Setup.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("The setup option is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (ProtocolException e) {
            throw new IllegalArgumentException("The setup option is not a valid Live setup: " + e.getMessage(), e);
        }
    }

    private static void deepMerge(ObjectNode target, ObjectNode source) {
        source.fields().forEachRemaining(e -> {
            JsonNode existing = target.get(e.getKey());
            if (existing instanceof ObjectNode t && e.getValue() instanceof ObjectNode s) {
                deepMerge(t, s);
            } else {
                target.set(e.getKey(), e.getValue());
            }
        });
    }

    /** @return the value, or the content of {@code resource:classpath:...} / {@code resource:file:...} */
    static String text(CamelContext context, String value, String option) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.startsWith(RESOURCE_PREFIX)) {
            return value;
        }
        return resource(context, value.substring(RESOURCE_PREFIX.length()), option);
    }

    /** @return the UTF-8 text of a Camel resource URI (classpath:, file:, http:...) */
    static String resource(CamelContext context, String uri, String option) {
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(context, uri)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the " + option + " resource " + uri + ": " + e.getMessage(), e);
        }
    }

    private static boolean isVertex(GeminiLiveConfiguration c) {
        return c.getBackend() == dev.geminilive.camel.options.Backend.VERTEX;
    }

    private static String stripModels(String model) {
        return model.startsWith("models/") ? model.substring(7) : model;
    }

    private static String require(String value, String option) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + option + " option is required");
        }
        return value;
    }
}
