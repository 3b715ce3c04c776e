package io.marketfeed.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Whether a value given to a provider means the same as the default in its {@code reference.conf} block, read the
 * way a provider reads a map: {@code "30s"} and {@link Duration#ofSeconds(long) 30 seconds} are the same,
 * {@code "5"} and {@code 5.0} are, a {@link Secret} is its text. Used by
 * {@link SettingsAssertions#assertFullMapping}, which refuses a value that proves nothing.
 *
 * <p>Stateless.
 */
final class DefaultValue {

    private DefaultValue() {
    }

    /** Whether {@code given} means the same as the default, read the way a provider reads a map. */
    static boolean sameAs(Config block, String key, Object given) {
        if (!block.hasPath(key)) {
            return given == null;
        }
        if (given == null) {
            return false;
        }
        ConfigValue value = block.getValue(key);
        Object fallback = value.unwrapped();
        switch (value.valueType()) {
            case LIST:
                return given instanceof Collection && texts((Collection<?>) given).equals(texts((List<?>) fallback));
            case NUMBER:
                return number(given) != null && number(given).compareTo(number(fallback)) == 0;
            case BOOLEAN:
                return String.valueOf(fallback).equalsIgnoreCase(text(given).trim());
            default:
                Duration before = duration(fallback);
                Duration after = duration(given);
                if (before != null && after != null) {
                    return before.equals(after);
                }
                return String.valueOf(fallback).equals(text(given));
        }
    }

    private static List<String> texts(Collection<?> items) {
        List<String> out = new ArrayList<>();
        items.forEach(item -> out.add(text(item)));
        return out;
    }

    private static String text(Object value) {
        return value instanceof Secret ? ((Secret) value).reveal() : String.valueOf(value);
    }

    private static BigDecimal number(Object value) {
        try {
            return new BigDecimal(text(value).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration duration(Object value) {
        if (value instanceof Duration) {
            return (Duration) value;
        }
        if (value instanceof Number || value instanceof Collection || value instanceof Secret || value == null) {
            return null;
        }
        try {
            return ProviderSettings.of("testkit", Map.of("value", value)).duration("value");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
