package dev.geminilive.emulator.brain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.geminilive.protocol.LiveCodec;

/**
 * Reads function arguments out of user text: the first JSON object in it, else {@code key=value} pairs. Values of
 * pairs become numbers, booleans or strings; quotes keep spaces ({@code city="New York"}).
 */
public final class ArgumentParser {

    private static final Pattern PAIR = Pattern.compile("([A-Za-z_][\\w.-]*)\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|([^\\s,;&]+))");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");

    private ArgumentParser() {
    }

    /** @return the arguments found in {@code text}, in order; empty when there are none */
    public static Map<String, Object> parse(String text) {
        Map<String, Object> json = jsonObject(text);
        if (json != null) {
            return json;
        }
        Map<String, Object> args = new LinkedHashMap<>();
        Matcher m = PAIR.matcher(text);
        while (m.find()) {
            String key = m.group(1);
            if (m.group(3) != null) {
                args.put(key, m.group(3));
            } else if (m.group(4) != null) {
                args.put(key, m.group(4));
            } else {
                args.put(key, typed(m.group(5).replaceAll("[.!?]+$", "")));
            }
        }
        return args;
    }

    private static Object typed(String v) {
        if (INTEGER.matcher(v).matches()) {
            long l = Long.parseLong(v);
            return l == (int) l ? (Object) (int) l : (Object) l;
        }
        if (DECIMAL.matcher(v).matches()) {
            return Double.parseDouble(v);
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        return v;
    }

    private static Map<String, Object> jsonObject(String text) {
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        if (start < 0 || end <= start) {
            return null;
        }
        try {
            return LiveCodec.lenient().mapper().readValue(text.substring(start, end + 1), new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
