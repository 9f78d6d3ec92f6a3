package dev.geminilive.emulator;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.websocket.Session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.geminilive.emulator.audio.EnergyVad;
import dev.geminilive.emulator.audio.Pcm16;
import dev.geminilive.emulator.brain.Conversation;
import dev.geminilive.emulator.brain.Reply;
import dev.geminilive.emulator.brain.UserInput;
import dev.geminilive.emulator.scenario.Action;
import dev.geminilive.emulator.scenario.InputEvent;
import dev.geminilive.emulator.scenario.Rule;
import dev.geminilive.emulator.scenario.ScenarioRunner;
import dev.geminilive.emulator.server.HandshakeInfo;
import dev.geminilive.protocol.Blob;
import dev.geminilive.protocol.ClientContent;
import dev.geminilive.protocol.ClientMessage;
import dev.geminilive.protocol.ContextUpdate;
import dev.geminilive.protocol.Content;
import dev.geminilive.protocol.FunctionCall;
import dev.geminilive.protocol.FunctionResponse;
import dev.geminilive.protocol.GoAway;
import dev.geminilive.protocol.LiveCodec;
import dev.geminilive.protocol.Mime;
import dev.geminilive.protocol.Modality;
import dev.geminilive.protocol.Part;
import dev.geminilive.protocol.ProtoDurations;
import dev.geminilive.protocol.ProtocolException;
import dev.geminilive.protocol.RealtimeInput;
import dev.geminilive.protocol.ServerContent;
import dev.geminilive.protocol.ServerMessage;
import dev.geminilive.protocol.SessionResumptionUpdate;
import dev.geminilive.protocol.Setup;
import dev.geminilive.protocol.SetupComplete;
import dev.geminilive.protocol.ToolCall;
import dev.geminilive.protocol.ToolCallCancellation;
import dev.geminilive.protocol.ToolResponse;
import dev.geminilive.protocol.Transcription;

/**
 * The emulated model behind one WebSocket connection: it checks the protocol, keeps the conversation, detects speech,
 * streams model turns, runs function calls, barge-in, resumption and the connection's limits. Every method that touches
 * state runs on the connection's {@link SerialExecutor}; the public entry points only enqueue.
 */
final class LiveConnection implements Faults {

    private static final Logger LOG = LoggerFactory.getLogger(LiveConnection.class);
    private static final String MALFORMED = "{\"serverContent\": {\"modelTurn\": {\"parts\": [{\"text\": ";

    private enum State { AWAITING_SETUP, ACTIVE, CLOSED }

    private final EmulatorCore core;
    private final EmulatorSettings settings;
    private final HandshakeInfo handshake;
    private final LivePath path;
    private final SerialExecutor serial;
    private final EmulatorSession view;
    private final Outbox out;
    private final ToolBook tools = new ToolBook();
    private final Deque<Runnable> deferred = new ArrayDeque<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();

    private State state = State.AWAITING_SETUP;
    private Authenticator.Result auth;
    private SessionOptions opts;
    private Conversation memory = new Conversation();
    private String conversationId;
    private ScenarioRunner scenario;
    private ModelTurn turn;
    private EnergyVad vad;
    private boolean inManualActivity;
    private long activityBytes;
    private int activityRate = 16000;
    private long clientIndex = -1;
    private int userTurns;
    private boolean seedOpen = true;
    private volatile boolean gateAcquired;
    private volatile boolean conversationOpened;
    private final java.util.concurrent.atomic.AtomicBoolean gateReleased = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicBoolean conversationReleased = new java.util.concurrent.atomic.AtomicBoolean();
    private ScheduledFuture<?> sessionLimit;
    private ScheduledFuture<?> idleCheck;
    private ScheduledFuture<?> periodicUpdate;
    private long periodicGeneration;
    private long lastClientFrameNanos = System.nanoTime();
    /** The latest sessionResumptionUpdate said resumable:false: the model is generating or waiting for functions. */
    private boolean busy;
    private int responseTokens;
    private Modality responseModality = Modality.TEXT;

    LiveConnection(EmulatorCore core, HandshakeInfo handshake, LivePath path, Session ws) {
        this.core = core;
        this.settings = core.settings;
        this.handshake = handshake;
        this.path = path;
        this.serial = new SerialExecutor(core.workers);
        this.view = new EmulatorSession(core.nextSessionId(), path, this, settings.recording());
        this.out = new Outbox(ws, handshake, view.frames(), settings.binaryFrames(), settings.frameDelay());
        this.conversationId = view.id();
    }

    EmulatorSession view() {
        return view;
    }

    // ---------------------------------------------------------------- entry points (any thread)

