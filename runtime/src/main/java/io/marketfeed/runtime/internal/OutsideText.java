package io.marketfeed.runtime.internal;

/**
 * Makes text a server sent (close reasons, error frames, handshake bodies, symbols, network exceptions) safe to
 * put in an event or a log line: credentials masked ({@link SecretMask}), control and line-breaking characters
 * escaped (a newline in a close reason cannot forge a log line), and the length capped, with the original length
 * noted. Masking comes first, so a credential cut by the cap is never half shown.
 *
 * <p>Stateless; thread safe.
 */
final class OutsideText {

    /** The most characters of outside text quoted in one message. */
    static final int MAX_LENGTH = 256;
    /** The most characters of a provider's message that may quote outside text. */
    static final int MAX_MESSAGE_LENGTH = 1024;

    private OutsideText() {
    }

    /** {@code text} masked, escaped and capped at {@link #MAX_LENGTH}; "" for null. */
    static String clean(String text, SecretMask secrets) {
        return clean(text, secrets, MAX_LENGTH);
    }

    /** {@code text} masked, escaped and capped at {@code maxLength} characters of the original. */
    static String clean(String text, SecretMask secrets, int maxLength) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String masked = secrets.mask(text);
        int shown = Math.min(masked.length(), maxLength);
        if (shown < masked.length() && Character.isHighSurrogate(masked.charAt(shown - 1))) {
            shown--;
        }
        StringBuilder out = null;
        for (int i = 0; i < shown; i++) {
            char c = masked.charAt(i);
            if (needsEscape(c)) {
                if (out == null) {
                    out = new StringBuilder(shown + 16).append(masked, 0, i);
                }
                escape(c, out);
            } else if (out != null) {
                out.append(c);
            }
        }
        String body = out == null ? masked.substring(0, shown) : out.toString();
        if (shown < masked.length()) {
            return body + "… (" + masked.length() + " characters in all)";
        }
        return body;
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\ufeff';
    }

    private static void escape(char c, StringBuilder out) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> out.append(String.format("\\u%04x", (int) c));
        }
    }
}
