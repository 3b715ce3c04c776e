package io.marketfeed.toolkit;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The fields a decoder reads, found by their JSON name. {@link JsonFrames} hands out the same {@code String}
 * instance for the same name every time, so names seen before are found by identity (no hashing or comparing of
 * characters); a name seen for the first time is looked up by its text. At most {@value #REMEMBERED} names are
 * remembered, so a server inventing names costs a lookup each, never memory.
 *
 * <p>Not thread safe: one per connection, like the {@link JsonFrames} whose names it sees.
 *
 * @param <F> the fields
 */
public final class FieldNames<F extends Enum<F>> {

    private static final int REMEMBERED = 256;
    private static final Object UNKNOWN = new Object();

    private final Map<String, F> byText;
    private final IdentityHashMap<String, Object> seen = new IdentityHashMap<>();

    /**
     * Every constant of {@code fields} by its JSON name.
     *
     * @param wireName the JSON name of a field
     */
    public static <F extends Enum<F>> FieldNames<F> of(Class<F> fields, Function<F, String> wireName) {
        Map<String, F> byText = new HashMap<>();
        for (F field : fields.getEnumConstants()) {
            if (byText.put(wireName.apply(field), field) != null) {
                throw new IllegalArgumentException("two fields named '" + wireName.apply(field) + "' in " + fields);
            }
        }
        return new FieldNames<>(byText);
    }

    /** @param byText every field by its JSON name (the map is copied) */
    public FieldNames(Map<String, F> byText) {
        this.byText = new HashMap<>(byText);
    }

    /** The field with this JSON name, or null when the decoder does not read it. */
    @SuppressWarnings("unchecked")
    public F field(String name) {
        Object known = seen.get(name);
        if (known != null) {
            return known == UNKNOWN ? null : (F) known;
        }
        F field = byText.get(name);
        if (seen.size() < REMEMBERED) {
            seen.put(name, field == null ? UNKNOWN : field);
        }
        return field;
    }
}