    void opened() {
        serial.execute(() -> {
            scheduleLifetime();
            scheduleIdleCheck(settings.idleTimeout().toMillis());
        });
    }

    void frame(String json, boolean binary) {
        java.time.Instant arrived = java.time.Instant.now();
        serial.execute(() -> handleFrame(json, binary, arrived));
    }

    /** A frame over the configured limit: RFC 6455 close 1009. */
    void tooBig() {
        serial.execute(() -> closeWith(CloseReasons.TOO_BIG, "Message too big: the limit is " + settings.maxMessageBytes() + " bytes."));
    }

    void closedByPeer(int code, String reason) {
        // the session stops counting against the quota (and stops holding its conversation) as soon as the client has
        // closed, not once this session's queue gets to it: a client that closes one session to open another is not
        // refused for the one it just closed
        releaseAdmission();
        serial.execute(() -> finish(new CloseStatus(code, reason, false, code == 1006)));
    }

    @Override
    public void drop() {
        serial.execute(() -> {
            if (state != State.CLOSED) {
                finish(new CloseStatus(1006, "", true, true));
                out.drop();
            }
        });
    }

    @Override
    public void close(int code, String reason) {
        serial.execute(() -> closeWith(code, reason));
    }

    @Override
    public void stall(Duration duration) {
        serial.execute(() -> sleep(duration.toMillis()));
    }

    @Override
    public void sendMalformed() {
        sendRaw(MALFORMED);
    }

    @Override
    public void sendRaw(String text) {
        serial.execute(() -> {
            if (state != State.CLOSED) {
                out.sendRaw(text);
            }
        });
    }

    @Override
    public void send(ServerMessage message) {
        serial.execute(() -> {
            if (state != State.CLOSED) {
                out.send(message);
            }
        });
    }

    @Override
    public void goAway(Duration timeLeft) {
        serial.execute(() -> {
            if (state != State.CLOSED) {
                goAwayNow(timeLeft);
            }
        });
    }

    /**
     * The emulator stops: the close frame goes out from the caller's thread at once, even when this session's queue is
     * stalled, so no client is left with a connection that ends without one.
     */
    void shutdown(int code, String reason) {
        out.close(code, reason);
        serial.execute(() -> finish(new CloseStatus(code, reason, true, false)));
    }

    /** @return whether the TCP connection is still open */
    boolean transportOpen() {
        return handshake.connection().isOpen();
    }

    @Override
    public void delayEachFrame(Duration delay) {
        out.frameDelay(delay);
    }

    // ---------------------------------------------------------------- frames

    private void handleFrame(String json, boolean binary, java.time.Instant arrived) {
        if (state == State.CLOSED) {
            return;
        }
        lastClientFrameNanos = System.nanoTime();
        clientIndex++;
        ClientMessage message = null;
        ProtocolException invalid = null;
        try {
            message = LiveCodec.strict().decodeClient(json);
        } catch (ProtocolException e) {
            invalid = e;
        }
        view.frames().recordIn(json, binary, message, arrived);
        if (auth == null) {
            // the real server accepts the upgrade and reports bad credentials when setup arrives
            auth = core.authenticator.check(handshake, path);
            if (!auth.ok()) {
                closeWith(auth.closeCode(), auth.reason());
                return;
            }
        }
        try {
            if (invalid != null) {
                throw invalid;
            }
            dispatch(message, json);
        } catch (ProtocolException e) {
            closeWith(e.closeCode(), e.getMessage());
        }
    }

    private void dispatch(ClientMessage message, String json) {
        if (message.kind() == ClientMessage.Kind.SETUP) {
            if (state != State.AWAITING_SETUP) {
                throw invalidArgument("Setup must be the first and only setup message.");
            }
            java.util.Optional<String> token = auth.token().filter(core.authTokens::minted);
            if (token.isPresent()) {
                // a minted token's expiry, uses and locked fields decide; the session runs with the setup they leave
                AuthTokens.Admission admitted = core.authTokens.admit(token.get(), json);
                addTimer(schedule(() -> serial.execute(() -> closeWith(CloseReasons.POLICY_VIOLATION, CloseReasons.AUTH_TOKEN_EXPIRED)),
                        core.authTokens.untilExpiry(admitted.expireTime()).toMillis()));
                onSetup(admitted.message().setup(), admitted.json());
                return;
            }
            onSetup(message.setup(), json);
            return;
        }
        if (state != State.ACTIVE) {
            throw invalidArgument("The first message must be setup.");
        }
        switch (message.kind()) {
            case CLIENT_CONTENT -> onClientContent(message.clientContent());
            case REALTIME_INPUT -> onRealtimeInput(message.realtimeInput());
            case TOOL_RESPONSE -> onToolResponse(message.toolResponse());
            case CONTEXT_UPDATE -> onContextUpdate(message.contextUpdate());
            default -> throw invalidArgument(null);
        }
    }

