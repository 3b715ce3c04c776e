package io.marketfeed.simulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.eclipse.jetty.util.Fields;

/**
 * The query parameters of one control request, with strict parsing: an unknown parameter or a malformed value is
 * a 400 that names it, so a typo on the command line never silently does something else.
 */
final class ControlRequest {

    private final String action;
    private final Fields fields;

    ControlRequest(String action, Fields fields) {
        this.action = action;
        this.fields = fields;
    }

    /** Fails on any parameter not listed; {@code simulation} is always allowed. */
    ControlRequest allow(String... names) {
        Set<String> allowed = new LinkedHashSet<>(List.of(names));
        allowed.add("simulation");
        for (String name : fields.getNames()) {
            if (!allowed.contains(name)) {
                throw new ControlException(400, "unknown parameter '" + name + "' for /control/" + action
                        + "; allowed: " + String.join(", ", allowed));
            }
        }
        return this;
    }

    Optional<String> text(String name) {
        String value = fields.getValue(name);
        return value == null ? Optional.empty() : Optional.of(value);
    }

    String requiredText(String name) {
        return text(name).filter(value -> !value.isBlank())
                .orElseThrow(() -> new ControlException(400, "/control/" + action + " needs parameter '" + name + "'"));
    }

    OptionalInt integer(String name) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(value.get().trim()));
        } catch (NumberFormatException e) {
            throw new ControlException(400, "parameter '" + name + "' must be an integer, got '" + value.get() + "'");
        }
    }

    int integer(String name, int defaultValue) {
        return integer(name).orElse(defaultValue);
    }

    boolean bool(String name, boolean defaultValue) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ControlException(400,
                    "parameter '" + name + "' must be true or false, got '" + value.get() + "'");
        };
    }

    /** Seconds, fractions allowed ({@code 0.5}); must be positive. */
    Optional<Duration> seconds(String name) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(value.get().trim());
        } catch (NumberFormatException e) {
            throw new ControlException(400, "parameter '" + name + "' must be a number of seconds, got '"
                    + value.get() + "'");
        }
        if (seconds.signum() <= 0 || seconds.compareTo(BigDecimal.valueOf(86_400L * 365)) > 0) {
            throw new ControlException(400, "parameter '" + name + "' must be positive and at most a year, got "
                    + value.get());
        }
        return Optional.of(Duration.ofNanos(seconds.movePointRight(9).longValue()));
    }

    Target target() {
        Optional<String> value = text("connection");
        if (value.isEmpty()) {
            return Target.all();
        }
        try {
            return Target.connection(Long.parseLong(value.get().trim()));
        } catch (IllegalArgumentException e) {
            throw new ControlException(400, "parameter 'connection' must be a connection id (see /control/status), "
                    + "got '" + value.get() + "'");
        }
    }

    /** An HTTP error answer with a status and a message for the operator. */
    static final class ControlException extends RuntimeException {

        private final int status;

        ControlException(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
