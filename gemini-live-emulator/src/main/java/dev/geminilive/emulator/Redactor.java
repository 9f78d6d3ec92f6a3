package dev.geminilive.emulator;

import java.util.regex.Pattern;

/** Masks credentials in text before it can reach a log: the emulator never logs API keys or tokens. */
final class Redactor {

    private static final Pattern SECRETS = Pattern.compile(
            "(?i)((?:key|access_token)=|x-goog-api-key[\"']?\\s*[:=]\\s*[\"']?|authorization[\"']?\\s*[:=]\\s*[\"']?(?:bearer|token)\\s+)([^&\\s\"',;]+)");

    private Redactor() {
    }

    /** @return {@code text} with the values of key, access_token, x-goog-api-key and Authorization replaced by *** */
    static String redact(String text) {
        return text == null ? null : SECRETS.matcher(text).replaceAll("$1***");
    }
}