    private static ProtocolException invalidArgument(String detail) {
        return new ProtocolException(detail == null ? CloseReasons.INVALID_ARGUMENT : CloseReasons.INVALID_ARGUMENT + " " + detail, null);
    }

    // ---------------------------------------------------------------- setup

    private void onSetup(Setup setup, String json) {
        JsonNode raw;
        try {
            raw = LiveCodec.strict().mapper().readTree(json);
        } catch (IOException e) {
            throw new ProtocolException("Invalid JSON payload received.", e);
        }
        ModelSpec model = SetupRules.validate(setup, raw, path, settings.models());
        SessionOptions options = SessionOptions.from(setup, model);
        boolean resumed = false;
        String handle = setup.sessionResumption() == null ? null : setup.sessionResumption().handle();
        if (handle != null && !handle.isEmpty()) {
            ResumptionStore.Entry entry = core.resumption.find(handle)
                    .filter(e -> core.conversations.alive(e.conversationId(), settings.handleTtl()))
                    .orElseThrow(() -> invalidArgument("The session resumption handle is invalid or has expired."));
            List<LiveConnection> others = core.conversations.openConnections(entry.conversationId());
            if (!others.isEmpty()) {
                if (settings.rejectResumeWhileConnected()) {
                    throw new ProtocolException(CloseReasons.INTERNAL_ERROR, CloseReasons.SESSION_IN_USE, null);
                }
                supersede(others);
            }
            memory = entry.memory().copy();
            conversationId = entry.conversationId();
            resumed = true;
        }
        if (!core.gate.tryAcquire(auth.credential())) {
            throw new ProtocolException(CloseReasons.INTERNAL_ERROR, CloseReasons.MAX_CONCURRENT_SESSIONS, null);
        }
        gateAcquired = true;
        opts = options;
        memory.setSystemInstruction(setup.systemInstruction() == null ? "" : setup.systemInstruction().text());
        ConversationRegistry.State conversation = core.conversations.opened(conversationId, this);
        conversationOpened = true;
        scenario = new ScenarioRunner(settings.scenario());
        vad = new EnergyVad(opts.vadThreshold(), opts.prefixPaddingMs(), opts.silenceDurationMs());
        state = State.ACTIVE;
        view.accepted(setup, conversationId, resumed);
        out.send(ServerMessage.of(path.vertex() ? new SetupComplete(UUID.randomUUID().toString(), null) : SetupComplete.empty()));
        if (opts.resumption()) {
            sendResumptionUpdate(true);
        }
        scheduleSessionLimit(conversation);
        scenario.match(new InputEvent(InputEvent.Kind.CONNECT, null, 0, List.of())).ifPresent(rule -> {
            ModelTurn t = new ModelTurn();
            addActions(t, rule, null);
            finalise(t);
            startTurn(t);
        });
    }

    // ---------------------------------------------------------------- context update

    /** Replaces what the update sets, in order with the other input: the next turn already uses it. */
    private void onContextUpdate(ContextUpdate update) {
        if (update.systemInstruction() != null) {
            memory.setSystemInstruction(update.systemInstruction().text());
        }
        if (update.tools() != null) {
            opts = opts.withTools(update.tools().tools());
        }
    }

    // ---------------------------------------------------------------- client content

    private void onClientContent(ClientContent content) {
        List<Content> turns = content.turns() == null ? List.of() : content.turns();
        switch (opts.model().profile().clientContent()) {
            case NEVER -> throw invalidArgument(null);
            case SEED_ONLY -> {
                if (!(opts.historySeed() && seedOpen)) {
                    throw invalidArgument(null);
                }
                remember(turns); // history seed: never starts a turn
                return;
            }
            case WHOLE_SESSION -> {
                for (Content c : turns) {
                    if (!"user".equals(c.role()) && !"model".equals(c.role())) {
                        throw invalidArgument("Please use a valid role: user, model.");
                    }
                }
                if (opts.historySeed() && seedOpen && !Boolean.TRUE.equals(content.turnComplete())) {
                    remember(turns); // the initial history: never starts a turn
                    return;
                }
                // turnComplete: true interrupts generation in progress whatever activityHandling says
                if (Boolean.TRUE.equals(content.turnComplete()) && turn != null) {
                    interrupt(Set.of());
                }
            }
            case ANYTIME -> interruptOrKeep();
        }
        remember(turns);
        if (Boolean.TRUE.equals(content.turnComplete())) {
            seedOpen = false;
            StringBuilder text = new StringBuilder();
            for (Content c : turns) {
                if (!"model".equals(c.role()) && !c.text().isEmpty()) {
                    text.append(text.length() > 0 ? "\n" : "").append(c.text());
                }
            }
            if (text.length() == 0) {
                List<Conversation.Turn> users = memory.userTurns();
                text.append(users.isEmpty() ? "" : users.get(users.size() - 1).text());
            }
            userInput(UserInput.text(text.toString()), true);
        }
    }

