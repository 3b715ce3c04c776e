package io.marketfeed.app.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.marketfeed.api.SettingsProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks every value against the type of its default. {@link Config#checkValid} compares only HOCON value
 * types and accepts any string where a number, boolean or duration is expected (HOCON converts on read); this
 * check reads each value the way it will be read, so {@code capacity = lots} or {@code stop-timeout = soon}
 * is reported now, with the others, instead of failing later one at a time.
 */
final class TypeCheck {

    /** A reference default that is a duration has a number and a unit, such as {@code 30s}. */
    private static final Pattern DURATION_DEFAULT = Pattern.compile("\\s*\\d+(\\.\\d+)?\\s*[a-zA-Z]+\\s*");
    /** A reference default that is a size has a number and a unit of bytes, such as {@code 1MiB}. */
    private static final Pattern SIZE_DEFAULT = Pattern.compile("\\s*\\d+(\\.\\d+)?\\s*[kKMGT]i?B\\s*");

    private final Config config;
    private final List<SettingsProblem> problems = new ArrayList<>();

    private TypeCheck(Config config) {
        this.config = config;
    }

    /** Problems of {@code config} against the types in {@code reference}, under {@code root}. */
    static List<SettingsProblem> check(Config config, Config reference, String root) {
        TypeCheck check = new TypeCheck(config);
        ConfigValue referenceRoot = reference.root().get(root);
        ConfigValue configRoot = config.root().get(root);
        if (referenceRoot instanceof ConfigObject && configRoot instanceof ConfigObject) {
            check.walk((ConfigObject) referenceRoot, root);
        }
        check.checkValid(reference, root);
        return List.copyOf(check.problems);
    }

    private void checkValid(Config reference, String root) {
        try {
            config.checkValid(reference, root);
        } catch (ConfigException.ValidationFailed e) {
            for (ConfigException.ValidationProblem problem : e.problems()) {
                // Typesafe's text repeats the path ("Wrong value type at 'x', expecting: ..."); we print it once.
                String message = problem.problem().replaceFirst(" at '[^']*'", "");
                if (problems.stream().anyMatch(p -> p.path().equals(problem.path()))) {
                    continue;
                }
                problems.add(new SettingsProblem(problem.path(), Origins.describe(problem.origin()), message));
            }
        }
    }

    private void walk(ConfigObject reference, String path) {
        for (String key : reference.keySet()) {
            String childPath = path + "." + ConfigUtil.joinPath(key);
            ConfigValue expected = reference.get(key);
            Optional<ConfigValue> actual = ConfigValues.valueOrNull(config, childPath);
            if (actual.isEmpty() || expected.valueType() == ConfigValueType.NULL) {
                continue;
            }
            if (expected.valueType() == ConfigValueType.OBJECT) {
                if (actual.get() instanceof ConfigObject) {
                    walk((ConfigObject) expected, childPath);
                }
            } else if (actual.get().valueType() == ConfigValueType.NULL) {
                problems.add(problem(childPath, actual.get(),
                        "must not be null; remove the line to use the default"));
            } else {
                checkLeaf(childPath, expected, actual.get());
            }
        }
    }

    private void checkLeaf(String path, ConfigValue expected, ConfigValue actual) {
        String wanted = null;
        try {
            switch (expected.valueType()) {
                case NUMBER:
                    // Any number: HOCON reads 2.0 as an integer, so the default cannot tell whether fractions are
                    // allowed; the getter that reads the value as a whole number checks that.
                    wanted = "a number";
                    config.getDouble(path);
                    break;
                case BOOLEAN:
                    wanted = "true or false";
                    config.getBoolean(path);
                    break;
                case STRING:
                    if (SIZE_DEFAULT.matcher((String) expected.unwrapped()).matches()) {
                        wanted = "a size such as 512KiB, 1MiB or 1048576 (bytes)";
                        config.getBytes(path);
                    } else if (DURATION_DEFAULT.matcher((String) expected.unwrapped()).matches()) {
                        wanted = "a duration such as 500ms, 30s or 2m";
                        config.getDuration(path);
                    }
                    break;
                case LIST:
                case OBJECT:
                case NULL:
                    // Lists and objects: checkValid compares their shapes; null defaults accept anything.
                    break;
            }
        } catch (ConfigException e) {
            problems.add(problem(path, actual, "must be " + wanted + ", got " + SecretKeys.shown(path, actual)));
        }
    }

    private static SettingsProblem problem(String path, ConfigValue value, String message) {
        return new SettingsProblem(path, Origins.describe(value.origin()), message);
    }
}
