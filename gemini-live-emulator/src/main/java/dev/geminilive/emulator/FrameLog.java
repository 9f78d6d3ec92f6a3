package dev.geminilive.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import dev.geminilive.protocol.ClientMessage;
import dev.geminilive.protocol.ServerMessage;

/**
 * The frames of one session in order, safe to read while the session runs, with waits for tests. With recording off
 * (for load tests) it stays empty.
 */
public final class FrameLog {

    private final List<RecordedFrame> frames = new ArrayList<>();
    private final boolean enabled;

    FrameLog(boolean enabled) {
        this.enabled = enabled;
    }

    /** @param arrived when the frame came off the socket, before it waited for the session's queue */
    synchronized void recordIn(String json, boolean binary, ClientMessage decoded, Instant arrived) {
        add(RecordedFrame.Direction.IN, json, binary, decoded, null, arrived);
    }

    synchronized void recordOut(String json, boolean binary, ServerMessage message) {
        add(RecordedFrame.Direction.OUT, json, binary, null, message, Instant.now());
    }

    private void add(RecordedFrame.Direction d, String json, boolean binary, ClientMessage in, ServerMessage out, Instant time) {
        if (!enabled) {
            return;
        }
        frames.add(new RecordedFrame(frames.size(), d, time, json, binary, in, out));
        notifyAll();
    }

    /** @return a snapshot of all frames */
    public synchronized List<RecordedFrame> all() {
        return List.copyOf(frames);
    }

    /** @return the frames the client sent */
    public List<RecordedFrame> received() {
        return all().stream().filter(RecordedFrame::isIn).toList();
    }

    /** @return the frames the emulator sent */
    public List<RecordedFrame> sent() {
        return all().stream().filter(RecordedFrame::isOut).toList();
    }

    /** @return the server messages sent, in order (malformed frames left out) */
    public List<ServerMessage> sentMessages() {
        return sent().stream().map(RecordedFrame::server).filter(m -> m != null).toList();
    }

    /** @return the client messages that parsed, in order */
    public List<ClientMessage> receivedMessages() {
        return received().stream().map(RecordedFrame::client).filter(m -> m != null).toList();
    }

    /**
     * Waits for the first frame that matches.
     *
     * @throws TimeoutException when none arrives in time
     */
    public synchronized RecordedFrame await(Predicate<RecordedFrame> match, Duration timeout) throws TimeoutException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        int from = 0;
        while (true) {
            for (int i = from; i < frames.size(); i++) {
                if (match.test(frames.get(i))) {
                    return frames.get(i);
                }
            }
            from = frames.size();
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                throw new TimeoutException("No matching frame within " + timeout + "; " + frames.size() + " frames recorded");
            }
            wait(left);
        }
    }
}