    private void remember(List<Content> turns) {
        for (Content c : turns) {
            if (c.parts() != null) {
                for (Part p : c.parts()) {
                    if (p.inlineData() != null && Mime.isImage(p.inlineData().mimeType())) {
                        memory.addImage(Mime.baseType(p.inlineData().mimeType()));
                    }
                }
            }
            memory.add(new Conversation.Turn("model".equals(c.role()) ? "model" : "user", c.text(), 0));
        }
    }

    /** clientContent interrupts the model like user activity does. */
    private void interruptOrKeep() {
        if (turn != null && opts.interrupts()) {
            interrupt(Set.of());
        }
    }

    // ---------------------------------------------------------------- realtime input

    private void onRealtimeInput(RealtimeInput in) {
        seedOpen = false;
        if (in.mediaChunks() != null) {
            if (!opts.model().profile().acceptsMediaChunks()) {
                throw new ProtocolException(CloseReasons.MEDIA_CHUNKS_DEPRECATED, null);
            }
            if (!in.mediaChunks().isEmpty()) { // the proto says only the first chunk is used
                Blob first = in.mediaChunks().get(0);
                if (Mime.isImage(first.mimeType())) {
                    onVideo(first);
                } else {
                    onAudio(first);
                }
            }
        }
        if (in.activityStart() != null) {
            requireManual("activity_start");
            inManualActivity = true;
            activityBytes = 0;
            bargeIn();
        }
        if (in.audio() != null) {
            onAudio(in.audio());
        }
        if (in.video() != null) {
            onVideo(in.video());
        }
        if (in.activityEnd() != null) {
            requireManual("activity_end");
            if (inManualActivity) {
                inManualActivity = false;
                userInput(UserInput.audio(Pcm16.millis(activityBytes, activityRate) / 1000.0), false);
            }
        }
        if (Boolean.TRUE.equals(in.audioStreamEnd()) && !opts.manualActivity()) {
            vad.flush().forEach(this::onVad);
        }
        if (in.text() != null) {
            userInput(UserInput.text(in.text()), false);
        }
    }

    private void requireManual(String what) {
        if (!opts.manualActivity()) {
            throw invalidArgument(what + " requires realtime_input_config.automatic_activity_detection.disabled=true.");
        }
    }

    private void onAudio(Blob audio) {
        int rate = audio.sampleRate(16000);
        byte[] data = audio.data() == null ? new byte[0] : audio.data();
        view.countAudio(data.length);
        core.conversations.audio(conversationId, view.id(), clientIndex, rate, data);
        if (opts.manualActivity()) {
            if (inManualActivity) {
                activityBytes += data.length;
                activityRate = rate;
            }
            return;
        }
        vad.feed(data, rate).forEach(this::onVad);
    }

    private void onVad(EnergyVad.Event event) {
        if (event instanceof EnergyVad.SpeechStarted) {
            bargeIn();
        } else if (event instanceof EnergyVad.SpeechEnded end) {
            userInput(UserInput.audio(end.speechMs() / 1000.0), false);
        }
    }

    private void onVideo(Blob video) {
        memory.addImage(Mime.baseType(video.mimeType()));
        ConversationRegistry.State s = core.conversations.state(conversationId);
        boolean first;
        synchronized (s) {
            first = !s.sawVideo;
            s.sawVideo = true;
        }
        if (first) {
            scheduleSessionLimit(s);
        }
    }

    private void bargeIn() {
        if (turn != null && opts.interrupts()) {
            interrupt(Set.of());
        }
    }

    // ---------------------------------------------------------------- user turns

