package io.marketfeed.app.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The keys the reference configuration declares, as a tree. Built from the merged {@code reference.conf}
 * files, both resolved and unresolved: a key whose default is {@code null}, or an optional substitution such
 * as {@code ${?SAHMK_API_KEY}} that is not set, disappears from a resolved config's entries but is still a
 * key the user may set. An object that is empty in the reference is an open map: any key is allowed in it.
 *
 * <p>Immutable.
 */
final class KnownKeys {

    private final Map<String, KnownKeys> children;
    private final boolean object;

    private KnownKeys(Map<String, KnownKeys> children, boolean object) {
        this.children = children;
        this.object = object;
    }

    /** The tree of every key in {@code trees}, merged. */
    static KnownKeys of(ConfigValue... trees) {
        KnownKeys result = new KnownKeys(new TreeMap<>(), true);
        for (ConfigValue tree : trees) {
            result = result.merge(walk(tree));
        }
        return result;
    }

    /** The node of a key directly below this one. */
    Optional<KnownKeys> child(String key) {
        return Optional.ofNullable(children.get(key));
    }

    /** The keys directly below this node, sorted. */
    Set<String> keys() {
        return children.keySet();
    }

    /** Whether any key is allowed below this node: the reference declares it as an empty object. */
    boolean isOpen() {
        return object && children.isEmpty();
    }

    /** Whether the reference declares an object here (not a single value or list). */
    boolean isObject() {
        return object;
    }

    /** Every path below this node, relative to it, such as {@code depth.levels}: candidates for suggestions. */
    List<String> descendantPaths() {
        List<String> paths = new ArrayList<>();
        children.forEach((key, child) -> {
            paths.add(key);
            for (String below : child.descendantPaths()) {
                paths.add(key + "." + below);
            }
        });
        return paths;
    }

    private static KnownKeys walk(ConfigValue value) {
        if (!(value instanceof ConfigObject)) {
            return new KnownKeys(Map.of(), false);
        }
        ConfigObject object = (ConfigObject) value;
        Map<String, KnownKeys> children = new TreeMap<>();
        try {
            // keySet() keeps keys whose value is null; entrySet() would drop them.
            for (String key : object.keySet()) {
                children.put(key, walkChild(object, key));
            }
        } catch (ConfigException.NotResolved e) {
            // An unresolved merge of objects: its keys are known only after resolution, from the other tree.
            return new KnownKeys(Map.of(), true);
        }
        return new KnownKeys(children, true);
    }

    private static KnownKeys walkChild(ConfigObject parent, String key) {
        try {
            return walk(parent.get(key));
        } catch (ConfigException.NotResolved e) {
            return new KnownKeys(Map.of(), false);
        }
    }

    private KnownKeys merge(KnownKeys other) {
        Map<String, KnownKeys> merged = new TreeMap<>(children);
        other.children.forEach((key, child) -> merged.merge(key, child, KnownKeys::merge));
        return new KnownKeys(merged, object || other.object);
    }
}
