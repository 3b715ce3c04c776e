package io.marketfeed.app.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import io.marketfeed.api.SettingsProblem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Rejects keys the reference configuration does not declare, anywhere under {@code marketfeed}, with a
 * suggestion when one is close. Misspelled keys are otherwise silently ignored and the default applies, which
 * is the worst kind of configuration bug. At the {@code marketfeed.providers} level the keys are provider ids,
 * and an id that no provider has is reported with the ids that exist.
 */
final class UnknownKeyCheck {

    private static final int MAX_LISTED_KEYS = 12;

    private final KnownKeys known;
    private final Collection<String> providerIds;
    private final List<String> failed;
    private final List<SettingsProblem> problems = new ArrayList<>();

    /**
     * @param known the reference tree from the root
     * @param providerIds ids of the providers found, for the message about an unknown id
     * @param failed each plugin or provider that could not be loaded, with the reason, for that message: the id
     *     may be one of theirs
     */
    UnknownKeyCheck(KnownKeys known, Collection<String> providerIds, List<String> failed) {
        this.known = known;
        this.providerIds = providerIds;
        this.failed = List.copyOf(failed);
    }

    /**
     * @param merged the resolved configuration, all layers
     * @param userLayer what the user wrote (file and overrides), unresolved, for keys outside {@code marketfeed}
     */
    List<SettingsProblem> check(Config merged, Config userLayer) {
        checkTopLevel(userLayer);
        Optional<KnownKeys> root = known.child(ConfigPaths.ROOT);
        if (root.isPresent() && merged.root().get(ConfigPaths.ROOT) instanceof ConfigObject) {
            walk((ConfigObject) merged.root().get(ConfigPaths.ROOT), ConfigPaths.ROOT, root.get());
        }
        return List.copyOf(problems);
    }

    /**
     * Keys outside {@code marketfeed} may be helpers for substitutions, so only the ones that look like
     * misplaced Marketfeed settings are reported.
     */
    private void checkTopLevel(Config userLayer) {
        KnownKeys root = known.child(ConfigPaths.ROOT).orElseThrow();
        for (String key : userLayer.root().keySet()) {
            if (key.equals(ConfigPaths.ROOT)) {
                continue;
            }
            String path = ConfigUtil.joinPath(key);
            String origin = Origins.describe(userLayer.root().get(key).origin());
            if (root.child(key).isPresent()) {
                problems.add(new SettingsProblem(path, origin, "is outside the marketfeed block; did you mean '"
                        + ConfigPaths.ROOT + "." + key + "'?"));
            } else if (Suggestions.closest(key, List.of(ConfigPaths.ROOT)).isPresent()) {
                problems.add(new SettingsProblem(path, origin, "unknown key; did you mean '" + ConfigPaths.ROOT
                        + "'?"));
            }
        }
    }

    private void walk(ConfigObject object, String path, KnownKeys node) {
        for (String key : object.keySet()) {
            String childPath = path + "." + ConfigUtil.joinPath(key);
            ConfigValue value = object.get(key);
            Optional<KnownKeys> child = node.child(key);
            if (path.equals(ConfigPaths.PROVIDERS) && child.isEmpty()) {
                if (!providerIds.contains(key)) {
                    problems.add(problem(childPath, value, unknownProvider(key)));
                }
                // A provider without a reference.conf block: its keys cannot be checked here; create() checks them.
                continue;
            }
            if (child.isEmpty()) {
                problems.add(problem(childPath, value, unknownKey(key, node)));
            } else if (!child.get().isOpen() && child.get().isObject() && value instanceof ConfigObject) {
                walk((ConfigObject) value, childPath, child.get());
            }
        }
    }

    private String unknownProvider(String id) {
        StringBuilder message = new StringBuilder("unknown provider id '").append(id).append("'");
        Suggestions.closest(id, providerIds).ifPresent(s -> message.append("; did you mean '").append(s).append("'?"));
        message.append(providerIds.isEmpty() ? "; no providers were found"
                : "; available providers: " + String.join(", ", providerIds));
        if (!failed.isEmpty()) {
            message.append("; could not load: ").append(String.join("; ", failed));
        }
        return message.toString();
    }

    private static String unknownKey(String key, KnownKeys node) {
        Optional<String> suggestion = Suggestions.closest(key, node.keys())
                .or(() -> Suggestions.closest(key, node.descendantPaths()));
        if (suggestion.isPresent()) {
            return "unknown key; did you mean '" + suggestion.get() + "'?";
        }
        List<String> keys = new ArrayList<>(node.keys());
        String listed = keys.size() <= MAX_LISTED_KEYS ? String.join(", ", keys)
                : String.join(", ", keys.subList(0, MAX_LISTED_KEYS)) + ", ...";
        return keys.isEmpty() ? "unknown key" : "unknown key; the keys here are: " + listed;
    }

    private static SettingsProblem problem(String path, ConfigValue value, String message) {
        return new SettingsProblem(path, Origins.describe(value.origin()), message);
    }
}