    private void userInput(UserInput input, boolean alreadyRemembered) {
        if (turn != null) {
            if (!opts.interrupts()) {
                deferred.add(() -> userInput(input, alreadyRemembered));
                return;
            }
            interrupt(Set.of());
        }
        userTurns++;
        seedOpen = false;
        Optional<Rule> rule = scenario.match(new InputEvent(input.isAudio() ? InputEvent.Kind.AUDIO : InputEvent.Kind.TEXT,
                input.text(), userTurns, List.of()));
        String heard = rule.flatMap(r -> r.actions().stream().map(Action::asText).filter(a -> a != null).findFirst()).orElse(null);
        UserInput effective = heard == null ? input : new UserInput(heard, input.audioSeconds());
        ModelTurn t = new ModelTurn();
        if (opts.model().profile().transcribeOnly()) {
            transcribe(t, input, effective);
            return;
        }
        if (input.isAudio() && opts.inputTranscription()) {
            ServerMessage transcript = ServerMessage.of(ServerContent.ofInputTranscription(effective.transcript()));
            t.add(() -> sendStep(transcript));
        }
        if (!alreadyRemembered || heard != null) {
            memory.add(new Conversation.Turn("user", effective.transcript(), input.audioSeconds()));
        }
        if (rule.isPresent()) {
            addActions(t, rule.get(), effective);
            if (!rule.get().answers()) {
                addReply(t, settings.brain().respond(memory, effective, opts.functions()));
            }
        } else {
            addReply(t, settings.brain().respond(memory, effective, opts.functions()));
        }
        finalise(t);
        startTurn(t);
    }

    /**
     * A transcription model: speech in, its transcript out as input transcription fragments (interim, a word at a time,
     * the last one marked finished), then turnComplete; no model turn and no conversation memory. Typed text has
     * nothing to transcribe.
     */
    private void transcribe(ModelTurn t, UserInput input, UserInput effective) {
        if (!input.isAudio()) {
            throw invalidArgument(opts.model().id() + " only transcribes audio.");
        }
        String[] words = effective.transcript().split("(?<= )");
        for (int i = 0; i < words.length; i++) {
            ServerMessage fragment = ServerMessage.of(ServerContent.ofInputTranscription(
                    new Transcription(words[i], i == words.length - 1 ? Boolean.TRUE : null)));
            t.add(() -> sendStep(fragment));
        }
        t.produced = true;
        finalise(t);
        startTurn(t);
    }

    // ---------------------------------------------------------------- composing turns

    private void addReply(ModelTurn t, Reply reply) {
        if (!reply.calls().isEmpty()) {
            addToolCalls(t, reply.calls());
        }
        if (reply.text() != null) {
            addAnswer(t, reply.text(), opts.audioOut());
        }
    }

    private void addAnswer(ModelTurn t, String text, boolean audio) {
        announceBusy(t);
        memory.addModel(text);
        if (opts.model().profile().sendsLeadingUsage() && !t.produced) {
            ServerMessage lead = TurnComposer.leadingUsage(memory);
            t.add(() -> sendStep(lead));
        }
        t.produced = true;
        for (ServerMessage m : TurnComposer.answer(text, audio, opts.outputTranscription(), opts.model().profile())) {
            t.add(() -> sendStep(m));
        }
        int tokens = TurnComposer.responseTokens(text, audio);
        t.add(() -> {
            responseTokens += tokens;
            responseModality = audio ? Modality.AUDIO : Modality.TEXT;
            return 0;
        });
    }

    private void addToolCalls(ModelTurn t, List<Reply.PlannedCall> planned) {
        announceBusy(t);
        List<FunctionCall> calls = new ArrayList<>();
        boolean anyBlocking = false;
        for (Reply.PlannedCall p : planned) {
            String id = core.nextCallId();
            boolean blocking = opts.isBlocking(p.name());
            anyBlocking |= blocking;
            tools.issued(new ToolBook.Pending(id, p.name(), blocking));
            calls.add(new FunctionCall(id, p.name(), p.args()));
        }
        t.produced = true;
        ServerMessage call = ServerMessage.of(new ToolCall(calls));
        t.add(() -> sendStep(call));
        if (anyBlocking) {
            t.awaitingTools = true;
        } else {
            addAnswer(t, "I am calling " + String.join(", ", planned.stream().map(Reply.PlannedCall::name).toList()) + ".",
                    opts.audioOut());
        }
    }

    /** While the model works, the session is not resumable: the real server sends resumable:false with no handle. */
    private void announceBusy(ModelTurn t) {
        if (opts.resumption() && !t.announcedBusy) {
            t.announcedBusy = true;
            t.add(() -> {
                busy = true;
                out.send(ServerMessage.of(new SessionResumptionUpdate("", false, opts.transparent() ? clientIndex : null)));
                return settings.chunkDelay().toMillis();
            });
        }
    }

    /** Queues the end of the turn (generationComplete, turnComplete with usage) unless it waits for tools or is silent. */
    private void finalise(ModelTurn t) {
        if (t.awaitingTools || t.finalised || !t.produced) {
            return;
        }
        t.finalised = true;
        t.add(() -> sendStep(TurnComposer.generationComplete()));
        t.add(() -> {
            out.send(TurnComposer.turnComplete(memory, responseTokens, responseModality));
            responseTokens = 0;
            return 0;
        });
    }

