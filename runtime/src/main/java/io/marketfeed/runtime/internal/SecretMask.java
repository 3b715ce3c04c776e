package io.marketfeed.runtime.internal;

import io.marketfeed.api.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The credentials of one engine, and every form in which a server or the network stack may quote them back: as
 * configured, URL-encoded (both space forms), JSON-escaped, and Base64 (standard and URL-safe, with and without
 * padding). {@link #mask} replaces each with {@code ****}, and the value of any query parameter named like a
 * credential ({@code api_key=}, {@code token=}) too, whether or not it is known.
 *
 * <p>Thread safe: read threads mask error frames while the control thread adds a session's parameters. The forms
 * are an immutable list behind a volatile field, replaced whole on each (rare) addition.
 */
final class SecretMask {

    static final String MASK = "****";
    /** Shorter values are not searched for: they would mask ordinary words; no real credential is that short. */
    private static final int SHORTEST = 4;
    private static final Pattern CREDENTIAL_PARAMETER = Pattern.compile(
            "(?i)([?&;](?:api[_-]?key|token|key|access[_-]?token|apikey|session[_-]?id|password|secret)=)[^&\\s\"'<>]+");

    private volatile List<String> forms = List.of();
    private volatile List<Secret> known = List.of();

    SecretMask(Collection<Secret> secrets) {
        addAll(secrets);
    }

    /** Adds credentials (a session's query parameters); ones already known change nothing. */
    synchronized void addAll(Collection<Secret> secrets) {
        Set<String> all = new LinkedHashSet<>(forms);
        Set<Secret> knownNow = new LinkedHashSet<>(known);
        boolean changed = false;
        for (Secret secret : secrets) {
            if (secret != null && secret.reveal().strip().length() >= SHORTEST && knownNow.add(secret)) {
                for (String form : forms(secret.reveal())) {
                    changed |= all.add(form);
                }
            }
        }
        if (changed) {
            List<String> longestFirst = new ArrayList<>(all);
            longestFirst.sort(Comparator.comparingInt(String::length).reversed());
            forms = List.copyOf(longestFirst);
            known = List.copyOf(knownNow);
        }
    }

    /** Every credential known so far. */
    List<Secret> known() {
        return known;
    }

    /** {@code text} with every known credential, in every form, and every credential-like query value masked. */
    String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        String out = text;
        for (String form : forms) {
            if (out.contains(form)) {
                out = out.replace(form, MASK);
            }
        }
        return CREDENTIAL_PARAMETER.matcher(out).replaceAll("$1" + MASK);
    }

    private static List<String> forms(String value) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        forms.add(value.strip());
        String urlEncoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        forms.add(urlEncoded);
        forms.add(urlEncoded.replace("+", "%20"));
        forms.add(jsonEscaped(value));
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        String base64 = Base64.getEncoder().encodeToString(bytes);
        forms.add(base64);
        forms.add(Base64.getUrlEncoder().encodeToString(bytes));
        forms.add(stripPadding(base64));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        forms.removeIf(form -> form.length() < SHORTEST);
        return List.copyOf(forms);
    }

    private static String stripPadding(String base64) {
        int end = base64.length();
        while (end > 0 && base64.charAt(end - 1) == '=') {
            end--;
        }
        return base64.substring(0, end);
    }

    private static String jsonEscaped(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '/' -> out.append("\\/");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
