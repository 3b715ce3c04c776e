package io.marketfeed.app.ops;

import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import io.marketfeed.app.config.EnabledProvider;
import io.marketfeed.app.config.SecretKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of what the operations port serves: every configured credential's value, a URL's user
 * info, and the value of any query parameter named like a credential ({@code api_key}, {@code token}; see
 * {@link SecretKeys}) become {@link SecretKeys#MASK}. The runtime's texts (failures, reasons, endpoints) already
 * hold none; this is the second line. Immutable and thread safe.
 */
public final class Redactor {

    /** Shorter values are not searched for: they would mask ordinary words, and no real credential is that short. */
    private static final int SHORTEST = 4;
    private static final Pattern QUERY_PARAMETER = Pattern.compile("([?&;])([A-Za-z0-9_.\\-]+)=([^&#\\s\"'<>]*)");
    private static final Pattern USER_INFO = Pattern.compile("(://)[^/@\\s\"']+@");

    private final List<String> secrets;

    private Redactor(Collection<String> secrets) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret != null && secret.strip().length() >= SHORTEST) {
                distinct.add(secret.strip());
            }
        }
        List<String> longestFirst = new ArrayList<>(distinct);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(longestFirst);
    }

    /** Masks {@code secrets} (and the patterns). */
    public static Redactor of(Collection<String> secrets) {
        return new Redactor(secrets);
    }

    /**
     * Masks every credential of the providers' settings (each key {@link SecretKeys#isSecret} names one). Only
     * compares: the values are never written anywhere.
     */
    public static Redactor forProviders(List<EnabledProvider> providers) {
        List<String> values = new ArrayList<>();
        credentials(providers).forEach(secret -> values.add(secret.reveal()));
        return new Redactor(values);
    }

    /** Every credential of the providers' settings: each value of a key {@link SecretKeys#isSecret} names one. */
    public static List<Secret> credentials(List<EnabledProvider> providers) {
        List<Secret> values = new ArrayList<>();
        for (EnabledProvider provider : providers) {
            ProviderSettings settings = provider.settings();
            for (String path : settings.paths()) {
                if (SecretKeys.isSecret(path)) {
                    secret(settings, path).ifPresent(values::add);
                }
            }
        }
        return values;
    }

    private static Optional<Secret> secret(ProviderSettings settings, String path) {
        try {
            return settings.secret(path);
        } catch (IllegalArgumentException notText) {
            return Optional.empty();
        }
    }

    /** {@code text} with every credential masked; null stays null. */
    public String clean(String text) {
        if (text == null) {
            return null;
        }
        String cleaned = text;
        for (String secret : secrets) {
            cleaned = cleaned.replace(secret, SecretKeys.MASK);
        }
        cleaned = USER_INFO.matcher(cleaned).replaceAll("$1" + Matcher.quoteReplacement(SecretKeys.MASK) + "@");
        Matcher parameters = QUERY_PARAMETER.matcher(cleaned);
        StringBuilder out = new StringBuilder();
        while (parameters.find()) {
            String replacement = SecretKeys.isSecret(parameters.group(2)) && !parameters.group(3).isEmpty()
                    ? parameters.group(1) + parameters.group(2) + "=" + SecretKeys.MASK
                    : parameters.group();
            parameters.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        parameters.appendTail(out);
        return out.toString();
    }
}