    private void addActions(ModelTurn t, Rule rule, UserInput input) {
        for (Action a : rule.actions()) {
            if (a.reply() != null) {
                addAnswer(t, a.reply(), opts.audioOut());
            } else if (a.replyAudio() != null) {
                addAnswer(t, a.replyAudio(), true);
            } else if (a.toolCall() != null) {
                addToolCalls(t, a.toolCall().stream().map(c -> new Reply.PlannedCall(c.name(), c.args())).toList());
            } else if (a.asText() != null) {
                addReply(t, settings.brain().respond(memory, input == null ? UserInput.text(a.asText()) : input, opts.functions()));
            } else if (a.goAway() != null) {
                Duration timeLeft = ProtoDurations.parse(a.goAway());
                t.add(() -> {
                    goAwayNow(timeLeft);
                    return settings.chunkDelay().toMillis();
                });
            } else if (Boolean.TRUE.equals(a.resumptionUpdate())) {
                t.add(() -> {
                    sendResumptionUpdate(true);
                    return settings.chunkDelay().toMillis();
                });
            } else if (Boolean.TRUE.equals(a.drop())) {
                t.add(() -> {
                    finish(new CloseStatus(1006, "", true, true));
                    out.drop();
                    return 0;
                });
            } else if (a.close() != null) {
                t.add(() -> {
                    closeWith(a.close().code(), a.close().reason());
                    return 0;
                });
            } else if (a.stall() != null) {
                t.add(() -> {
                    sleep(a.stall());
                    return 0;
                });
            } else if (a.malformed() != null) {
                String text = a.malformed().isEmpty() ? MALFORMED : a.malformed();
                t.add(() -> {
                    out.sendRaw(text);
                    return settings.chunkDelay().toMillis();
                });
            } else if (a.delay() != null) {
                t.add(a::delay);
            } else if (a.send() != null) {
                String text = LiveCodec.lenient().write(a.send());
                t.add(() -> {
                    out.sendRaw(text);
                    return settings.chunkDelay().toMillis();
                });
            } else if (a.frameDelay() != null) {
                t.add(() -> {
                    out.frameDelay(Duration.ofMillis(a.frameDelay()));
                    return 0;
                });
            }
        }
    }

    private long sendStep(ServerMessage m) {
        out.send(m);
        return settings.chunkDelay().toMillis();
    }

    // ---------------------------------------------------------------- playing turns

    private void startTurn(ModelTurn t) {
        if (t.steps.isEmpty() && !t.awaitingTools) {
            return;
        }
        turn = t;
        pump(t);
    }

    private void pump(ModelTurn t) {
        if (turn != t || state != State.ACTIVE) {
            return;
        }
        ModelTurn.Step step = t.steps.poll();
        long delay = step == null ? 0 : step.run();
        if (turn != t || state != State.ACTIVE) {
            return;
        }
        if (t.steps.isEmpty()) {
            if (!t.awaitingTools) {
                finishTurn(t);
            }
            return;
        }
        later(delay, () -> pump(t));
    }

    private void finishTurn(ModelTurn t) {
        turn = null;
        if (opts.resumption() && t.produced) {
            sendResumptionUpdate(true);
        }
        while (turn == null && state == State.ACTIVE && !deferred.isEmpty()) {
            deferred.poll().run();
        }
    }

    /** Barge-in: the turn stops, pending calls are cancelled, the client hears interrupted then turnComplete. */
    private void interrupt(Set<String> keepCalls) {
        ModelTurn t = turn;
        if (t == null) {
            return;
        }
        turn = null;
        responseTokens = 0;
        List<String> cancelled = tools.cancelAll(keepCalls);
        if (!cancelled.isEmpty()) {
            out.send(ServerMessage.of(new ToolCallCancellation(cancelled)));
        }
        out.send(ServerMessage.of(ServerContent.ofInterrupted()));
        out.send(ServerMessage.of(ServerContent.ofTurnComplete()));
        if (opts.resumption()) {
            sendResumptionUpdate(true);
        }
    }

    // ---------------------------------------------------------------- function responses

