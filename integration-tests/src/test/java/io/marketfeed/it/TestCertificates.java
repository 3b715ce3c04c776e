package io.marketfeed.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test certificates made when the test runs, with the JDK's own {@code keytool} (the tool the README tells operators
 * to use): nothing binary is committed, nothing expires in the repository, and each test says how its certificate
 * was made. An EC key makes each {@code keytool} call take well under a second.
 */
final class TestCertificates {

    /** The password of every store made here; obviously not a real one. */
    static final String PASSWORD = "pw_test_FAKE_store";

    private TestCertificates() {
    }

    /**
     * A PKCS12 key store {@code dir/name.p12} holding a key and a self-signed certificate for {@code names}
     * ({@code dns:localhost,ip:127.0.0.1}), valid from now for {@code days}.
     */
    static Path selfSigned(Path dir, String name, String names, int days) throws Exception {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-keystore",
                store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD, "-dname",
                "CN=" + name + ", O=Marketfeed tests", "-ext", names.startsWith("bc:") ? names : "SAN=" + names,
                "-validity", String.valueOf(days));
        return store;
    }

    /** A key store holding a certificate authority's key and certificate ({@code -ext bc:c}), for {@link #signed}. */
    static Path authority(Path dir, String name) throws Exception {
        return selfSigned(dir, name, "bc:c", 3650);
    }

    /**
     * A PKCS12 key store {@code dir/name.p12} with a key whose certificate for {@code names} the {@code authority}
     * signed, valid from {@code start} ({@code keytool -startdate}, such as {@code -3d}) for {@code days}; the chain
     * (certificate, then the authority's) is what the server presents.
     */
    static Path signed(Path dir, String name, String names, Path authority, String start, int days)
            throws Exception {
        Path store = selfSigned(dir, name, names, days);
        Path request = dir.resolve(name + ".csr");
        Path certificate = dir.resolve(name + ".crt");
        keytool("-certreq", "-alias", "server", "-keystore", store.toString(), "-storepass", PASSWORD, "-file",
                request.toString());
        keytool("-gencert", "-alias", "server", "-keystore", authority.toString(), "-storepass", PASSWORD,
                "-infile", request.toString(), "-outfile", certificate.toString(), "-ext", "SAN=" + names,
                "-startdate", start, "-validity", String.valueOf(days));
        KeyStore keys = load(store);
        Certificate leaf;
        try (InputStream in = Files.newInputStream(certificate)) {
            leaf = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        keys.setKeyEntry("server", keys.getKey("server", PASSWORD.toCharArray()), PASSWORD.toCharArray(),
                new Certificate[] {leaf, certificate(authority)});
        try (OutputStream out = Files.newOutputStream(store)) {
            keys.store(out, PASSWORD.toCharArray());
        }
        return store;
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            keytool.destroyForcibly();
            throw new IllegalStateException("keytool failed: " + String.join(" ", command) + "\n" + output);
        }
    }

    /** The certificate of {@code keyStore}'s key, as a trusted entry of a new PKCS12 trust store {@code out}. */
    static Path trustStore(Path keyStore, Path out, String password) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", certificate(keyStore));
        try (OutputStream file = Files.newOutputStream(out)) {
            trust.store(file, password.toCharArray());
        }
        return out;
    }

    /** The certificate of {@code keyStore}'s key as a PEM file {@code out}, as IT hands out a proxy's CA. */
    static Path pem(Path keyStore, Path out) throws IOException, GeneralSecurityException {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate(keyStore).getEncoded());
        Files.writeString(out, "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n");
        return out;
    }

    private static Certificate certificate(Path keyStore) throws IOException, GeneralSecurityException {
        return load(keyStore).getCertificate("server");
    }

    private static KeyStore load(Path keyStore) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }
}
