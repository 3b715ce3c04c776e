package io.marketfeed.app;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the command line's durations: a number and a unit, such as {@code 500ms}, {@code 15s}, {@code 2m}. */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("([+-]?\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
    private static final String EXAMPLES = "use a number and a unit (ms, s, m, h or d), such as 500ms, 15s, 2m or 1h";

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException with a message for the user when {@code text} is not a positive duration; a
     *     zero or negative one ({@code 0s}, {@code -5s}) is read, and refused as not positive
     */
    public static Duration parse(String text) {
        Matcher matcher = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("invalid duration '" + text + "': " + EXAMPLES);
        }
        BigDecimal amount = new BigDecimal(matcher.group(1));
        long nanosPerUnit;
        switch (matcher.group(2)) {
            case "ms":
                nanosPerUnit = 1_000_000L;
                break;
            case "s":
                nanosPerUnit = 1_000_000_000L;
                break;
            case "m":
                nanosPerUnit = 60_000_000_000L;
                break;
            case "h":
                nanosPerUnit = 3_600_000_000_000L;
                break;
            default:
                nanosPerUnit = 86_400_000_000_000L;
                break;
        }
        BigDecimal nanos = amount.multiply(BigDecimal.valueOf(nanosPerUnit));
        if (nanos.signum() <= 0) {
            throw new IllegalArgumentException("invalid duration '" + text + "': must be positive, such as 500ms, "
                    + "15s, 2m or 1h");
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("invalid duration '" + text + "': too long");
        }
        return Duration.ofNanos(nanos.longValue());
    }
}
