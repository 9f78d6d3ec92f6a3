package dev.geminilive.emulator.brain;

import java.util.List;
import java.util.Optional;

/**
 * The memory of one session: its turns, and the images it saw. It is copied into resumption handles so
 * that a resumed session remembers. Not thread-safe: a session uses it from its own serial executor only.
 */
public final class Conversation {

    /**
     * One turn of the conversation.
     *
     * @param role         {@code user}, {@code model} or {@code tool}
     * @param text         its text (an audio turn holds its transcript or placeholder)
     * @param audioSeconds seconds of audio the turn held
     */
    public record Turn(String role, String text, double audioSeconds) {
    }

    /** Newest turn first; the nodes never change, so a copy shares them and costs the same at any length. */
    private record Node(Turn turn, Node previous) {
    }

    private Node newest;
    private int size;
    /** Running sums over {@link #turns}, kept as turns are added, so no per-turn usage walks the history. */
    private int turnTextTokens;
    private int turnAudioTokens;
    private String systemInstruction = "";
    private int images;
    private String lastImageMimeType;

    /** @return an independent copy, for a resumption handle; the turns so far are shared, not copied */
    public synchronized Conversation copy() {
        Conversation c = new Conversation();
        c.newest = newest;
        c.size = size;
        c.turnTextTokens = turnTextTokens;
        c.turnAudioTokens = turnAudioTokens;
        c.systemInstruction = systemInstruction;
        c.images = images;
        c.lastImageMimeType = lastImageMimeType;
        return c;
    }

    public synchronized void setSystemInstruction(String text) {
        systemInstruction = text == null ? "" : text;
    }

    public synchronized String systemInstruction() {
        return systemInstruction;
    }

    public synchronized void add(Turn turn) {
        newest = new Node(turn, newest);
        size++;
        turnTextTokens += Tokens.ofText(turn.text());
        turnAudioTokens += Tokens.ofAudio(turn.audioSeconds());
    }

    public void addUser(String text) {
        add(new Turn("user", text, 0));
    }

    public void addModel(String text) {
        add(new Turn("model", text, 0));
    }

    /** @return all turns, oldest first */
    public synchronized List<Turn> turns() {
        Turn[] all = new Turn[size];
        int i = size;
        for (Node n = newest; n != null; n = n.previous()) {
            all[--i] = n.turn();
        }
        return List.of(all);
    }

    /** @return the user turns, oldest first */
    public List<Turn> userTurns() {
        return turns().stream().filter(t -> t.role().equals("user")).toList();
    }

    /** Counts an image frame (realtimeInput.video or inline image data). */
    public synchronized void addImage(String mimeType) {
        images++;
        lastImageMimeType = mimeType;
    }

    public synchronized int images() {
        return images;
    }

    public synchronized Optional<String> lastImageMimeType() {
        return Optional.ofNullable(lastImageMimeType);
    }

    /** @return a deterministic token estimate of the whole context: 4 characters or 1/32 s of audio per token, 258 per image */
    public synchronized int contextTokens() {
        return Tokens.ofText(systemInstruction) + turnTextTokens + turnAudioTokens + images * Tokens.PER_IMAGE;
    }

    /** @return the text tokens of the context: the system instruction's and every turn's, each rounded up on its own */
    public synchronized int textTokens() {
        return Tokens.ofText(systemInstruction) + turnTextTokens;
    }

    /** @return the audio tokens of the context: every turn's audio, each rounded up on its own */
    public synchronized int audioTokens() {
        return turnAudioTokens;
    }
}
