package io.marketfeed.app.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rule that decides which providers run: every provider's {@code reference.conf} says {@code enabled = false},
 * and a provider block that the user writes (in the {@code -c} file or with {@code -D}) with something to subscribe
 * to is enabled unless it says {@code enabled = false} itself. The same holds for a block inside a provider's
 * block that has its own {@code enabled} in the reference (SAHMK's {@code depth} and {@code trades}): writing
 * {@code depth.symbols} turns on the depth channel.
 *
 * <p>What counts as something to subscribe to: a non-empty list at a key named {@code symbols} (at any depth, such
 * as {@code depth.symbols} or {@code trades.symbols}), {@code markets}, {@code sectors} or {@code watchlists}. Only
 * what the user wrote counts: a credential in the environment, or a list in a {@code reference.conf}, never
 * enables anything.
 *
 * <p>The result is the resolved configuration with {@code enabled = true} at those blocks, each with an origin that
 * names the key that implied it ({@code implied by symbols at my.conf:3}); it replaces only values the user did
 * not write.
 */
final class ImpliedEnabled {

    /** Names of keys that list what to subscribe to. */
    static final Set<String> SUBSCRIPTION_KEYS = Set.of("symbols", "markets", "sectors", "watchlists");

    private static final String ENABLED = ConfigPaths.PROVIDER_ENABLED;

    private ImpliedEnabled() {
    }

    /**
     * @param userLayer what the user wrote (file and overrides), unresolved
     * @param resolved every layer merged and resolved, for the values of the lists
     * @param reference the resolved reference, to find the blocks that have their own {@code enabled}
     * @return {@code resolved} with {@code enabled = true} at each block the rule enables; only those values
     *     change, so every other value and block keeps its origin
     */
    static Config apply(Config userLayer, Config resolved, Config reference) {
        Config layer = resolved;
        Optional<ConfigValue> providers = ConfigValues.valueOrNull(resolved, ConfigPaths.PROVIDERS);
        if (providers.isEmpty() || !(providers.get() instanceof ConfigObject)) {
            return layer;
        }
        for (String id : ((ConfigObject) providers.get()).keySet()) {
            String block = ConfigPaths.provider(id);
            for (String enableable : enableableBlocks(block, resolved, reference)) {
                if (userSets(userLayer, enableable + "." + ENABLED)) {
                    continue;  // the user's own enabled, true or false, always wins
                }
                Optional<String> reason = subscriptionKey(enableable, userLayer, resolved, reference);
                if (reason.isPresent()) {
                    layer = layer.withValue(enableable + "." + ENABLED,
                            ConfigValueFactory.fromAnyRef(true, reason.get()));
                }
            }
        }
        return layer;
    }

    /** The provider block itself, and every block inside it that the reference gives its own {@code enabled}. */
    private static List<String> enableableBlocks(String block, Config resolved, Config reference) {
        List<String> blocks = new ArrayList<>();
        blocks.add(block);
        Optional<ConfigValue> value = ConfigValues.valueOrNull(resolved, block);
        if (value.isPresent() && value.get() instanceof ConfigObject) {
            collectInner((ConfigObject) value.get(), block, reference, blocks);
        }
        return blocks;
    }

    private static void collectInner(ConfigObject object, String path, Config reference, List<String> blocks) {
        for (String key : object.keySet()) {
            ConfigValue child = object.get(key);
            if (child instanceof ConfigObject) {
                String childPath = path + "." + ConfigUtil.joinPath(key);
                if (ConfigValues.valueOrNull(reference, childPath + "." + ENABLED).isPresent()) {
                    blocks.add(childPath);
                }
                collectInner((ConfigObject) child, childPath, reference, blocks);
            }
        }
    }

    /**
     * The origin text for the first subscription key under {@code block} that the user wrote with a non-empty
     * list, not counting keys inside an inner block the user disabled.
     */
    private static Optional<String> subscriptionKey(String block, Config userLayer, Config resolved,
            Config reference) {
        Optional<ConfigValue> value = ConfigValues.valueOrNull(resolved, block);
        if (value.isEmpty() || !(value.get() instanceof ConfigObject)) {
            return Optional.empty();
        }
        return find((ConfigObject) value.get(), block, block, userLayer, reference);
    }

    private static Optional<String> find(ConfigObject object, String block, String path, Config userLayer,
            Config reference) {
        for (String key : object.keySet()) {
            ConfigValue child = object.get(key);
            String childPath = path + "." + ConfigUtil.joinPath(key);
            if (child instanceof ConfigObject) {
                boolean ownSwitch = ConfigValues.valueOrNull(reference, childPath + "." + ENABLED).isPresent();
                if (ownSwitch && userDisables(userLayer, childPath + "." + ENABLED)) {
                    continue;
                }
                Optional<String> inner = find((ConfigObject) child, block, childPath, userLayer, reference);
                if (inner.isPresent()) {
                    return inner;
                }
            } else if (SUBSCRIPTION_KEYS.contains(key) && child instanceof ConfigList
                    && !((ConfigList) child).isEmpty() && userSets(userLayer, childPath)) {
                String relative = childPath.substring(block.length() + 1);
                String where = Origins.describe(child.origin());
                return Optional.of("implied by " + relative + (where.isEmpty() ? "" : " at " + where));
            }
        }
        return Optional.empty();
    }

    /** Whether the user's layer has a value at {@code path}; an unresolved part counts as written. */
    static boolean userSets(Config userLayer, String path) {
        try {
            return ConfigValues.valueOrNull(userLayer, path).isPresent();
        } catch (ConfigException e) {
            return true;
        }
    }

    private static boolean userDisables(Config userLayer, String path) {
        try {
            Optional<ConfigValue> value = ConfigValues.valueOrNull(userLayer, path);
            return value.isPresent() && "false".equals(String.valueOf(value.get().unwrapped()).trim());
        } catch (ConfigException e) {
            return false;
        }
    }
}
