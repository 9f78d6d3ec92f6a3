package dev.geminilive.camel;

import dev.geminilive.camel.options.Aggregate;
import dev.geminilive.camel.options.Backend;
import dev.geminilive.camel.options.InterruptedReply;
import dev.geminilive.camel.options.ReplyFormat;
import dev.geminilive.camel.options.ReplyMode;
import dev.geminilive.camel.options.ThinkingLevel;
import dev.geminilive.camel.options.TurnPolicy;
import dev.geminilive.camel.store.ConversationStore;
import dev.geminilive.camel.tools.ToolErrors;
import dev.geminilive.protocol.FunctionResponse;
import dev.geminilive.protocol.MediaResolution;
import dev.geminilive.protocol.Modality;
import dev.geminilive.protocol.RealtimeInputConfig;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Configurer;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * The options of a gemini-live endpoint. Set on the component, they are defaults for every endpoint
 * ({@code camel.component.gemini-live.*}); each endpoint works on its own copy.
 */
@UriParams
@Configurer
public class GeminiLiveConfiguration implements Cloneable {
    @UriParam(label = "common", defaultValue = "default")
    private String conversationId = "default";
    @UriParam(label = "common", defaultValue = "gemini-3.8-live")
    private String model = dev.geminilive.models.ModelProfiles.DEFAULT_MODEL;
    @UriParam(label = "common", enums = "AUDIO,TEXT")
    private Modality responseModalities;
    @UriParam(label = "security", secret = true)
    private String apiKey;
    @UriParam(label = "security", secret = true)
    private String authToken;
    @UriParam(label = "security")
    private java.util.function.Supplier<String> authTokenSupplier;
    @UriParam(label = "security", secret = true)
    private String bearerToken;
    @UriParam(label = "security")
    private java.util.function.Supplier<String> bearerTokenSupplier;
    @UriParam(label = "common")
    private String baseUrl;
    @UriParam(label = "advanced")
    private String apiVersion;
    @UriParam(label = "advanced", defaultValue = "gemini", enums = "gemini,vertex")
    private Backend backend = Backend.GEMINI;
    @UriParam(label = "advanced")
    private String project;
    @UriParam(label = "advanced", defaultValue = "us-central1")
    private String location = "us-central1";
    @UriParam(label = "security")
    private SSLContextParameters sslContextParameters;
    @UriParam(label = "advanced", defaultValue = "10000", javaType = "java.time.Duration")
    private long connectTimeout = 10000;
    @UriParam(label = "advanced", defaultValue = "15000", javaType = "java.time.Duration")
    private long setupTimeout = 15000;
    @UriParam(label = "setup")
    private String systemInstruction;
    @UriParam(label = "setup")
    private String voiceName;
    @UriParam(label = "setup")
    private String languageCode;
    @UriParam(label = "setup")
    private Double temperature;
    @UriParam(label = "setup")
    private Double topP;
    @UriParam(label = "setup")
    private Integer topK;
    @UriParam(label = "setup")
    private Integer maxOutputTokens;
    @UriParam(label = "setup")
    private Integer candidateCount;
    @UriParam(label = "setup")
    private Double presencePenalty;
    @UriParam(label = "setup")
    private Double frequencyPenalty;
    @UriParam(label = "setup")
    private Integer seed;
    @UriParam(label = "setup", enums = "MEDIA_RESOLUTION_LOW,MEDIA_RESOLUTION_MEDIUM,MEDIA_RESOLUTION_HIGH")
    private MediaResolution mediaResolution;
    @UriParam(label = "setup")
    private Integer thinkingBudget;
    @UriParam(label = "setup", enums = "MINIMAL,LOW,MEDIUM,HIGH")
    private ThinkingLevel thinkingLevel;
    @UriParam(label = "setup", defaultValue = "false")
    private boolean includeThoughts = false;
    @UriParam(label = "setup", defaultValue = "false")
    private boolean inputAudioTranscription = false;
    @UriParam(label = "setup", defaultValue = "true")
    private boolean outputAudioTranscription = true;
    @UriParam(label = "setup", defaultValue = "true")
    private boolean automaticActivityDetection = true;
    @UriParam(label = "setup", enums = "START_SENSITIVITY_HIGH,START_SENSITIVITY_LOW")
    private RealtimeInputConfig.StartSensitivity startOfSpeechSensitivity;
    @UriParam(label = "setup", enums = "END_SENSITIVITY_HIGH,END_SENSITIVITY_LOW")
    private RealtimeInputConfig.EndSensitivity endOfSpeechSensitivity;
    @UriParam(label = "setup")
    private Integer prefixPaddingMs;
    @UriParam(label = "setup")
    private Integer silenceDurationMs;
    @UriParam(label = "setup", enums = "START_OF_ACTIVITY_INTERRUPTS,NO_INTERRUPTION")
    private RealtimeInputConfig.ActivityHandling activityHandling;
    @UriParam(label = "setup", enums = "TURN_INCLUDES_ONLY_ACTIVITY,TURN_INCLUDES_ALL_INPUT,TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO")
    private RealtimeInputConfig.TurnCoverage turnCoverage;
    @UriParam(label = "setup", defaultValue = "true")
    private boolean sessionResumption = true;
    @UriParam(label = "setup", defaultValue = "false")
    private boolean contextWindowCompression = false;
    @UriParam(label = "setup")
    private Long triggerTokens;
    @UriParam(label = "setup")
    private Long targetTokens;
    @UriParam(label = "setup", defaultValue = "false")
    private boolean googleSearch = false;
    @UriParam(label = "setup", defaultValue = "false")
    private boolean codeExecution = false;
    @UriParam(label = "setup", defaultValue = "false")
    private boolean initialHistoryInClientContent = false;
    @UriParam(label = "setup")
    private Boolean proactiveAudio;
    @UriParam(label = "setup")
    private Boolean enableAffectiveDialog;
    @UriParam(label = "setup")
    private String setup;
    @UriParam(label = "producer", defaultValue = "text", enums = "text,audio,wav,turn")
    private ReplyFormat replyFormat = ReplyFormat.TEXT;
    @UriParam(label = "producer", defaultValue = "answer", enums = "answer,none")
    private ReplyMode replyMode = ReplyMode.ANSWER;
    @UriParam(label = "producer", defaultValue = "60000", javaType = "java.time.Duration")
    private long turnTimeout = 60000;
    @UriParam(label = "producer", defaultValue = "audio/pcm;rate=16000")
    private String audioMimeType = "audio/pcm;rate=16000";
    @UriParam(label = "producer", defaultValue = "100")
    private int audioChunkMillis = 100;
    @UriParam(label = "producer", defaultValue = "auto", enums = "auto,gemini-2.5-half-cascade,gemini-2.5-native-audio,gemini-3.1-flash-live,"
                                                                 + "gemini-3.8-live,gemini-3.8-live-extended-thinking,gemini-3.5-transcribe,gemini-2,gemini-3")
    private String modelProfile = "auto";
    @UriParam(label = "consumer", enums = dev.geminilive.camel.session.EventTypes.NAMES)
    private String events;
    @UriParam(label = "consumer", defaultValue = "chunk", enums = "chunk,turn")
    private Aggregate aggregate = Aggregate.CHUNK;
    @UriParam(label = "producer", defaultValue = "queue", enums = "queue,interrupt")
    private TurnPolicy turnPolicy = TurnPolicy.QUEUE;
    @UriParam(label = "producer", defaultValue = "fail", enums = "fail,partial")
    private InterruptedReply interruptedReply = InterruptedReply.FAIL;
    @UriParam(label = "producer,advanced")
    private boolean synchronous;
    @UriParam(label = "advanced")
    private Integer maxConcurrentSessions;
    @UriParam(label = "advanced", defaultValue = "30000", javaType = "java.time.Duration")
    private long sessionAcquireTimeout = 30000;
    @UriParam(label = "advanced", defaultValue = "300000", javaType = "java.time.Duration")
    private long sessionIdleTimeout = 300000;
    @UriParam(label = "advanced", defaultValue = "4194304")
    private long maxPendingBytes = 4194304;
    @UriParam(label = "advanced", defaultValue = "30000", javaType = "java.time.Duration")
    private long writeTimeout = 30000;
    @UriParam(label = "advanced", defaultValue = "4")
    private int maxConcurrentConnects = 4;
    @UriParam(label = "continuity")
    private ConversationStore conversationStore;
    @UriParam(label = "continuity")
    private String conversationStoreDirectory;
    @UriParam(label = "continuity", defaultValue = "5")
    private int reconnectMaxAttempts = 5;
    @UriParam(label = "continuity", defaultValue = "250", javaType = "java.time.Duration")
    private long reconnectInitialDelay = 250;
    @UriParam(label = "continuity", defaultValue = "10000", javaType = "java.time.Duration")
    private long reconnectMaxDelay = 10000;
    @UriParam(label = "continuity", defaultValue = "7200000", javaType = "java.time.Duration")
    private long resumptionHandleTtl = 7200000;
    @UriParam(label = "continuity", defaultValue = "100")
    private int historyMaxTurns = 100;
    @UriParam(label = "continuity", defaultValue = "16777216")
    private long maxReplayBytes = 16777216;
    @UriParam(label = "tools")
    private String functions;
    @UriParam(label = "tools", prefix = "toolEndpoint.", multiValue = true)
    private java.util.Map<String, Object> toolEndpoint;
    @UriParam(label = "tools", defaultValue = "30000", javaType = "java.time.Duration")
    private long toolTimeout = 30000;
    @UriParam(label = "tools", enums = "SILENT,WHEN_IDLE,INTERRUPT")
    private FunctionResponse.Scheduling toolScheduling;
    @UriParam(label = "tools", defaultValue = "map")
    private String toolArguments = "map";
    @UriParam(label = "tools", defaultValue = "generic", enums = "generic,class,message")
    private ToolErrors toolErrorMessage = ToolErrors.GENERIC;