    private void onToolResponse(ToolResponse response) {
        seedOpen = false;
        List<FunctionResponse> blocking = new ArrayList<>();
        List<FunctionResponse> nonBlocking = new ArrayList<>();
        for (FunctionResponse r : response.functionResponses() == null ? List.<FunctionResponse>of() : response.functionResponses()) {
            ToolBook.Status status = tools.status(r.id());
            if (status == ToolBook.Status.UNKNOWN) {
                throw invalidArgument(null);
            }
            if (status == ToolBook.Status.CANCELLED) {
                continue; // a late answer to a call barge-in cancelled: the real server drops it
            }
            ToolBook.Pending call = tools.get(r.id());
            FunctionResponse named = r.name() != null ? r : new FunctionResponse(r.id(), call.name(), r.response(), r.parts(),
                    r.scheduling(), r.willContinue());
            memory.add(new Conversation.Turn("tool", named.name() + " " + LiveCodec.lenient().write(
                    named.response() == null ? Map.of() : named.response()), 0));
            if (call.blocking()) {
                tools.answered(r.id());
                blocking.add(named);
            } else {
                if (!Boolean.TRUE.equals(willContinue(named))) {
                    tools.answered(r.id());
                }
                nonBlocking.add(named);
            }
        }
        if (!blocking.isEmpty()) {
            tools.collect(blocking);
            if (!tools.blockingPending() && turn != null && turn.awaitingTools) {
                ModelTurn t = turn;
                t.awaitingTools = false;
                List<FunctionResponse> results = tools.takeCollected();
                answerFunctions(t, results);
                finalise(t);
                if (t.steps.isEmpty() && !t.awaitingTools) {
                    finishTurn(t);
                } else {
                    pump(t);
                }
            }
        }
        for (FunctionResponse r : nonBlocking) {
            FunctionResponse.Scheduling scheduling = scheduling(r);
            if (scheduling == FunctionResponse.Scheduling.SILENT) {
                continue;
            }
            Runnable answer = () -> {
                ModelTurn t = new ModelTurn();
                answerFunctions(t, List.of(r));
                finalise(t);
                startTurn(t);
            };
            if (turn == null) {
                answer.run();
            } else if (scheduling == FunctionResponse.Scheduling.INTERRUPT) {
                interrupt(Set.of(r.id()));
                answer.run();
            } else {
                deferred.add(answer); // WHEN_IDLE: after the current turn
            }
        }
    }

    private void answerFunctions(ModelTurn t, List<FunctionResponse> results) {
        Optional<Rule> rule = scenario.match(new InputEvent(InputEvent.Kind.TOOL_RESPONSE, null, 0,
                results.stream().map(FunctionResponse::name).toList()));
        if (rule.isPresent()) {
            addActions(t, rule.get(), null);
            if (!rule.get().answers()) {
                addReply(t, settings.brain().afterFunctions(memory, results));
            }
        } else {
            addReply(t, settings.brain().afterFunctions(memory, results));
        }
    }

    /** The typed SDK field is top-level; the docs' snippet puts it inside {@code response}: both are honoured. */
    private static FunctionResponse.Scheduling scheduling(FunctionResponse r) {
        if (r.scheduling() != null) {
            return r.scheduling();
        }
        Object inner = r.response() == null ? null : r.response().get("scheduling");
        if (inner != null) {
            try {
                return FunctionResponse.Scheduling.valueOf(inner.toString());
            } catch (IllegalArgumentException e) {
                throw invalidArgument(null);
            }
        }
        return FunctionResponse.Scheduling.WHEN_IDLE;
    }

    private static Boolean willContinue(FunctionResponse r) {
        if (r.willContinue() != null) {
            return r.willContinue();
        }
        Object inner = r.response() == null ? null : r.response().get("willContinue");
        return inner == null ? null : Boolean.valueOf(inner.toString());
    }

    // ---------------------------------------------------------------- resumption and limits

    private void sendResumptionUpdate(boolean resumable) {
        String handle = resumable ? core.resumption.issue(conversationId, memory) : "";
        out.send(ServerMessage.of(new SessionResumptionUpdate(handle, resumable, opts.transparent() ? clientIndex : null)));
        if (resumable) {
            busy = false;
            schedulePeriodicUpdate();
        }
    }

    /**
     * goAway, preceded by a fresh resumable handle (with the last consumed index when transparent) when the session is
     * resumable and the model is not generating, so the client hands over with the newest state.
     */
    private void goAwayNow(Duration timeLeft) {
        if (state == State.ACTIVE && opts.resumption() && !busy) {
            sendResumptionUpdate(true);
        }
        out.send(ServerMessage.of(new GoAway(timeLeft)));
    }

    /** With resumptionUpdateInterval: a fresh handle once that long passed without one and no turn is under way. */
    private void schedulePeriodicUpdate() {
        Duration every = settings.resumptionUpdateInterval();
        if (every.isZero() || state != State.ACTIVE) {
            return;
        }
        if (periodicUpdate != null) {
            periodicUpdate.cancel(false);
        }
        long generation = ++periodicGeneration;
        periodicUpdate = schedule(() -> serial.execute(() -> {
            if (generation == periodicGeneration && state == State.ACTIVE && turn == null && !busy) {
                sendResumptionUpdate(true);
            }
        }), every.toMillis());
    }

