package io.marketfeed.testkit.fuzz;

import io.marketfeed.testkit.ScriptJson;
import java.math.BigDecimal;
import java.util.List;

/**
 * A JSON object written member by member, for generating valid frames the way a vendor writes them: decimals in
 * plain notation with their scale ({@code 32.50}), as numbers or as strings; a member whose value is null is left
 * out. Not thread safe.
 *
 * {@snippet :
 * String quote = new JsonObject(false, false).string("type", "quote").decimal("price", price).end();
 * }
 */
public final class JsonObject {

    private final StringBuilder text = new StringBuilder("{");
    private final boolean decimalsAsStrings;
    private final String blank;
    private boolean ended;

    /**
     * @param decimalsAsStrings whether decimals are written as strings ({@code "32.50"}) rather than numbers
     * @param blanks whether a blank follows each comma and colon
     */
    public JsonObject(boolean decimalsAsStrings, boolean blanks) {
        this.decimalsAsStrings = decimalsAsStrings;
        this.blank = blanks ? " " : "";
    }

    /** A string member; left out when {@code value} is null. */
    public JsonObject string(String name, String value) {
        return value == null ? this : raw(name, ScriptJson.quote(value));
    }

    /** A decimal member in plain notation; left out when {@code value} is null. */
    public JsonObject decimal(String name, BigDecimal value) {
        return value == null ? this : raw(name, decimal(value, decimalsAsStrings));
    }

    /** A member whose value is the JSON text {@code json}; left out when it is null. */
    public JsonObject raw(String name, String json) {
        if (ended) {
            throw new IllegalStateException("the object is ended");
        }
        if (json != null) {
            text.append(text.length() > 1 ? "," + blank : "").append(ScriptJson.quote(name)).append(':').append(blank)
                    .append(json);
        }
        return this;
    }

    /** The object's text; nothing can be added after. */
    public String end() {
        if (!ended) {
            text.append('}');
            ended = true;
        }
        return text.toString();
    }

    /** A decimal in plain notation, as a JSON number or a JSON string. */
    public static String decimal(BigDecimal value, boolean asString) {
        return asString ? "\"" + value.toPlainString() + "\"" : value.toPlainString();
    }

    /** A JSON array of JSON texts. */
    public static String array(List<String> json) {
        return "[" + String.join(",", json) + "]";
    }
}
