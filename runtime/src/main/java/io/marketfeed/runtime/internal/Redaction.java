package io.marketfeed.runtime.internal;

import io.marketfeed.api.Secret;
import io.marketfeed.api.protocol.Endpoint;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Scrubs credentials from text we did not write ourselves (exception messages from the network stack can
 * quote the URL, query parameters included) before it reaches a log line or an event.
 */
final class Redaction {

    private static final Pattern CREDENTIAL_PARAMETER = Pattern.compile(
            "(?i)([?&](?:api[_-]?key|token|key|access[_-]?token|apikey|session[_-]?id)=)[^&\\s\"']+");

    private Redaction() {
    }

    static String redact(String text, Endpoint endpoint, List<Secret> extraSecrets) {
        if (text == null) {
            return "";
        }
        List<Secret> secrets = new ArrayList<>(extraSecrets);
        endpoint.auth().secret().ifPresent(secrets::add);
        String out = text;
        for (Secret secret : secrets) {
            if (!secret.isEmpty()) {
                out = out.replace(secret.reveal(), "****");
                out = out.replace(URLEncoder.encode(secret.reveal(), StandardCharsets.UTF_8), "****");
            }
        }
        return CREDENTIAL_PARAMETER.matcher(out).replaceAll("$1****");
    }
}
