package dev.geminilive.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import dev.geminilive.protocol.Setup;

/**
 * One WebSocket connection to the emulator, as tests see it: its path, setup, recorded frames, how it ended, and
 * fault injection. A resumed session is a new {@code EmulatorSession} with the same {@link #conversationId()}.
 */
public final class EmulatorSession {

    private final String id;
    private final LivePath path;
    private final Instant openedAt;
    private final FrameLog frames;
    private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
    private final Faults faults;
    private final AtomicLong audioBytes = new AtomicLong();
    private volatile Setup setup;
    private volatile String conversationId;
    private volatile boolean resumed;

    EmulatorSession(String id, LivePath path, Faults faults, boolean recording) {
        this.id = id;
        this.frames = new FrameLog(recording);
        this.path = path;
        this.faults = faults;
        this.openedAt = Instant.now();
        this.conversationId = id;
    }

    /** @return the emulator's id of this connection ({@code s1}, {@code s2}, ...) */
    public String id() {
        return id;
    }

    /** @return the path the client dialled (normalised) */
    public LivePath path() {
        return path;
    }

    /** @return when the WebSocket opened */
    public Instant openedAt() {
        return openedAt;
    }

    /** @return the id shared by all connections of one resumable session */
    public String conversationId() {
        return conversationId;
    }

    /** @return whether this connection resumed an earlier session with a handle */
    public boolean resumed() {
        return resumed;
    }

    /** @return the accepted setup, if setup has completed */
    public Optional<Setup> setup() {
        return Optional.ofNullable(setup);
    }

    /** @return the model of the accepted setup */
    public Optional<String> model() {
        return setup().map(Setup::model);
    }

    /**
     * @return the realtime input audio bytes (decoded PCM) this connection consumed; counted with recording off too. For
     *         all connections of a resumable session see {@link GeminiLiveEmulator#receivedAudioBytes(String)}.
     */
    public long receivedAudioBytes() {
        return audioBytes.get();
    }

    /** @return the recorded frames of this connection */
    public FrameLog frames() {
        return frames;
    }

    /** @return shorthand for {@code frames().all()} */
    public List<RecordedFrame> allFrames() {
        return frames.all();
    }

    /** @return how the connection ended, if it has */
    public Optional<CloseStatus> closeStatus() {
        return Optional.ofNullable(closed.getNow(null));
    }

    /** @return whether the connection is still open */
    public boolean isOpen() {
        return !closed.isDone();
    }

    /** @return a future completed when the connection ends */
    public CompletableFuture<CloseStatus> onClose() {
        return closed;
    }

    /** Waits for the connection to end. */
    public CloseStatus awaitClose(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits for a recorded frame that matches. */
    public RecordedFrame awaitFrame(Predicate<RecordedFrame> match, Duration timeout) throws TimeoutException, InterruptedException {
        return frames.await(match, timeout);
    }

    /** @return fault injection for this connection */
    public Faults faults() {
        return faults;
    }

    void accepted(Setup setup, String conversationId, boolean resumed) {
        this.conversationId = conversationId;
        this.resumed = resumed;
        this.setup = setup;
    }

    void countAudio(int bytes) {
        audioBytes.addAndGet(bytes);
    }

    void ended(CloseStatus status) {
        closed.complete(status);
    }

    @Override
    public String toString() {
        return "EmulatorSession[" + id + ", " + path.path() + ", conversation=" + conversationId + (isOpen() ? ", open" : ", closed") + "]";
    }
}
