package io.marketfeed.toolkit;

import io.marketfeed.api.SettingsReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The checks every provider's own settings need, each adding its problem to a {@link SettingsReader} (so that all of
 * them are reported at once) and returning a usable value either way. The keys every provider block has
 * ({@code heartbeat.*}, {@code limits.*}, {@code credits.*}) are the host's: a provider checks only its own.
 * Stateless.
 */
public final class SettingsChecks {

    private SettingsChecks() {
    }

    /** A duration above zero. */
    public static Duration positiveDuration(SettingsReader in, String path) {
        Duration value = in.duration(path);
        if (!in.failed(path) && (value.isZero() || value.isNegative())) {
            in.problem(path, "must be a positive duration, got " + value);
        }
        return value;
    }

    /** A duration of zero or more. */
    public static Duration nonNegativeDuration(SettingsReader in, String path) {
        Duration value = in.duration(path);
        if (!in.failed(path) && value.isNegative()) {
            in.problem(path, "must not be negative, got " + value);
        }
        return value;
    }

    /** A whole number from {@code min} to {@code max}, both included. */
    public static int between(SettingsReader in, String path, int min, int max) {
        int value = in.integer(path);
        if (!in.failed(path) && (value < min || value > max)) {
            in.problem(path, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** An optional whole number of at least {@code min}; empty when absent ({@code null}) or refused. */
    public static OptionalInt optionalAtLeast(SettingsReader in, String path, int min) {
        OptionalInt value = in.optionalInteger(path);
        if (value.isPresent() && value.getAsInt() < min) {
            in.problem(path, "must be at least " + min + " (or null for the default), got " + value.getAsInt());
            return OptionalInt.empty();
        }
        return value;
    }

    /**
     * One of a fixed set of names, such as a plan.
     *
     * @param byName the value a name stands for, empty for an unknown name
     * @param choices the names accepted, for the message ({@code pro, business or enterprise})
     * @param fallback what to go on with when the name is refused (the problem is reported)
     */
    public static <T> T oneOf(SettingsReader in, String path, Function<String, Optional<T>> byName, String choices,
            T fallback) {
        String name = in.string(path);
        if (in.failed(path)) {
            return fallback;
        }
        Optional<T> value = byName.apply(name.trim());
        if (value.isEmpty()) {
            in.problem(path, "must be one of " + choices + ", got '" + name + "'");
            return fallback;
        }
        return value.get();
    }

    /** Optional text without control characters (a header value, say); empty when absent or refused. */
    public static String optionalPlainText(SettingsReader in, String path) {
        String value = in.optionalString(path).orElse("").trim();
        if (value.chars().anyMatch(Character::isISOControl)) {
            in.problem(path, "must not contain control characters");
            return "";
        }
        return value;
    }

    /**
     * A list of symbols, each well formed and listed once; the ones refused are left out (each reported with its
     * position).
     *
     * @param wellFormed the provider's symbol rule
     * @param rule the rule in words, for the message: {@code 4 digits such as 2222}
     * @param what what a symbol is called, for the message: {@code a SAHMK symbol}
     */
    public static List<String> symbols(SettingsReader in, String path, Predicate<String> wellFormed, String what,
            String rule) {
        List<String> symbols = in.stringList(path);
        Set<String> valid = new LinkedHashSet<>();
        for (int i = 0; i < symbols.size(); i++) {
            String symbol = symbols.get(i);
            if (!wellFormed.test(symbol)) {
                in.problem(path, "entry [" + i + "] '" + printable(symbol) + "' is not " + what
                        + "; expected " + rule);
            } else if (!valid.add(symbol)) {
                in.problem(path, "entry [" + i + "] '" + symbol + "' is listed twice");
            }
        }
        return new ArrayList<>(valid);
    }

    /** A configured value fit to quote: control characters shown as '?', at most 64 characters. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 64));
        text.codePoints().limit(64).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return text.codePointCount(0, text.length()) > 64 ? out + "…" : out.toString();
    }
}
