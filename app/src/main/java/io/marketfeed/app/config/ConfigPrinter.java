package io.marketfeed.app.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.TreeSet;

/**
 * Renders the effective configuration as HOCON, one value per line with its origin as a short comment
 * ({@code # my.conf:4}), and every credential replaced by {@value SecretKeys#MASK}. Typesafe's own renderer
 * prints whole jar URLs as origins, which drowns the values.
 */
public final class ConfigPrinter {

    private static final ConfigRenderOptions VALUE = ConfigRenderOptions.concise().setJson(false);

    private ConfigPrinter() {
    }

    public static String render(Config merged) {
        StringBuilder text = new StringBuilder();
        object(text, merged.root(), "", "");
        return text.toString();
    }

    private static void object(StringBuilder text, ConfigObject object, String path, String indent) {
        for (String key : new TreeSet<>(object.keySet())) {
            ConfigValue value = object.get(key);
            String childPath = path.isEmpty() ? ConfigUtil.joinPath(key) : path + "." + ConfigUtil.joinPath(key);
            String name = ConfigUtil.joinPath(key);
            if (value instanceof ConfigObject && !((ConfigObject) value).isEmpty()) {
                text.append(indent).append(name).append(" {\n");
                object(text, (ConfigObject) value, childPath, indent + "  ");
                text.append(indent).append("}\n");
            } else if (value instanceof ConfigList && ((ConfigList) value).stream()
                    .anyMatch(element -> element instanceof ConfigObject)) {
                // A list of blocks (marketfeed.sinks): each printed like a block, so its credentials are masked.
                text.append(indent).append(name).append(" = [\n");
                ConfigList list = (ConfigList) value;
                for (int i = 0; i < list.size(); i++) {
                    ConfigValue element = list.get(i);
                    if (element instanceof ConfigObject) {
                        text.append(indent).append("  {\n");
                        object(text, (ConfigObject) element, childPath + "[" + i + "]", indent + "    ");
                        text.append(indent).append("  }\n");
                    } else {
                        text.append(indent).append("  ").append(element.render(VALUE)).append('\n');
                    }
                }
                text.append(indent).append("]\n");
            } else {
                boolean secret = SecretKeys.isMasked(childPath, value) && value.unwrapped() != null;
                String shown = secret ? "\"" + SecretKeys.MASK + "\"" : value.render(VALUE);
                String origin = Origins.describe(value.origin());
                text.append(indent).append(name).append(" = ").append(shown)
                        .append(origin.isEmpty() ? "" : "  # " + origin).append(secret ? " (masked)" : "")
                        .append('\n');
            }
        }
    }
}
