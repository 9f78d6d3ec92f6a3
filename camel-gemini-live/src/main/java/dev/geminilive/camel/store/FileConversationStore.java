package dev.geminilive.camel.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.protocol.LiveCodec;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keeps each conversation in its own JSON file in a directory, so conversations go on after a JVM restart. Files are
 * replaced atomically (written beside, then moved), so a crash leaves the old or the new state, never half of one.
 * The file holds the resumption handle, which lets anyone with the same API key resume the session: protect the
 * directory like a credential store.
 */
public final class FileConversationStore implements ConversationStore {

    private static final ObjectMapper JSON = LiveCodec.lenient().mapper();

    private final Path directory;

    /** @param directory created if missing */
    public FileConversationStore(Path directory) {
        this.directory = directory.toAbsolutePath();
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the conversation store directory " + this.directory, e);
        }
    }

    /** @return the directory the files are in */
    public Path directory() {
        return directory;
    }

    @Override
    public Optional<ConversationState> load(String key) {
        Path file = file(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read conversation " + key + " from " + file, e);
        }
        try {
            return Optional.of(read(JSON.readTree(bytes)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Conversation file " + file + " is not a conversation state: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void save(String key, ConversationState state) {
        Path file = file(key);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(temp, JSON.writeValueAsBytes(write(key, state)));
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write conversation " + key + " to " + file, e);
        }
    }

    @Override
    public synchronized void delete(String key) {
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete conversation " + key, e);
        }
    }

    private Path file(String key) {
        // the key is user input (a header): encode it so it can never name a path outside the directory
        String name = Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
        if (name.length() > 200) {
            name = name.substring(0, 150) + "-" + Integer.toHexString(key.hashCode());
        }
        return directory.resolve(name + ".json");
    }

    private static ObjectNode write(String key, ConversationState state) {
        ObjectNode root = JSON.createObjectNode();
        root.put("key", key);
        root.put("turns", state.turns());
        root.put("handleTurns", state.handleTurns());
        if (state.handle() != null) {
            root.put("handle", state.handle());
            root.put("handleIssued", state.handleIssued().toString());
        }
        ArrayNode turns = root.putArray("history");
        for (HistoryTurn t : state.history()) {
            turns.addObject().put("role", t.role()).put("text", t.text());
        }
        return root;
    }

    private static ConversationState read(JsonNode root) {
        String handle = root.hasNonNull("handle") ? root.get("handle").asText() : null;
        Instant issued = root.hasNonNull("handleIssued") ? Instant.parse(root.get("handleIssued").asText()) : null;
        List<HistoryTurn> history = new ArrayList<>();
        for (JsonNode t : root.path("history")) {
            history.add(new HistoryTurn(t.path("role").asText(), t.path("text").asText()));
        }
        return new ConversationState(handle, handle == null ? null : issued == null ? Instant.EPOCH : issued, history,
                root.path("turns").asLong(history.size()), root.path("handleTurns").asLong(0));
    }
}
