package io.marketfeed.simulator;

import java.time.Duration;
import java.util.Locale;

/**
 * One command-line option of a simulation, for {@link SimulatorMain} and for launchers that pass options through
 * (the app's {@code simulate}); and the parsers of option values, each failing with one line that names the option.
 *
 * @param name the option with its dashes: {@code --heartbeat}
 * @param argument what its value looks like ({@code D}, {@code N}), null for a flag
 * @param help one line for the usage text
 */
public record CommandLineOption(String name, String argument, String help) {

    /** A flag: an option without a value. */
    public static CommandLineOption flag(String name, String help) {
        return new CommandLineOption(name, null, help);
    }

    /** Whether the option consumes the next argument. */
    public boolean takesValue() {
        return argument != null;
    }

    /** Its line in a usage text. */
    public String usageLine() {
        return String.format("  %-26s %s%n", name + (argument == null ? "" : " " + argument), help);
    }

    /** {@code value}, or a failure naming {@code option} when there is none. */
    public static String required(String value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    public static int integer(String value, String option) {
        try {
            return Integer.parseInt(required(value, option).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs an integer, got " + value);
        }
    }

    public static double number(String value, String option) {
        try {
            return Double.parseDouble(required(value, option).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got " + value);
        }
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m}, {@code 0}. */
    public static Duration duration(String text, String option) {
        String value = required(text, option).trim().toLowerCase(Locale.ROOT);
        try {
            if (value.equals("0")) {
                return Duration.ZERO;
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a duration such as 500ms, 2s or 1m, got " + text);
    }
}
