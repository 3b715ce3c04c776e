package io.marketfeed.runtime;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;

/**
 * Which certificate authorities the one shared WebSocket client trusts for {@code wss://} endpoints. Verification is
 * always on, as Jetty does it by default: the server's certificate chain must lead to a trusted authority and name
 * the host dialled. There is deliberately no switch to trust everything.
 *
 * <p>{@link #defaults()} trusts what this Java trusts (its {@code cacerts}, or {@code -Djavax.net.ssl.trustStore}).
 * {@link #trustStore} trusts exactly the certificates in one file instead, as {@code javax.net.ssl.trustStore} and
 * curl's {@code --cacert} do: a PKCS12 or JKS key store, or PEM certificates (a corporate proxy's CA as IT hands it
 * out). The file is read once, here; its password is not kept.
 *
 * <p>Immutable and thread safe.
 */
public final class TlsSettings {

    /** What went wrong with a trust store, so that a runner can name its own setting for it. */
    public enum Problem {
        /** The file is missing, not a file, or cannot be read. */
        PATH,
        /** The password is wrong, or missing for a store that needs one. */
        PASSWORD,
        /** The store type named is unknown to this Java, or does not fit the file. */
        TYPE,
        /** The file is readable but is not a trust store, or holds no certificate. */
        CONTENT
    }

    /** A trust store that cannot be used; the message is one line saying what is wrong and what to do. */
    public static final class TrustStoreException extends Exception {
        private final Problem problem;

        TrustStoreException(Problem problem, String message) {
            super(message);
            this.problem = problem;
        }

        /** Which part of the setting is wrong. */
        public Problem problem() {
            return problem;
        }
    }

    private static final TlsSettings DEFAULTS = new TlsSettings(null, null, "the JDK's default trust store");

    private final KeyStore trustStore;
    private final Path path;
    private final String description;

    private TlsSettings(KeyStore trustStore, Path path, String description) {
        this.trustStore = trustStore;
        this.path = path;
        this.description = description;
    }

    /** Trust what this Java trusts. */
    public static TlsSettings defaults() {
        return DEFAULTS;
    }

    /**
     * Trust exactly the certificates in {@code path} (every certificate in it is a trust anchor).
     *
     * @param password the store's password; null or empty for none (PEM files have none)
     * @param type {@code PKCS12}, {@code JKS}, {@code PEM} or any type this Java knows; null or blank: from the file
     * @throws TrustStoreException when the file cannot be read as a trust store, or holds no certificate
     */
    public static TlsSettings trustStore(Path path, char[] password, String type) throws TrustStoreException {
        requireNonNull(path, "path is null");
        Path file = path.toAbsolutePath().normalize();
        if (!Files.exists(file)) {
            throw new TrustStoreException(Problem.PATH, "there is no file " + file + "; give the path of a trust "
                    + "store (PKCS12, JKS, or PEM certificates)");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new TrustStoreException(Problem.PATH, file + " is " + (Files.isRegularFile(file)
                    ? "not readable by this user; check its permissions" : "not a file; give the path of a trust "
                    + "store (PKCS12, JKS, or PEM certificates)"));
        }
        char[] secret = password == null || password.length == 0 ? null : password;
        String named = type == null || type.isBlank() ? null : type.strip().toUpperCase(Locale.ROOT);
        KeyStore store = "PEM".equals(named) || (named == null && isPem(file)) ? pem(file) : keyStore(file, secret,
                named);
        int certificates = certificates(store);
        if (certificates == 0) {
            throw new TrustStoreException(Problem.CONTENT, file + " holds no certificate"
                    + (secret == null ? "; if it is protected, set its password" : "; add the CA to trust to it"));
        }
        return new TlsSettings(store, file, "the trust store " + file + " (" + store.getType() + ", "
                + certificates + " certificate" + (certificates == 1 ? "" : "s") + ")");
    }

    /** The loaded store (not to be modified); empty for {@link #defaults()}. */
    public Optional<KeyStore> trustStore() {
        return Optional.ofNullable(trustStore);
    }

    /** The file the trust store was read from; empty for {@link #defaults()}. */
    public Optional<Path> trustStorePath() {
        return Optional.ofNullable(path);
    }

    /** What is trusted, for messages: {@code the trust store /etc/mf/ca.p12 (PKCS12, 2 certificates)}. */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return "TlsSettings[" + description + "]";
    }

    private static boolean isPem(Path file) throws TrustStoreException {
        byte[] head = new byte[64];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new TrustStoreException(Problem.PATH, file + " cannot be read (" + e.getMessage() + ")");
        }
        return new String(head, 0, read, StandardCharsets.US_ASCII).stripLeading().startsWith("-----BEGIN");
    }

    private static KeyStore pem(Path file) throws TrustStoreException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | CertificateException e) {
            throw new TrustStoreException(Problem.CONTENT, file + " does not hold PEM certificates that this Java "
                    + "can read (" + e.getMessage() + "); give a file of \"-----BEGIN CERTIFICATE-----\" blocks");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("pem-" + n++, certificate);
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an in-memory PKCS12 store: " + e.getMessage(), e);
        }
    }

    private static KeyStore keyStore(Path file, char[] password, String type) throws TrustStoreException {
        KeyStore store;
        try {
            if (type == null) {
                // The JDK recognises PKCS12, JKS and JCEKS by their content; what it does not recognise is read as
                // PKCS12, the JDK's default type, so that the message says what that attempt found.
                try {
                    return KeyStore.getInstance(file.toFile(), password);
                } catch (KeyStoreException unknown) {
                    store = KeyStore.getInstance("PKCS12");
                }
            } else {
                store = KeyStore.getInstance(type);
            }
        } catch (KeyStoreException e) {
            throw new TrustStoreException(Problem.TYPE, "'" + type + "' is not a key store type this Java knows; "
                    + "use PKCS12, JKS or PEM, or leave it unset to tell from the file");
        } catch (IOException | GeneralSecurityException e) {
            throw unreadable(file, password, type, e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw unreadable(file, password, type, e);
        }
    }

    private static TrustStoreException unreadable(Path file, char[] password, String type, Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnrecoverableKeyException
                    || String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("password")) {
                return new TrustStoreException(Problem.PASSWORD, password == null
                        ? file + " is protected by a password; set it"
                        : "is wrong for " + file + "; set the password the store was made with");
            }
        }
        String as = type == null ? "PKCS12, JKS or PEM certificates" : type;
        return new TrustStoreException(type == null ? Problem.CONTENT : Problem.TYPE, file + " cannot be read as "
                + as + " (" + e.getMessage() + ")" + (type == null ? "; give a trust store file"
                : "; check the store's type, or leave it unset to tell from the file"));
    }

    private static int certificates(KeyStore store) {
        int count = 0;
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.getCertificate(alias) != null) {
                    count++;
                }
            }
        } catch (KeyStoreException e) {
            throw new IllegalStateException("a loaded key store cannot list its entries: " + e.getMessage(), e);
        }
        return count;
    }
}
