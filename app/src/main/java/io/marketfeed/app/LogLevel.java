package io.marketfeed.app;

import io.marketfeed.api.SettingsProblem;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code MARKETFEED_LOG_LEVEL}, which {@code logback.xml} reads (a system property first, then the environment, as
 * logback looks them up) to set the level of {@code io.marketfeed}. Logback takes any word it does not know for
 * DEBUG without a word, so the runner checks the value itself and refuses one it does not know.
 */
final class LogLevel {

    /** The variable, and the system property of the same name. */
    static final String VARIABLE = "MARKETFEED_LOG_LEVEL";

    /** What logback accepts, in order of verbosity. */
    static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    private LogLevel() {
    }

    /**
     * @param systemProperties the process's system properties that concern Marketfeed
     * @param environment the environment
     * @return a problem when the level in effect is not one logback knows
     */
    static Optional<SettingsProblem> problem(Map<String, String> systemProperties, Map<String, String> environment) {
        String origin;
        String value;
        if (systemProperties.containsKey(VARIABLE)) {
            origin = "system property -D" + VARIABLE;
            value = systemProperties.get(VARIABLE);
        } else if (environment.containsKey(VARIABLE)) {
            origin = "environment variable " + VARIABLE;
            value = environment.get(VARIABLE);
        } else {
            return Optional.empty();
        }
        // Exactly as logback reads it: no trimming (" DEBUG" would be read as DEBUG by accident, "" too).
        String level = value.toUpperCase(Locale.ROOT);
        if (LEVELS.contains(level) || level.equals("ALL")) {
            return Optional.empty();
        }
        String what = value.isBlank() ? "is empty" : "unknown log level '" + printable(value) + "'";
        return Optional.of(new SettingsProblem(VARIABLE, origin, what + "; use one of " + String.join(", ", LEVELS)
                + " (in any case), or unset it for INFO"));
    }

    /** The value as typed, without control characters that would garble the terminal, and not too long. */
    private static String printable(String value) {
        String cleaned = value.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return cleaned.length() > 40 ? cleaned.substring(0, 40) + "…" : cleaned;
    }
}