    /** With idleTimeout: close 1011 once no client message arrived for that long, unless the model is still talking. */
    private void scheduleIdleCheck(long delayMs) {
        if (settings.idleTimeout().isZero() || state == State.CLOSED) {
            return;
        }
        idleCheck = schedule(() -> serial.execute(this::checkIdle), Math.max(1, delayMs));
    }

    private void checkIdle() {
        if (state == State.CLOSED) {
            return;
        }
        long timeoutMs = settings.idleTimeout().toMillis();
        long idleMs = (System.nanoTime() - lastClientFrameNanos) / 1_000_000;
        if (idleMs < timeoutMs) {
            scheduleIdleCheck(timeoutMs - idleMs);
        } else if (turn != null && !turn.awaitingTools) {
            scheduleIdleCheck(Math.min(timeoutMs, 200)); // a model turn is streaming: the connection is not idle
        } else {
            closeWith(CloseReasons.INTERNAL_ERROR, CloseReasons.idleTimeout(settings.idleTimeout()));
        }
    }

    /**
     * A resume was accepted while older connections of the session are open: they are closed with 1000 before the new
     * one completes its setup, so one session never has two live connections. Waits briefly for each to close.
     */
    private static void supersede(List<LiveConnection> others) {
        for (LiveConnection o : others) {
            o.close(CloseReasons.NORMAL, CloseReasons.SESSION_RESUMED_ELSEWHERE);
        }
        for (LiveConnection o : others) {
            try {
                o.view().onClose().get(2, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                LOG.warn("Emulator session {} did not close within 2 s after its session was resumed elsewhere", o.view().id());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void scheduleLifetime() {
        Duration life = settings.connectionLifetime();
        Duration lead = settings.goAwayLead();
        if (!lead.isNegative() && !lead.isZero() && lead.compareTo(life) < 0) {
            addTimer(schedule(() -> serial.execute(() -> {
                if (state == State.ACTIVE) {
                    goAwayNow(lead);
                }
            }), life.minus(lead).toMillis()));
        }
        addTimer(schedule(() -> serial.execute(() -> closeWith(CloseReasons.INTERNAL_ERROR, CloseReasons.DEADLINE_EXPIRED)),
                life.toMillis()));
    }

    /** Audio-only 15 min, with video 2 min, none with context window compression; counted from the session's start. */
    private void scheduleSessionLimit(ConversationRegistry.State conversation) {
        if (opts.compression()) {
            return;
        }
        Duration limit;
        synchronized (conversation) {
            limit = conversation.sawVideo ? settings.videoSessionLimit() : settings.audioSessionLimit();
        }
        if (limit == null || limit.isZero() || limit.isNegative()) {
            return;
        }
        Duration left = limit.minus(Duration.between(conversation.startedAt, Instant.now(settings.clock())));
        if (sessionLimit != null) {
            sessionLimit.cancel(false);
        }
        sessionLimit = schedule(() -> serial.execute(() -> closeWith(CloseReasons.POLICY_VIOLATION, CloseReasons.ABORTED)),
                Math.max(0, left.toMillis()));
        addTimer(sessionLimit);
    }

    private void addTimer(ScheduledFuture<?> timer) {
        if (timer != null) {
            timers.add(timer);
        }
    }

    // ---------------------------------------------------------------- ending

    private void closeWith(int code, String reason) {
        if (state == State.CLOSED) {
            return;
        }
        String cut = CloseReasons.truncate(reason);
        LOG.debug("Emulator session {} closes with {} {}", view.id(), code, cut);
        out.close(code, cut);
        finish(new CloseStatus(code, cut, true, false));
    }

    private void finish(CloseStatus status) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        turn = null;
        deferred.clear();
        timers.forEach(f -> f.cancel(false));
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
        if (periodicUpdate != null) {
            periodicUpdate.cancel(false);
        }
        releaseAdmission();
        view.ended(status);
    }

    /** Gives back the quota slot and the conversation, once, from whichever thread learns first that the session ended. */
    private void releaseAdmission() {
        if (gateAcquired && gateReleased.compareAndSet(false, true)) {
            core.gate.release(auth.credential());
        }
        if (conversationOpened && conversationReleased.compareAndSet(false, true)) {
            core.conversations.closed(conversationId, this);
        }
    }

    private void later(long delayMs, Runnable task) {
        if (delayMs <= 0) {
            serial.execute(task);
        } else {
            schedule(() -> serial.execute(task), delayMs);
        }
    }

    /** @return the scheduled task, or null when the emulator is shutting down */
    private ScheduledFuture<?> schedule(Runnable task, long delayMs) {
        try {
            return core.timers.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return null;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms); // deliberate: a stall freezes this session's queue, as a hung server would
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
