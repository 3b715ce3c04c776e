package io.marketfeed.runtime.internal;

import io.marketfeed.api.Secret;
import io.marketfeed.api.protocol.Endpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Scrubs credentials from text we did not write ourselves (exception messages from the network stack can
 * quote the URL, query parameters included) before it reaches a log line or an event: {@link SecretMask} over
 * the endpoint's credential and {@code extraSecrets} (the connection passes every credential of the engine).
 */
final class Redaction {

    private Redaction() {
    }

    static String redact(String text, Endpoint endpoint, List<Secret> extraSecrets) {
        if (text == null) {
            return "";
        }
        List<Secret> secrets = new ArrayList<>(extraSecrets);
        endpoint.auth().secret().ifPresent(secrets::add);
        return new SecretMask(secrets).mask(text);
    }
}
