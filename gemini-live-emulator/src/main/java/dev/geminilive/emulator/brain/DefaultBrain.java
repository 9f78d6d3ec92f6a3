package dev.geminilive.emulator.brain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.geminilive.protocol.FunctionDeclaration;
import dev.geminilive.protocol.FunctionResponse;
import dev.geminilive.protocol.LiveCodec;

/**
 * The emulator's deterministic model. Rules, first match wins (matching ignores case):
 * <ol>
 * <li>the text names declared functions ({@code get_weather}, or {@code get weather}) → a toolCall with one call per named
 * function, arguments parsed by {@link ArgumentParser} from the text after each name;</li>
 * <li>"my name is X" → "Nice to meet you, X.";</li>
 * <li>"what is my name" / "what's my name" / "who am I" → "Your name is X." or "You have not told me your name.";</li>
 * <li>"what did I ask you to remember" / "what do you remember" → "You asked me to remember: X.";</li>
 * <li>"remember X" → "I will remember: X.";</li>
 * <li>"what did I say" / "what did I just say" → "Earlier you said: "previous user turn"";</li>
 * <li>"what do you see" / "what can you see" → "I see N image(s) (mime/type)." or "I do not see any image.";</li>
 * <li>speech without a transcript → "I heard 1.5 seconds of audio.";</li>
 * <li>anything else → "You said: " followed by the user's text.</li>
 * </ol>
 * Memory: recall questions are answered from the newest earlier user turn that states the fact, so history seeded with
 * clientContent or restored by resumption counts too.
 * <p>
 * After function responses it answers "The NAME tool returned JSON." for each response, quoting the response object.
 */
public final class DefaultBrain implements Brain {

    private static final Pattern MY_NAME = Pattern.compile("\\bmy name is\\s+([^.,!?;]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ASK_NAME = Pattern.compile("\\b(what is my name|what's my name|whats my name|who am i)\\b");
    private static final Pattern ASK_REMEMBERED = Pattern.compile("\\b(what did i ask you to remember|what do you remember|what should you remember)\\b");
    private static final Pattern REMEMBER = Pattern.compile("\\bremember(?: that)?\\s+(.+?)[.!?]*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ASK_SAID = Pattern.compile("\\bwhat did i (just )?say\\b|\\bwhat was my (last|previous) message\\b");
    private static final Pattern ASK_SEE = Pattern.compile("\\bwhat (do|can) you see\\b");

    @Override
    public Reply respond(Conversation conversation, UserInput input, List<FunctionDeclaration> functions) {
        if (input.text() == null) {
            return Reply.say(String.format(Locale.ROOT, "I heard %.1f seconds of audio.", input.audioSeconds()));
        }
        String text = input.text().trim();
        String low = text.toLowerCase(Locale.ROOT);
        List<Reply.PlannedCall> calls = namedCalls(text, functions);
        if (!calls.isEmpty()) {
            return Reply.call(calls);
        }
        Matcher name = MY_NAME.matcher(text);
        if (name.find()) {
            return Reply.say("Nice to meet you, " + name.group(1).trim() + ".");
        }
        if (ASK_NAME.matcher(low).find()) {
            return Reply.say(latest(conversation, MY_NAME).map(n -> "Your name is " + n + ".").orElse("You have not told me your name."));
        }
        if (ASK_REMEMBERED.matcher(low).find()) {
            return Reply.say(latest(conversation, REMEMBER).map(r -> "You asked me to remember: " + r + ".")
                    .orElse("You have not asked me to remember anything."));
        }
        Matcher remember = REMEMBER.matcher(text);
        if (remember.find()) {
            return Reply.say("I will remember: " + remember.group(1).trim() + ".");
        }
        if (ASK_SAID.matcher(low).find()) {
            List<Conversation.Turn> users = conversation.userTurns();
            // the last user turn is this question; the one before it is what the user "said"
            return Reply.say(users.size() < 2 ? "You have not said anything before."
                    : "Earlier you said: \"" + users.get(users.size() - 2).text() + "\"");
        }
        if (ASK_SEE.matcher(low).find()) {
            int n = conversation.images();
            return Reply.say(n == 0 ? "I do not see any image."
                    : "I see " + n + (n == 1 ? " image" : " images") + " (" + conversation.lastImageMimeType().orElse("image") + ").");
        }
        return Reply.say("You said: " + text);
    }

    @Override
    public Reply afterFunctions(Conversation conversation, List<FunctionResponse> responses) {
        StringBuilder sb = new StringBuilder();
        for (FunctionResponse r : responses) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append("The ").append(r.name() == null ? "function" : r.name()).append(" tool returned ")
                    .append(LiveCodec.lenient().write(r.response() == null ? java.util.Map.of() : r.response())).append('.');
        }
        return Reply.say(sb.toString());
    }

    /**
     * The memory rule: facts are read back from the user turns of the conversation, newest first, so that history
     * seeded with clientContent and history restored by resumption are remembered like turns of this connection.
     */
    private static java.util.Optional<String> latest(Conversation conversation, Pattern fact) {
        List<Conversation.Turn> users = conversation.userTurns();
        for (int i = users.size() - 1; i >= 0; i--) {
            String t = users.get(i).text();
            if (t == null) {
                continue;
            }
            Matcher m = fact.matcher(t);
            if (m.find() && !ASK_REMEMBERED.matcher(t.toLowerCase(Locale.ROOT)).find()) {
                return java.util.Optional.of(m.group(1).trim());
            }
        }
        return java.util.Optional.empty();
    }

    /** Finds each declared function named in the text; its arguments come from the text up to the next named function. */
    static List<Reply.PlannedCall> namedCalls(String text, List<FunctionDeclaration> functions) {
        String low = text.toLowerCase(Locale.ROOT);
        record Hit(int start, int end, String name) {
        }
        List<Hit> hits = new ArrayList<>();
        for (FunctionDeclaration f : functions) {
            if (f.name() == null || f.name().isBlank()) {
                continue;
            }
            String n = f.name().toLowerCase(Locale.ROOT);
            int at = indexOfWord(low, n);
            String found = n;
            if (at < 0 && n.contains("_")) {
                found = n.replace('_', ' ');
                at = indexOfWord(low, found);
            }
            if (at >= 0) {
                hits.add(new Hit(at, at + found.length(), f.name()));
            }
        }
        hits.sort(Comparator.comparingInt(Hit::start));
        List<Reply.PlannedCall> calls = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            int end = i + 1 < hits.size() ? hits.get(i + 1).start() : text.length();
            String segment = text.substring(hits.get(i).end(), Math.max(hits.get(i).end(), end));
            calls.add(new Reply.PlannedCall(hits.get(i).name(), ArgumentParser.parse(segment)));
        }
        return calls;
    }

    private static int indexOfWord(String haystack, String word) {
        int from = 0;
        while (true) {
            int at = haystack.indexOf(word, from);
            if (at < 0) {
                return -1;
            }
            boolean startOk = at == 0 || !isWordChar(haystack.charAt(at - 1));
            int end = at + word.length();
            boolean endOk = end == haystack.length() || !isWordChar(haystack.charAt(end));
            if (startOk && endOk) {
                return at;
            }
            from = at + 1;
        }
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
