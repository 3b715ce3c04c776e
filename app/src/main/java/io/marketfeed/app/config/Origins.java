package io.marketfeed.app.config;

import com.typesafe.config.ConfigOrigin;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Formats where a value came from the way people write it: {@code my.conf:4}. */
public final class Origins {

    /** Typesafe appends ": <line>" to descriptions; we print {@code name:line} instead. */
    private static final Pattern LINE_SUFFIX = Pattern.compile(":\\s*(-?\\d+)$");
    private static final String MERGE_PREFIX = "merge of ";
    /** A resource's description is "name @ url". */
    private static final String URL_SEPARATOR = " @ ";

    private Origins() {
    }

    /** {@code file:line} for files and resources, the plain description otherwise; empty when unknown. */
    public static String describe(ConfigOrigin origin) {
        if (origin == null) {
            return "";
        }
        String line = origin.lineNumber() > 0 ? ":" + origin.lineNumber() : "";
        if (origin.resource() != null) {
            return origin.resource() + line + jarOf(origin);
        }
        if (origin.filename() != null) {
            return origin.filename() + line;
        }
        String description = origin.description();
        if (description.startsWith(MERGE_PREFIX)) {
            // "merge of my.conf: 3,reference.conf: 7": the first part is the layer that wins, the user's.
            description = description.substring(MERGE_PREFIX.length()).split(",", 2)[0];
        }
        return withLine(description);
    }

    /** "name @ url: 3" and "name: 3" become "name:3". */
    private static String withLine(String description) {
        Matcher matcher = LINE_SUFFIX.matcher(description);
        String line = matcher.find() ? ":" + matcher.group(1) : "";
        String name = LINE_SUFFIX.matcher(description).replaceFirst("");
        int separator = name.indexOf(URL_SEPARATOR);
        return (separator < 0 ? name : name.substring(0, separator)) + line;
    }

    /** Several jars have a reference.conf: name the one meant, as {@code " in marketfeed-app.jar"}. */
    private static String jarOf(ConfigOrigin origin) {
        if (origin.url() == null || !"jar".equals(origin.url().getProtocol())) {
            return "";
        }
        String path = origin.url().getPath();
        int bang = path.indexOf("!/");
        String jar = bang < 0 ? path : path.substring(0, bang);
        return " in " + jar.substring(jar.lastIndexOf('/') + 1);
    }
}
