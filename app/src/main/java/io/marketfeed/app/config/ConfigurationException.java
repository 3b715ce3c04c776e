package io.marketfeed.app.config;

import io.marketfeed.api.SettingsProblem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration cannot be used: carries every problem found, each with its path and origin. The runner
 * prints them and exits with code 2, without a stack trace.
 */
public final class ConfigurationException extends RuntimeException {

    private final List<SettingsProblem> problems;

    public ConfigurationException(List<SettingsProblem> problems) {
        super(problems.stream().map(SettingsProblem::toString).collect(Collectors.joining("; ")), null, false,
                false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigurationException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** A problem that is not about one key, such as a file that cannot be read. */
    public static ConfigurationException of(String origin, String message) {
        return new ConfigurationException(List.of(new SettingsProblem("", origin, message)));
    }

    public List<SettingsProblem> problems() {
        return problems;
    }

    /** One line per problem, as printed on stderr: {@code config error: path (file:line): message}. */
    public List<String> lines() {
        return problems.stream().map(ConfigurationException::line).collect(Collectors.toList());
    }

    private static String line(SettingsProblem problem) {
        if (problem.path().isEmpty()) {
            return "config error: " + (problem.origin().isEmpty() ? "" : problem.origin() + ": ") + problem.message();
        }
        return "config error: " + problem;
    }
}
