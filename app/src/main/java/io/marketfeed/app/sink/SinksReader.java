package io.marketfeed.app.sink;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.marketfeed.api.SettingsProblem;
import io.marketfeed.app.config.Origins;
import io.marketfeed.app.config.Suggestions;
import io.marketfeed.sink.HoconSinkConfig;
import io.marketfeed.sink.SinkConfigException;
import io.marketfeed.sink.SinkFactory;
import io.marketfeed.sink.WriterSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code marketfeed.sinks}: a list of objects, each with a known {@code type}, only keys that type or every
 * sink has, a unique name, and values its factory accepts. Every problem is reported with the element's path
 * ({@code marketfeed.sinks[1].batch-size}) and where it was set.
 *
 * <p>Not thread safe: one reader per validation.
 */
public final class SinksReader {

    public static final String PATH = "marketfeed.sinks";

    /** The keys every sink has, with their sub-keys. */
    private static final List<String> COMMON_KEYS = List.of("type", "name", "batch-size", "flush-interval",
            "queue-capacity", "spool.dir", "spool.max-size", "spool.when-full", "retry.initial-delay",
            "retry.max-delay");

    private final Path workingDirectory;
    private final List<SettingsProblem> problems = new ArrayList<>();

    public SinksReader(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    /** The sinks of {@code merged}; problems go to {@link #problems()}. */
    public List<ConfiguredSink> read(Config merged) {
        List<ConfiguredSink> sinks = new ArrayList<>();
        if (!merged.hasPath(PATH)) {
            return sinks;
        }
        ConfigValue value = merged.getValue(PATH);
        if (value.valueType() != ConfigValueType.LIST) {
            problems.add(problem(PATH, value, "must be a list of sinks, "
                    + "such as [{ type = sqlite, path = \"marketfeed.db\" }], or [] for none"));
            return sinks;
        }
        List<? extends ConfigValue> elements = merged.getList(PATH);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < elements.size(); i++) {
            String path = PATH + "[" + i + "]";
            ConfigValue element = elements.get(i);
            if (!(element instanceof ConfigObject)) {
                problems.add(problem(path, element, "must be an object such as { type = sqlite }"));
                continue;
            }
            read(path, ((ConfigObject) element).toConfig(), element, names).ifPresent(sinks::add);
        }
        return sinks;
    }

    public List<SettingsProblem> problems() {
        return List.copyOf(problems);
    }

    private Optional<ConfiguredSink> read(String path, Config block, ConfigValue element, Set<String> names) {
        if (!block.hasPath("type")) {
            problems.add(problem(path, element, "has no type; set type to one of " + String.join(", ",
                    SinkTypes.names())));
            return Optional.empty();
        }
        String type = String.valueOf(block.getValue("type").unwrapped());
        Optional<SinkFactory> factory = SinkTypes.find(type);
        if (factory.isEmpty()) {
            problems.add(problem(path + ".type", block.getValue("type"), "unknown sink type \"" + type + "\""
                    + Suggestions.closest(type, SinkTypes.names()).map(s -> "; did you mean " + s + "?").orElse("")
                    + " The types are: " + String.join(", ", SinkTypes.names())));
            return Optional.empty();
        }
        boolean clean = checkKeys(path, block, factory.get());
        String name = block.hasPath("name") ? String.valueOf(block.getValue("name").unwrapped()) : type;
        if (!names.add(name)) {
            clean = false;
            problems.add(problem(path + (block.hasPath("name") ? ".name" : ""), element, "another sink is named \""
                    + name + "\"; give each sink of the same type its own name (name = \"...\"): it names its "
                    + "spool folder and its lines in the log"));
        }
        HoconSinkConfig config = new HoconSinkConfig(name, block, path, workingDirectory);
        try {
            WriterSettings settings = WriterSettings.read(config, workingDirectory);
            ConfiguredSink sink = new ConfiguredSink(name, type, target(type, config),
                    factory.get().create(config), settings);
            return clean ? Optional.of(sink) : Optional.empty();
        } catch (SinkConfigException e) {
            // Where the value was set, described like every other configuration problem's origin.
            String key = e.path().startsWith(path + ".") ? e.path().substring(path.length() + 1) : "";
            ConfigValue at = !key.isEmpty() && block.hasPathOrNull(key) ? block.getValue(key) : element;
            problems.add(new SettingsProblem(e.path(), Origins.describe(at.origin()), e.problem()));
            return Optional.empty();
        }
    }

    /** Reports each key neither the type nor every sink has; true when there is none. */
    private boolean checkKeys(String path, Config block, SinkFactory factory) {
        Set<String> allowed = new LinkedHashSet<>(COMMON_KEYS);
        allowed.addAll(factory.keys().keySet());
        boolean clean = true;
        for (Map.Entry<String, ConfigValue> entry : block.entrySet()) {
            String key = String.join(".", ConfigUtil.splitPath(entry.getKey()));
            boolean known = allowed.stream().anyMatch(k -> key.equals(k) || key.startsWith(k + "."));
            if (!known) {
                clean = false;
                problems.add(problem(path + "." + key, entry.getValue(), "unknown key for a sink of type "
                        + factory.type() + Suggestions.closest(key, allowed).map(s -> "; did you mean " + s + "?")
                        .orElse("") + " Its keys are: " + String.join(", ", allowed)));
            }
        }
        return clean;
    }

    private static String target(String type, HoconSinkConfig config) {
        return SinkTypes.targetKey(type).flatMap(config::string).map(value -> {
            int query = value.indexOf('?');
            return query < 0 ? value : value.substring(0, query);
        }).orElse(type);
    }

    private static SettingsProblem problem(String path, ConfigValue value, String message) {
        return new SettingsProblem(path, Origins.describe(value.origin()), message);
    }
}
