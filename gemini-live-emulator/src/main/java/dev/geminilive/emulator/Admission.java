package dev.geminilive.emulator;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;

import dev.geminilive.emulator.scenario.ScenarioRunner;
import dev.geminilive.protocol.ClientMessage;
import dev.geminilive.protocol.LiveCodec;
import dev.geminilive.protocol.ProtocolException;
import dev.geminilive.protocol.ServerMessage;
import dev.geminilive.protocol.Setup;
import dev.geminilive.protocol.SetupComplete;

/**
 * Setup and admission of one connection: the credentials (checked when the first frame arrives), an ephemeral token's
 * rules, the setup against the model's profile, a resume by handle, the per-credential concurrency gate, and the
 * conversation the session joins; and giving the quota slot and the conversation back once it ends.
 */
final class Admission {

    private final ConnectionState s;
    private final LiveConnection connection;
    private final ConnectionTimers timers;
    private final ConnectionEnd end;
    private final Resumption resumption;
    private final ConnectionLimits limits;

    private Authenticator.Result auth;
    // written on the serial executor, read by release() from whichever thread learns first that the session ended
    private volatile boolean gateAcquired;
    private volatile boolean conversationOpened;
    private final AtomicBoolean gateReleased = new AtomicBoolean();
    private final AtomicBoolean conversationReleased = new AtomicBoolean();

    Admission(ConnectionState s, LiveConnection connection, ConnectionTimers timers, ConnectionEnd end, Resumption resumption,
            ConnectionLimits limits) {
        this.s = s;
        this.connection = connection;
        this.timers = timers;
        this.end = end;
        this.resumption = resumption;
        this.limits = limits;
    }

    /** @return whether the credentials let the connection go on; when they do not, it is closed */
    boolean credentialsOk() {
        if (auth == null) {
            // the real server accepts the upgrade and reports bad credentials when setup arrives
            auth = s.core.authenticator.check(s.handshake, s.path);
            if (!auth.ok()) {
                end.close(auth.closeCode(), auth.reason());
                return false;
            }
        }
        return true;
    }

    /** Accepts a setup message, making the session active, or throws the refusal to close with. */
    void setup(ClientMessage message, String json) {
        if (s.phase != ConnectionState.Phase.AWAITING_SETUP) {
            throw ConnectionState.invalidArgument("Setup must be the first and only setup message.");
        }
        Optional<String> token = auth.token().filter(s.core.authTokens::minted);
        if (token.isPresent()) {
            // a minted token's expiry, uses and locked fields decide; the session runs with the setup they leave
            AuthTokens.Admission admitted = s.core.authTokens.admit(token.get(), json);
            timers.track(timers.schedule(() -> end.close(CloseReasons.POLICY_VIOLATION, CloseReasons.AUTH_TOKEN_EXPIRED),
                    s.core.authTokens.untilExpiry(admitted.expireTime()).toMillis()));
            accept(admitted.message().setup(), admitted.json());
            return;
        }
        accept(message.setup(), json);
    }

    /** Gives back the quota slot and the conversation, once, from whichever thread learns first that the session ended. */
    void release() {
        if (gateAcquired && gateReleased.compareAndSet(false, true)) {
            s.core.gate.release(auth.credential());
        }
        if (conversationOpened && conversationReleased.compareAndSet(false, true)) {
            s.core.conversations.closed(s.conversationId, connection);
        }
    }

    private void accept(Setup setup, String json) {
        JsonNode raw;
        try {
            raw = LiveCodec.strict().mapper().readTree(json);
        } catch (IOException e) {
            throw new ProtocolException("Invalid JSON payload received.", e);
        }
        ModelSpec model = SetupRules.validate(setup, raw, s.path, s.settings.models());
        SessionOptions options = SessionOptions.from(setup, model);
        boolean resumed = false;
        String handle = setup.sessionResumption() == null ? null : setup.sessionResumption().handle();
        if (handle != null && !handle.isEmpty()) {
            ResumptionStore.Entry entry = resumption.takeOver(handle);
            s.memory = entry.memory().copy();
            s.conversationId = entry.conversationId();
            resumed = true;
        }
        if (!s.core.gate.tryAcquire(auth.credential())) {
            throw new ProtocolException(CloseReasons.INTERNAL_ERROR, CloseReasons.MAX_CONCURRENT_SESSIONS, null);
        }
        gateAcquired = true;
        s.opts = options;
        s.memory.setSystemInstruction(setup.systemInstruction() == null ? "" : setup.systemInstruction().text());
        ConversationRegistry.State conversation = s.core.conversations.opened(s.conversationId, connection);
        conversationOpened = true;
        s.scenario = new ScenarioRunner(s.settings.scenario());
        s.phase = ConnectionState.Phase.ACTIVE;
        s.view.accepted(setup, s.conversationId, resumed);
        s.out.send(ServerMessage.of(s.path.vertex() ? new SetupComplete(UUID.randomUUID().toString(), null) : SetupComplete.empty()));
        resumption.offerHandle();
        limits.scheduleSessionLimit(conversation);
    }
}
