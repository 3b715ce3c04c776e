package io.marketfeed.api;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link ProviderSettings} over a plain map; see {@link ProviderSettings#of}. */
final class MapProviderSettings implements ProviderSettings {

    private static final Pattern DURATION = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)\\s*");

    private final String providerId;
    private final Map<String, Object> values;

    MapProviderSettings(String providerId, Map<String, ?> values) {
        this.providerId = providerId;
        this.values = new TreeMap<>(values);
    }

    @Override
    public String providerId() {
        return providerId;
    }

    @Override
    public boolean hasPath(String path) {
        return values.get(path) != null;
    }

    @Override
    public String string(String path) {
        Object value = require(path);
        if (value instanceof Secret) {
            return ((Secret) value).reveal();
        }
        if (value instanceof Collection) {
            throw wrongType(path, "a string", value);
        }
        return value.toString();
    }

    @Override
    public int integer(String path) {
        Object value = require(path);
        if (value instanceof Number) {
            return ((Number) value).intValue();
        }
        try {
            return Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw wrongType(path, "a whole number", value);
        }
    }

    @Override
    public boolean bool(String path) {
        Object value = require(path);
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("yes") || text.equals("on")) {
            return true;
        }
        if (text.equals("false") || text.equals("no") || text.equals("off")) {
            return false;
        }
        throw wrongType(path, "true or false", value);
    }

    @Override
    public Duration duration(String path) {
        Object value = require(path);
        if (value instanceof Duration) {
            return (Duration) value;
        }
        if (value instanceof Number) {
            return Duration.ofMillis(((Number) value).longValue());
        }
        return parseDuration(path, value.toString());
    }

    @Override
    public List<String> stringList(String path) {
        Object value = require(path);
        if (!(value instanceof Collection)) {
            throw wrongType(path, "a list of strings", value);
        }
        List<String> out = new ArrayList<>();
        for (Object item : (Collection<?>) value) {
            out.add(String.valueOf(item));
        }
        return List.copyOf(out);
    }

    @Override
    public Optional<Secret> secret(String path) {
        Object value = values.get(path);
        if (value == null) {
            return Optional.empty();
        }
        Secret secret = value instanceof Secret ? (Secret) value : Secret.of(value.toString());
        return secret.isEmpty() ? Optional.empty() : Optional.of(secret);
    }

    @Override
    public Set<String> paths() {
        return Set.copyOf(values.keySet());
    }

    private Object require(String path) {
        Object value = values.get(path);
        if (value == null) {
            throw new IllegalArgumentException(fullPath(path) + " is not set");
        }
        return value;
    }

    private IllegalArgumentException wrongType(String path, String expected, Object value) {
        String shown = value instanceof Secret ? value.toString() : String.valueOf(value);
        return new IllegalArgumentException(fullPath(path) + " must be " + expected + ", got '" + shown + "'");
    }

    private Duration parseDuration(String path, String text) {
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw wrongType(path, "a duration such as 500ms, 30s or 2m", text);
        }
        double amount = Double.parseDouble(matcher.group(1));
        ChronoUnit unit;
        switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "ns": case "nanos": case "nanoseconds": unit = ChronoUnit.NANOS; break;
            case "us": case "micros": case "microseconds": unit = ChronoUnit.MICROS; break;
            case "": case "ms": case "millis": case "milliseconds": unit = ChronoUnit.MILLIS; break;
            case "s": case "second": case "seconds": unit = ChronoUnit.SECONDS; break;
            case "m": case "minute": case "minutes": unit = ChronoUnit.MINUTES; break;
            case "h": case "hour": case "hours": unit = ChronoUnit.HOURS; break;
            case "d": case "day": case "days": unit = ChronoUnit.DAYS; break;
            default: throw wrongType(path, "a duration such as 500ms, 30s or 2m", text);
        }
        return Duration.ofNanos(Math.round(amount * unit.getDuration().toNanos()));
    }
}