    /** @return a copy that an endpoint may change without affecting the component */
    public GeminiLiveConfiguration copy() {
        try {
            return (GeminiLiveConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getConversationId() {
        return conversationId;
    }

    /**
     * The conversation used when the exchange has no CamelGeminiLiveConversationId header. Each conversation id of an endpoint has its own Live session (its own memory).
     */
    public void setConversationId(String conversationId) {
        this.conversationId = conversationId;
    }

    public String getModel() {
        return model;
    }

    /**
     * The Live model (default gemini-3.8-live, Google's recommended Live model). The models/ prefix is added when
     * missing. Its model profile (see modelProfile) decides how text is sent and which options it accepts; options it
     * refuses (e.g. TEXT on a model that only speaks) stop the route from starting.
     */
    public void setModel(String model) {
        this.model = model;
    }

    public Modality getResponseModalities() {
        return responseModalities;
    }

    /**
     * What the model answers with: AUDIO (turn on outputAudioTranscription to get the words as text too) or TEXT (2.5
     * half-cascade models, and transcription models, which answer with the transcript). Default: AUDIO, or TEXT for a
     * model that only answers in text.
     */
    public void setResponseModalities(Modality responseModalities) {
        this.responseModalities = responseModalities;
    }

    public String getApiKey() {
        return apiKey;
    }

    /**
     * The Gemini API key, sent in the x-goog-api-key handshake header. Falls back to the GEMINI_API_KEY, then GOOGLE_API_KEY environment variable. Never logged.
     */
    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getAuthToken() {
        return authToken;
    }

    /**
     * An ephemeral token (auth_tokens/...) used instead of apiKey; connects to the BidiGenerateContentConstrained endpoint, on v1alpha unless apiVersion is set.
     */
    public void setAuthToken(String authToken) {
        this.authToken = authToken;
    }

    public java.util.function.Supplier<String> getAuthTokenSupplier() {
        return authTokenSupplier;
    }

    /**
     * A bean (#name) that supplies an ephemeral token (auth_tokens/...), called for every new connection so that a
     * one-use or short-lived token is never reused (e.g. one minted with authTokens.create for each call). Used when
     * authToken is not set; connects like authToken does.
     */
    public void setAuthTokenSupplier(java.util.function.Supplier<String> authTokenSupplier) {
        this.authTokenSupplier = authTokenSupplier;
    }

    public String getBearerToken() {
        return bearerToken;
    }

    /**
     * An OAuth access token for backend=vertex.
     */
    public void setBearerToken(String bearerToken) {
        this.bearerToken = bearerToken;
    }

    public java.util.function.Supplier<String> getBearerTokenSupplier() {
        return bearerTokenSupplier;
    }

    /**
     * For backend=vertex: a bean (#name) that supplies an OAuth access token, called for every new connection so that
     * tokens can be refreshed (e.g. from Google's auth library). Used when bearerToken is not set.
     */
    public void setBearerTokenSupplier(java.util.function.Supplier<String> bearerTokenSupplier) {
        this.bearerTokenSupplier = bearerTokenSupplier;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    /**
     * The server to connect to, e.g. ws://127.0.0.1:8765 for the local emulator. Default: Google's host for the chosen backend. http and https map to ws and wss.
     */
    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getApiVersion() {
        return apiVersion;
    }

    /**
     * The API version in the endpoint path. Default v1beta (v1alpha with authToken; v1beta1 on Vertex AI).
     */
    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public Backend getBackend() {
        return backend;
    }

    /**
     * gemini for the Gemini Developer API, vertex for Vertex AI (needs project, location and bearerToken or bearerTokenSupplier).
     */
    public void setBackend(Backend backend) {
        this.backend = backend;
    }

    public String getProject() {
        return project;
    }

    /**
     * The Google Cloud project for backend=vertex; also sent as x-goog-user-project.
     */
    public void setProject(String project) {
        this.project = project;
    }

    public String getLocation() {
        return location;
    }

    /**
     * The Vertex AI location for backend=vertex (global uses the global host).
     */
    public void setLocation(String location) {
        this.location = location;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    /**
     * TLS settings for wss connections. The JVM trust store is used when unset; certificates are always verified.
     */
    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    /**
     * Time allowed to open the WebSocket connection.
     */
    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getSetupTimeout() {
        return setupTimeout;
    }

    /**
     * Time allowed between sending setup and receiving setupComplete.
     */
    public void setSetupTimeout(long setupTimeout) {
        this.setupTimeout = setupTimeout;
    }

    public String getSystemInstruction() {
        return systemInstruction;
    }

    /**
     * The system instruction: text, or resource:classpath:..., resource:file:... to load it.
     */
    public void setSystemInstruction(String systemInstruction) {
        this.systemInstruction = systemInstruction;
    }

    public String getVoiceName() {
        return voiceName;
    }

    /**
     * The prebuilt voice for audio replies, e.g. Kore, Puck, Charon.
     */
    public void setVoiceName(String voiceName) {
        this.voiceName = voiceName;
    }

    public String getLanguageCode() {
        return languageCode;
    }

    /**
     * BCP-47 language of speech output, e.g. en-US. Native audio models choose the language themselves.
     */
    public void setLanguageCode(String languageCode) {
        this.languageCode = languageCode;
    }

    public Double getTemperature() {
        return temperature;
    }

    /**
     * Sampling temperature.
     */
    public void setTemperature(Double temperature) {
        this.temperature = temperature;
    }

    public Double getTopP() {
        return topP;
    }

    /**
     * Nucleus sampling probability mass.
     */
    public void setTopP(Double topP) {
        this.topP = topP;
    }

    public Integer getTopK() {
        return topK;
    }

    /**
     * Top-k sampling.
     */
    public void setTopK(Integer topK) {
        this.topK = topK;
    }

    public Integer getMaxOutputTokens() {
        return maxOutputTokens;
    }

    /**
     * The most tokens one model turn may produce.
     */
    public void setMaxOutputTokens(Integer maxOutputTokens) {
        this.maxOutputTokens = maxOutputTokens;
    }

    public Integer getCandidateCount() {
        return candidateCount;
    }

    /**
     * Number of candidates to generate.
     */
    public void setCandidateCount(Integer candidateCount) {
        this.candidateCount = candidateCount;
    }

    public Double getPresencePenalty() {
        return presencePenalty;
    }

    /**
     * Presence penalty.
     */
    public void setPresencePenalty(Double presencePenalty) {
        this.presencePenalty = presencePenalty;
    }

    public Double getFrequencyPenalty() {
        return frequencyPenalty;
    }

    /**
     * Frequency penalty.
     */
    public void setFrequencyPenalty(Double frequencyPenalty) {
        this.frequencyPenalty = frequencyPenalty;
    }

    public Integer getSeed() {
        return seed;
    }

    /**
     * Sampling seed.
     */
    public void setSeed(Integer seed) {
        this.seed = seed;
    }

    public MediaResolution getMediaResolution() {
        return mediaResolution;
    }

    /**
     * Token budget per input image.
     */
    public void setMediaResolution(MediaResolution mediaResolution) {
        this.mediaResolution = mediaResolution;
    }

    public Integer getThinkingBudget() {
        return thinkingBudget;
    }

    /**
     * Thinking token budget for 2.5 models (0 disables, -1 automatic).
     */
    public void setThinkingBudget(Integer thinkingBudget) {
        this.thinkingBudget = thinkingBudget;
    }

    public ThinkingLevel getThinkingLevel() {
        return thinkingLevel;
    }

    /**
     * Thinking level, where the model's family takes one: 3.1 Flash Live (MINIMAL, LOW, MEDIUM, HIGH) and 3.8 Live
     * extended thinking (LOW, MEDIUM, HIGH). gemini-3.8-live takes no thinking options; 2.5 models take thinkingBudget.
     */
    public void setThinkingLevel(ThinkingLevel thinkingLevel) {
        this.thinkingLevel = thinkingLevel;
    }

    public boolean isIncludeThoughts() {
        return includeThoughts;
    }

    /**
     * Return thought summaries (thought events).
     */
    public void setIncludeThoughts(boolean includeThoughts) {
        this.includeThoughts = includeThoughts;
    }

    public boolean isInputAudioTranscription() {
        return inputAudioTranscription;
    }

    /**
     * Transcribe the user's audio (inputTranscription events and header).
     */
    public void setInputAudioTranscription(boolean inputAudioTranscription) {
        this.inputAudioTranscription = inputAudioTranscription;
    }

    public boolean isOutputAudioTranscription() {
        return outputAudioTranscription;
    }

    /**
     * Transcribe the model's audio; with replyFormat=text the transcription is the reply.
     */
    public void setOutputAudioTranscription(boolean outputAudioTranscription) {
        this.outputAudioTranscription = outputAudioTranscription;
    }

    public boolean isAutomaticActivityDetection() {
        return automaticActivityDetection;
    }

    /**
     * Let the server detect when the user starts and stops speaking. When false, the producer brackets each audio body with activityStart and activityEnd.
     */
    public void setAutomaticActivityDetection(boolean automaticActivityDetection) {
        this.automaticActivityDetection = automaticActivityDetection;
    }

    public RealtimeInputConfig.StartSensitivity getStartOfSpeechSensitivity() {
        return startOfSpeechSensitivity;
    }

    /**
     * How eagerly the start of speech is detected.
     */
    public void setStartOfSpeechSensitivity(RealtimeInputConfig.StartSensitivity startOfSpeechSensitivity) {
        this.startOfSpeechSensitivity = startOfSpeechSensitivity;
    }

    public RealtimeInputConfig.EndSensitivity getEndOfSpeechSensitivity() {
        return endOfSpeechSensitivity;
    }

    /**
     * How eagerly the end of speech is detected.
     */
    public void setEndOfSpeechSensitivity(RealtimeInputConfig.EndSensitivity endOfSpeechSensitivity) {
        this.endOfSpeechSensitivity = endOfSpeechSensitivity;
    }

    public Integer getPrefixPaddingMs() {
        return prefixPaddingMs;
    }

    /**
     * Speech needed before a start of speech is committed, in milliseconds.
     */
    public void setPrefixPaddingMs(Integer prefixPaddingMs) {
        this.prefixPaddingMs = prefixPaddingMs;
    }

    public Integer getSilenceDurationMs() {
        return silenceDurationMs;
    }

    /**
     * Silence needed before an end of speech is committed, in milliseconds.
     */
    public void setSilenceDurationMs(Integer silenceDurationMs) {
        this.silenceDurationMs = silenceDurationMs;
    }

    public RealtimeInputConfig.ActivityHandling getActivityHandling() {
        return activityHandling;
    }

    /**
     * Whether user activity interrupts the model (barge-in).
     */
    public void setActivityHandling(RealtimeInputConfig.ActivityHandling activityHandling) {
        this.activityHandling = activityHandling;
    }

    public RealtimeInputConfig.TurnCoverage getTurnCoverage() {
        return turnCoverage;
    }

    /**
     * Which input a user turn includes.
     */
    public void setTurnCoverage(RealtimeInputConfig.TurnCoverage turnCoverage) {
        this.turnCoverage = turnCoverage;
    }

    public boolean isSessionResumption() {
        return sessionResumption;
    }

    /**
     * Ask the server for resumption handles (sessionResumptionUpdate events).
     */
    public void setSessionResumption(boolean sessionResumption) {
        this.sessionResumption = sessionResumption;
    }

    public boolean isContextWindowCompression() {
        return contextWindowCompression;
    }

    /**
     * Turn on sliding-window context compression, which lifts the session length limits.
     */
    public void setContextWindowCompression(boolean contextWindowCompression) {
        this.contextWindowCompression = contextWindowCompression;
    }

    public Long getTriggerTokens() {
        return triggerTokens;
    }

    /**
     * Context size that triggers compression; implies contextWindowCompression.
     */
    public void setTriggerTokens(Long triggerTokens) {
        this.triggerTokens = triggerTokens;
    }

    public Long getTargetTokens() {
        return targetTokens;
    }

    /**
     * Context size after compression; implies contextWindowCompression.
     */
    public void setTargetTokens(Long targetTokens) {
        this.targetTokens = targetTokens;
    }

    public boolean isGoogleSearch() {
        return googleSearch;
    }

    /**
     * Let the model ground answers with Google Search.
     */
    public void setGoogleSearch(boolean googleSearch) {
        this.googleSearch = googleSearch;
    }

    public boolean isCodeExecution() {
        return codeExecution;
    }

    /**
     * Let the model run code (executableCode and codeExecutionResult events).
     */
    public void setCodeExecution(boolean codeExecution) {
        this.codeExecution = codeExecution;
    }

    public boolean isInitialHistoryInClientContent() {
        return initialHistoryInClientContent;
    }

    /**
     * 3.x models: clientContent sent before any other input seeds history without starting a turn
     * (historyConfig.initialHistoryInClientContent).
     */
    public void setInitialHistoryInClientContent(boolean initialHistoryInClientContent) {
        this.initialHistoryInClientContent = initialHistoryInClientContent;
    }

    public Boolean getProactiveAudio() {
        return proactiveAudio;
    }

    /**
     * Let the model ignore input not meant for it (v1alpha, 2.5 native audio).
     */
    public void setProactiveAudio(Boolean proactiveAudio) {
        this.proactiveAudio = proactiveAudio;
    }

    public Boolean getEnableAffectiveDialog() {
        return enableAffectiveDialog;
    }

    /**
     * Let the model adapt to the user's tone (v1alpha, 2.5 native audio).
     */
    public void setEnableAffectiveDialog(Boolean enableAffectiveDialog) {
        this.enableAffectiveDialog = enableAffectiveDialog;
    }

    public String getSetup() {
        return setup;
    }

    /**
     * A JSON setup object, inline or resource:classpath:..., merged over the setup built from the options (for fields with no option).
     */
    public void setSetup(String setup) {
        this.setup = setup;
    }

    public ReplyFormat getReplyFormat() {
        return replyFormat;
    }

    /**
     * The answer's body: text (the model's text, or its output transcription when it speaks), audio (24 kHz PCM bytes), wav (the audio as a WAV file) or turn (a LiveTurn with everything).
     */
    public void setReplyFormat(ReplyFormat replyFormat) {
        this.replyFormat = replyFormat;
    }

    public ReplyMode getReplyMode() {
        return replyMode;
    }

    /**
     * answer: input that completes a user turn waits for the model's answer and the exchange carries it, whatever its exchange pattern (InOnly routes from a timer, a file or a queue get the answer too). none: the exchange completes once its input is written and answers reach the endpoint's consumers only, for routes that only stream input.
     */
    public void setReplyMode(ReplyMode replyMode) {
        this.replyMode = replyMode;
    }

    public long getTurnTimeout() {
        return turnTimeout;
    }

    /**
     * How long an InOut exchange waits for the model to finish its turn.
     */
    public void setTurnTimeout(long turnTimeout) {
        this.turnTimeout = turnTimeout;
    }

    public String getAudioMimeType() {
        return audioMimeType;
    }

    /**
     * The MIME type of audio bodies when the exchange has no CamelGeminiLiveMimeType header.
     */
    public void setAudioMimeType(String audioMimeType) {
        this.audioMimeType = audioMimeType;
    }

    public int getAudioChunkMillis() {
        return audioChunkMillis;
    }

    /**
     * Audio is sent in chunks of this many milliseconds.
     */
    public void setAudioChunkMillis(int audioChunkMillis) {
        this.audioChunkMillis = audioChunkMillis;
    }

    public String getModelProfile() {
        return modelProfile;
    }

    /**
     * The rules of the model family to follow: auto (the profile the model's id maps to) or a profile name. It decides
     * how text is sent (clientContent turns on 2.5, realtimeInput.text on 3.x), which functions are NON_BLOCKING,
     * which thinking options apply and which response modality the model accepts. gemini-2 and gemini-3 are kept as
     * aliases of gemini-2.5-half-cascade and gemini-3.1-flash-live.
     */
    public void setModelProfile(String modelProfile) {
        this.modelProfile = modelProfile;
    }

    public String getEvents() {
        return events;
    }

    /**
     * Comma-separated event types the consumer receives (e.g. text,turnComplete); all when unset.
     */
    public void setEvents(String events) {
        this.events = events;
    }

    public Aggregate getAggregate() {
        return aggregate;
    }

    /**
     * chunk: one exchange per event; turn: one exchange per finished turn, with a LiveTurn body.
     */
    public void setAggregate(Aggregate aggregate) {
        this.aggregate = aggregate;
    }

    public Integer getMaxConcurrentSessions() {
        return maxConcurrentSessions;
    }

    /**
     * The most Live sessions open at once for endpoints of this name. Default: 10 on the Gemini API (concurrency there
     * follows the project's usage tier; set your tier's limit), 1000 on Vertex AI (its per-project quota). A
     * conversation that needs a session when all are open parks the least recently used idle one (its memory is kept and
     * it resumes when it comes back), or waits up to sessionAcquireTimeout.
     */
    public void setMaxConcurrentSessions(Integer maxConcurrentSessions) {
        this.maxConcurrentSessions = maxConcurrentSessions;
    }

    /** @return maxConcurrentSessions, or the chosen backend's default */
    public int effectiveMaxConcurrentSessions() {
        if (maxConcurrentSessions != null) {
            return maxConcurrentSessions;
        }
        return backend == Backend.VERTEX ? DEFAULT_SESSIONS_VERTEX : DEFAULT_SESSIONS_GEMINI;
    }

    /** Concurrent Live sessions per Gemini API project seen working on the paid tiers. */
    public static final int DEFAULT_SESSIONS_GEMINI = 10;
    /** Vertex AI's concurrent Live sessions per project. */
    public static final int DEFAULT_SESSIONS_VERTEX = 1000;

    public TurnPolicy getTurnPolicy() {
        return turnPolicy;
    }

    /**
     * How InOut turns of one conversation share it. queue: one turn at a time; the next input is sent once the turn in
     * progress is complete, so every exchange gets the answer to its own input. interrupt: new input is sent at once
     * and may cut off the turn in progress (barge-in, as voice wants); the cut-off exchange gets interruptedReply.
     */
    public void setTurnPolicy(TurnPolicy turnPolicy) {
        this.turnPolicy = turnPolicy;
    }

    public InterruptedReply getInterruptedReply() {
        return interruptedReply;
    }

    /**
     * What an InOut exchange whose turn was interrupted gets. fail: it fails with GeminiLiveInterruptedException, which
     * carries the partial reply. partial: the partial reply, with the CamelGeminiLiveInterrupted header true.
     */
    public void setInterruptedReply(InterruptedReply interruptedReply) {
        this.interruptedReply = interruptedReply;
    }

    public boolean isSynchronous() {
        return synchronous;
    }

    /**
     * Whether the producer works synchronously: the thread that sends the exchange waits until it is complete and goes on
     * with the route itself. The exchange is then completed where its answer arrives, without the hand-off to a worker
     * thread that an asynchronous exchange needs (the route must not go on on a socket thread), which makes each turn
     * quicker; the cost is a thread waiting per exchange in flight. Suits callers that wait anyway, such as a
     * ProducerTemplate request or a synchronous JMS or HTTP consumer.
     */
    public void setSynchronous(boolean synchronous) {
        this.synchronous = synchronous;
    }

    public long getSessionAcquireTimeout() {
        return sessionAcquireTimeout;
    }

    /**
     * How long a new conversation waits for a free session slot before the exchange fails.
     */
    public void setSessionAcquireTimeout(long sessionAcquireTimeout) {
        this.sessionAcquireTimeout = sessionAcquireTimeout;
    }

    public long getSessionIdleTimeout() {
        return sessionIdleTimeout;
    }

    /**
     * A session with no traffic for this long is closed, freeing its slot; 0 keeps sessions open until the route stops.
     */
    public void setSessionIdleTimeout(long sessionIdleTimeout) {
        this.sessionIdleTimeout = sessionIdleTimeout;
    }

    public long getMaxPendingBytes() {
        return maxPendingBytes;
    }

    /**
     * Bytes that may wait to be written per session; beyond this, senders wait (backpressure).
     */
    public void setMaxPendingBytes(long maxPendingBytes) {
        this.maxPendingBytes = maxPendingBytes;
    }

    public long getWriteTimeout() {
        return writeTimeout;
    }

    /**
     * How long a send may wait for room in a full write queue.
     */
    public void setWriteTimeout(long writeTimeout) {
        this.writeTimeout = writeTimeout;
    }

    public int getMaxConcurrentConnects() {
        return maxConcurrentConnects;
    }

    /**
     * How many WebSocket handshakes run at once (each holds a thread until the server answers); more connects wait their turn, within connectTimeout.
     */
    public void setMaxConcurrentConnects(int maxConcurrentConnects) {
        this.maxConcurrentConnects = maxConcurrentConnects;
    }

    public String getFunctions() {
        return functions;
    }

    /**
     * The functions the model may call, in the API's FunctionDeclaration schema (name, description, parameters,
     * behavior): inline JSON, resource:classpath:... / resource:file:..., or #beanName of a bean holding declarations
     * (a List of FunctionDeclaration, a Tool, or their JSON). A JSON array of declarations or an object with
     * functionDeclarations.
     */
    public void setFunctions(String functions) {
        this.functions = functions;
    }

    public java.util.Map<String, Object> getToolEndpoint() {
        return toolEndpoint;
    }

    /**
     * Camel endpoints that answer function calls: toolEndpoint.get_weather=direct:weather. The call becomes an exchange
     * to that endpoint with the arguments as a Map body; its body becomes the function's output, an exception its error.
     * Calls of functions without an endpoint go to the consumer as toolCall events.
     */
    public void setToolEndpoint(java.util.Map<String, Object> toolEndpoint) {
        this.toolEndpoint = toolEndpoint;
    }

    public long getToolTimeout() {
        return toolTimeout;
    }

    /**
     * How long a tool endpoint may take before the model gets an error response for the call.
     */
    public void setToolTimeout(long toolTimeout) {
        this.toolTimeout = toolTimeout;
    }

    public FunctionResponse.Scheduling getToolScheduling() {
        return toolScheduling;
    }

    /**
     * How the model takes the result of a function declared NON_BLOCKING (2.5 models and 3.8 Live): SILENT adds it to the
     * context, WHEN_IDLE
     * (the server's default) answers once the model is idle, INTERRUPT answers at once. A tool route may choose per call
     * with the CamelGeminiLiveToolScheduling header.
     */
    public void setToolScheduling(FunctionResponse.Scheduling toolScheduling) {
        this.toolScheduling = toolScheduling;
    }

    public String getToolArguments() {
        return toolArguments;
    }

    /**
     * The body of a tool exchange: map (the arguments as a Map) or json (the arguments as a JSON text with Content-Type
     * application/json, for endpoints such as http: that send the body as is); per function as a list, e.g.
     * get_rate:json,get_weather:map (unlisted functions get map). A tool reply with Content-Type application/json is read
     * back as JSON.
     */
    public void setToolArguments(String toolArguments) {
        this.toolArguments = toolArguments;
    }

    public ConversationStore getConversationStore() {
        return conversationStore;
    }

    /**
     * Where conversations are remembered between connections (resumption handle and history): a bean implementing
     * dev.geminilive.camel.store.ConversationStore. Unset (and no conversationStoreDirectory), the registry's one ConversationStore bean is used if it has exactly one; otherwise the component keeps them in memory, so they survive
     * reconnects and route restarts but not a JVM restart.
     */
    public void setConversationStore(ConversationStore conversationStore) {
        this.conversationStore = conversationStore;
    }

    public String getConversationStoreDirectory() {
        return conversationStoreDirectory;
    }

    /**
     * Keep conversations in JSON files in this directory (one per conversation), so they go on after a JVM restart. The
     * files hold resumption handles: protect the directory like a credential store. Ignored when conversationStore is set.
     */
    public void setConversationStoreDirectory(String conversationStoreDirectory) {
        this.conversationStoreDirectory = conversationStoreDirectory;
    }

    public int getReconnectMaxAttempts() {
        return reconnectMaxAttempts;
    }

    /**
     * Connection attempts after a drop (close 1011, 1006, 1001) or a goAway before the conversation's session ends with
     * an error; its next input then starts again from the conversation store. 1007 and 1008 are never retried.
     */
    public void setReconnectMaxAttempts(int reconnectMaxAttempts) {
        this.reconnectMaxAttempts = reconnectMaxAttempts;
    }

    public long getReconnectInitialDelay() {
        return reconnectInitialDelay;
    }

    /**
     * The backoff before the second reconnect attempt (the first goes at once); doubled for each further attempt, with
     * jitter, up to reconnectMaxDelay.
     */
    public void setReconnectInitialDelay(long reconnectInitialDelay) {
        this.reconnectInitialDelay = reconnectInitialDelay;
    }

    public long getReconnectMaxDelay() {
        return reconnectMaxDelay;
    }

    /**
     * The longest backoff between reconnect attempts.
     */
    public void setReconnectMaxDelay(long reconnectMaxDelay) {
        this.reconnectMaxDelay = reconnectMaxDelay;
    }

    public long getResumptionHandleTtl() {
        return resumptionHandleTtl;
    }

    /**
     * How long a stored resumption handle is used after it arrived (Google documents 2 hours after the session's last
     * connection); an older one is skipped and the conversation is re-seeded from its history instead.
     */
    public void setResumptionHandleTtl(long resumptionHandleTtl) {
        this.resumptionHandleTtl = resumptionHandleTtl;
    }

    public int getHistoryMaxTurns() {
        return historyMaxTurns;
    }

    /**
     * Turns (user and model) kept per conversation in the conversation store, to re-seed a new session when no
     * resumption handle is usable; 0 keeps none.
     */
    public void setHistoryMaxTurns(int historyMaxTurns) {
        this.historyMaxTurns = historyMaxTurns;
    }

    public long getMaxReplayBytes() {
        return maxReplayBytes;
    }

    /**
     * Input kept per conversation until the server has consumed it, to be sent again on a new connection after a goAway
     * or a drop (about 8 minutes of 16 kHz audio by default). Beyond it the oldest input is given up, with a WARN log.
     */
    public void setMaxReplayBytes(long maxReplayBytes) {
        this.maxReplayBytes = maxReplayBytes;
    }

    public ToolErrors getToolErrorMessage() {
        return toolErrorMessage;
    }

    /**
     * What the model is told when a tool endpoint fails: generic (a fixed text naming the function, e.g. The function
     * get_weather failed.), class (the function and the exception's class name) or message (the exception's message as it
     * is, only for tools whose errors hold nothing secret). A tool route may set its own text in the
     * CamelGeminiLiveToolError header. Timeouts always get a fixed text.
     */
    public void setToolErrorMessage(ToolErrors toolErrorMessage) {
        this.toolErrorMessage = toolErrorMessage;
    }
}
