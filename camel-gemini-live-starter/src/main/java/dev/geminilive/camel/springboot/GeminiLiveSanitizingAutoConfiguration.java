package dev.geminilive.camel.springboot;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Masks the gemini-live secrets ({@link GeminiLiveComponentConfiguration#SECRET_OPTIONS}: the API key and the
 * tokens) in the actuator {@code configprops} and {@code env} output, also when the application shows values there
 * ({@code management.endpoint.configprops.show-values=always}), and the {@code GEMINI_API_KEY} and
 * {@code GOOGLE_API_KEY} environment variables the component falls back to.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public class GeminiLiveSanitizingAutoConfiguration {

    /** Secret option names without separators, lower case: apikey, authtoken, bearertoken. */
    private static final Set<String> SECRETS = GeminiLiveComponentConfiguration.SECRET_OPTIONS.stream()
            .map(GeminiLiveSanitizingAutoConfiguration::normalize).collect(Collectors.toUnmodifiableSet());
    private static final String PREFIX = normalize("camel.component.gemini-live.");
    private static final Set<String> VARIABLES = Set.of("geminiapikey", "googleapikey");

    @Bean
    public SanitizingFunction geminiLiveSecretsSanitizer() {
        return data -> isSecret(data) ? data.withSanitizedValue() : data;
    }

    static boolean isSecret(SanitizableData data) {
        String key = normalize(data.getKey());
        if (VARIABLES.contains(key)) {
            return true;
        }
        // env: the full property name; configprops: the option's name inside the gemini-live bean
        String option = key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : key;
        return SECRETS.contains(option);
    }

    /** Relaxed form of a key: camelCase, kebab-case, snake_case and ENV_STYLE compare equal. */
    static String normalize(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        for (char c : key.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
