package io.marketfeed.runtime.internal;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Why this client refused a server's certificate, in terms a user can act on: raised by {@link TlsClient}'s trust
 * manager in place of the JDK's exception (kept as the cause), and found in the failure's cause chain by
 * {@link ConnectFailures}. The names, subject, issuer and dates came from the server. Immutable.
 */
final class CertificateRefusal extends CertificateException {

    /** The refusals a user can tell apart, each with its own fix. */
    enum Kind {
        /** No trusted authority signed the chain (a private CA, a self-signed certificate, a proxy's CA). */
        NOT_TRUSTED,
        /** The chain is trusted, but the certificate does not name the host dialled. */
        WRONG_HOST,
        /** The server's certificate is outside its validity period. */
        EXPIRED
    }

    /** How many of the certificate's names a line shows. */
    private static final int SHOWN_NAMES = 5;

    private final Kind kind;
    private final List<String> names;
    private final String subject;
    private final String issuer;
    private final Instant notBefore;
    private final Instant notAfter;
    private final String trusted;
    private final boolean configured;

    /**
     * @param leaf the server's certificate
     * @param names the names it is for ({@link TlsClient#names})
     * @param trusted what this client trusts, as {@link io.marketfeed.runtime.TlsSettings#description()} says it
     * @param configured whether that is a configured trust store (else this Java's own)
     * @param cause the JDK's refusal
     */
    CertificateRefusal(Kind kind, X509Certificate leaf, List<String> names, String trusted, boolean configured,
            CertificateException cause) {
        super(kind + " (" + cause.getMessage() + ")", cause);
        this.kind = kind;
        this.names = List.copyOf(names);
        this.subject = leaf.getSubjectX500Principal().getName();
        this.issuer = leaf.getIssuerX500Principal().getName();
        this.notBefore = leaf.getNotBefore().toInstant();
        this.notAfter = leaf.getNotAfter().toInstant();
        this.trusted = trusted;
        this.configured = configured;
    }

    /**
     * The one line for this refusal: which check failed, what the certificate says (its names, issuer or dates, each
     * passed through {@code shown}: text from the server), and the fix.
     *
     * @param address {@code host:port} dialled
     * @param host the host name dialled
     */
    String line(String address, String host, UnaryOperator<String> shown) {
        String names = names(shown);
        switch (kind) {
            case WRONG_HOST:
                return "the server's certificate is not valid for " + host + ": " + address + " presented a "
                        + "certificate for " + names + "; check the host in the endpoint URL (it must be a name on the "
                        + "certificate), or have the server's operator add this name to its certificate";
            case EXPIRED:
                return "the server's certificate is outside its validity period: " + address + " presented a "
                        + "certificate for " + names + " valid from " + notBefore.truncatedTo(ChronoUnit.SECONDS)
                        + " to " + notAfter.truncatedTo(ChronoUnit.SECONDS) + "; the server's operator must renew it "
                        + "(if those dates look right, check this machine's clock)";
            default:
                String signer = issuer.equals(subject) ? "self-signed" : "issued by " + shown.apply(issuer);
                return "the server's certificate is not trusted: " + address + " presented a certificate for " + names
                        + ", " + signer + ", and no certificate authority in " + trusted + " vouches for it; "
                        + (configured
                        ? "add the CA that issued it (a proxy's, or the server's own) to that store, or point "
                                + "marketfeed.tls.trust-store at one that holds it"
                        : "if the server, or a proxy on the way, uses a private CA, set marketfeed.tls.trust-store "
                                + "to a trust store (or PEM file) holding that CA");
        }
    }

    /** At most {@value #SHOWN_NAMES} of the certificate's names. */
    private String names(UnaryOperator<String> shown) {
        if (names.isEmpty()) {
            return "no host name";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(names.size(), SHOWN_NAMES); i++) {
            out.append(i == 0 ? "" : ", ").append(shown.apply(names.get(i)));
        }
        return out.append(names.size() > SHOWN_NAMES ? " and " + (names.size() - SHOWN_NAMES) + " more" : "")
                .toString();
    }
}
