package io.marketfeed.simulator.screener;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HS256 JWTs as the server's {@code create_access_token} / {@code verify_token} make and check them. */
public final class Jwt {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = ENCODER.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"
            .getBytes(StandardCharsets.UTF_8));

    /** Verified claims. */
    public record Claims(String subject, String type, Instant expiresAt) {
    }

    private Jwt() {
    }

    /** A token for {@code subject} of {@code type} ({@code access} or {@code refresh}) expiring at {@code exp}. */
    public static String sign(String secret, String subject, String type, Instant exp) {
        String payload = ENCODER.encodeToString(MAPPER.createObjectNode().put("sub", subject).put("type", type)
                .put("exp", exp.getEpochSecond()).toString().getBytes(StandardCharsets.UTF_8));
        return HEADER + "." + payload + "." + ENCODER.encodeToString(mac(secret, HEADER + "." + payload));
    }

    /** The claims when the signature is valid and the token has not expired at {@code now}. */
    public static Optional<Claims> verify(String secret, String token, Instant now) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            byte[] expected = mac(secret, parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode claims = MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
            Instant exp = Instant.ofEpochSecond(claims.path("exp").asLong(0));
            if (!claims.hasNonNull("sub") || !now.isBefore(exp)) {
                return Optional.empty();
            }
            return Optional.of(new Claims(claims.get("sub").asText(), claims.path("type").asText("access"), exp));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static byte[] mac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
