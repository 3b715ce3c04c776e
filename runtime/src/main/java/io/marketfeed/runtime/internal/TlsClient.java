package io.marketfeed.runtime.internal;

import io.marketfeed.runtime.TlsSettings;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The TLS side of the shared WebSocket client: Jetty's client factory with the JDK's own PKIX trust manager over the
 * configured trust anchors, and host name verification ({@code HTTPS} endpoint identification, Jetty's default). The
 * only addition is {@link ExplainingTrustManager}, which changes no decision: when the JDK refuses a certificate, it
 * says which of the refusals a user can fix it was ({@link CertificateRefusal}).
 */
final class TlsClient {

    private TlsClient() {
    }

    /** Jetty's client TLS factory trusting what {@code settings} says; thread safe once made. */
    static SslContextFactory.Client sslContextFactory(TlsSettings settings) {
        SslContextFactory.Client factory = new SslContextFactory.Client();
        factory.setEndpointIdentificationAlgorithm("HTTPS");
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(settings.trustStore().orElse(null));
            X509ExtendedTrustManager jdk = null;
            for (TrustManager manager : trust.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    jdk = extended;
                    break;
                }
            }
            if (jdk == null) {
                throw new IllegalStateException("this Java's " + trust.getAlgorithm() + " trust manager cannot "
                        + "verify host names");
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new ExplainingTrustManager(jdk, settings)}, null);
            factory.setSslContext(context);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS with " + settings.description() + ": "
                    + e.getMessage(), e);
        }
        return factory;
    }

    /** The names a certificate is for: its DNS and IP subject alternative names, else the CN of its subject. */
    static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> name : alternatives) {
                    int type = (Integer) name.get(0);
                    if (type == 2 || type == 7) { // dNSName, iPAddress
                        names.add(String.valueOf(name.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // Then only the CN can say it.
        }
        if (names.isEmpty()) {
            try {
                for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                    if (rdn.getType().equalsIgnoreCase("CN")) {
                        names.add(String.valueOf(rdn.getValue()));
                    }
                }
            } catch (InvalidNameException e) {
                // A subject the JDK wrote itself is always a valid name; nothing to add otherwise.
            }
        }
        return names;
    }

    /**
     * Delegates every decision to the JDK's trust manager. When it refuses a server's chain, a second look tells
     * the cases apart: a leaf outside its validity period is {@code EXPIRED}; a chain the JDK accepts without the
     * host name check is {@code WRONG_HOST}; anything else is {@code NOT_TRUSTED}. Thread safe (stateless).
     */
    private static final class ExplainingTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager jdk;
        private final TlsSettings trusted;

        ExplainingTrustManager(X509ExtendedTrustManager jdk, TlsSettings trusted) {
            this.jdk = jdk;
            this.trusted = trusted;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            explaining(() -> jdk.checkServerTrusted(chain, authType, engine), chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            explaining(() -> jdk.checkServerTrusted(chain, authType, socket), chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            explaining(() -> jdk.checkServerTrusted(chain, authType), chain, authType);
        }

        private void explaining(Check check, X509Certificate[] chain, String authType) throws CertificateException {
            try {
                check.run();
            } catch (CertificateException e) {
                throw explained(e, chain, authType);
            }
        }

        private CertificateException explained(CertificateException refusal, X509Certificate[] chain,
                String authType) {
            if (chain == null || chain.length == 0) {
                return refusal;
            }
            X509Certificate leaf = chain[0];
            CertificateRefusal.Kind kind;
            try {
                leaf.checkValidity();
                jdk.checkServerTrusted(chain, authType); // the chain alone, without the host name
                kind = CertificateRefusal.Kind.WRONG_HOST;
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                kind = CertificateRefusal.Kind.EXPIRED;
            } catch (CertificateException e) {
                kind = CertificateRefusal.Kind.NOT_TRUSTED;
            }
            return new CertificateRefusal(kind, leaf, names(leaf), trusted.description(),
                    trusted.trustStorePath().isPresent(), refusal);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            jdk.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            jdk.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            jdk.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return jdk.getAcceptedIssuers();
        }
    }

    /** One of the JDK's checks. */
    @FunctionalInterface
    private interface Check {
        void run() throws CertificateException;
    }
}
