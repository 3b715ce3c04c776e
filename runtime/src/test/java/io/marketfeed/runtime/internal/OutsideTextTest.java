package io.marketfeed.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Text a server sent, before it reaches a log line or an event: credentials masked in every form a server may echo
 * them, no forged lines, a bounded length; and the durations and sizes those lines show.
 */
class OutsideTextTest {

    private static final String KEY = "shmk_test_FAKE_9f8e7d";
    private static final SecretMask NONE = new SecretMask(List.of());

    @Test
    void aCredentialIsMaskedInEveryFormAServerMayEchoIt() {
        String key = "tk_test_FAKE_a/b+c \"d\"\\e\u0001";
        SecretMask mask = new SecretMask(List.of(Secret.of(key)));
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        String plusEncoded = URLEncoder.encode(key, StandardCharsets.UTF_8);
        List<String> echoes = List.of(key, plusEncoded, plusEncoded.replace("+", "%20"),
                "tk_test_FAKE_a\\/b+c \\\"d\\\"\\\\e\\u0001",
                Base64.getEncoder().encodeToString(bytes), Base64.getUrlEncoder().encodeToString(bytes),
                Base64.getEncoder().withoutPadding().encodeToString(bytes),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        for (String echo : echoes) {
            assertEquals("refused <****>", mask.mask("refused <" + echo + ">"), echo);
        }
        assertEquals(List.of(Secret.of(key)), mask.known());
    }

    @Test
    void base64WithoutPaddingIsMaskedInTheStandardAlphabetToo() {
        SecretMask mask = new SecretMask(List.of(Secret.of("tk_test_FAKE_???")));
        assertEquals("auth ****.", mask.mask("auth dGtfdGVzdF9GQUtFXz8/Pw."), "standard, padding stripped");
        assertEquals("auth ****.", mask.mask("auth dGtfdGVzdF9GQUtFXz8_Pw."), "URL-safe, padding stripped");
        assertEquals("auth ****.", mask.mask("auth dGtfdGVzdF9GQUtFXz8/Pw==."));
    }

    @Test
    void aPaddedCredentialIsMaskedWithAndWithoutItsPadding() {
        String key = " tk_test_FAKE_padded ";
        SecretMask mask = new SecretMask(List.of(Secret.of(key)));
        assertEquals("x=****;", mask.mask("x=" + key.strip() + ";"));
        assertEquals("[****]", mask.mask("[" + key + "]"), "the padded form whole, not just its inside");
    }

    @Test
    void credentialLikeQueryValuesAreMaskedEvenWhenUnknown() {
        assertEquals("GET /ws?api_key=****&x=1", NONE.mask("GET /ws?api_key=abc123&x=1"));
        assertEquals("/ws?a=1&TOKEN=**** next", NONE.mask("/ws?a=1&TOKEN=zzz next"));
        assertEquals("/ws;session-id=****\"", NONE.mask("/ws;session-id=s1\""));
        assertEquals("/ws?monkey=banana", NONE.mask("/ws?monkey=banana"));
        assertEquals("", NONE.mask(null));
        assertEquals("", NONE.mask(""));
    }

    @Test
    void theLongestFormIsMaskedFirstSoNoPartOfItShows() {
        SecretMask mask = new SecretMask(List.of(Secret.of("tk_test_FAKE_abcd"), Secret.of("tk_test_FAKE_abcd_longer")));
        assertEquals("[****]", mask.mask("[tk_test_FAKE_abcd_longer]"));
    }

    @Test
    void valuesTooShortToBeCredentialsAreNotSearchedFor() {
        SecretMask mask = new SecretMask(Arrays.asList(Secret.of("abc"), Secret.of("  ab  "), null));
        assertEquals("abc and ab stay", mask.mask("abc and ab stay"));
        assertEquals(List.of(), mask.known());
        SecretMask four = new SecretMask(List.of(Secret.of("abcd")));
        assertEquals("**** stays masked", four.mask("abcd stays masked"));
    }

    @Test
    void addingAKnownCredentialAgainChangesNothing() {
        SecretMask mask = new SecretMask(List.of(Secret.of(KEY)));
        mask.addAll(List.of(Secret.of(KEY)));
        assertEquals(List.of(Secret.of(KEY)), mask.known());
        mask.addAll(List.of(Secret.of("tk_test_FAKE_second")));
        assertEquals(List.of(Secret.of(KEY), Secret.of("tk_test_FAKE_second")), mask.known());
        assertEquals("**** ****", mask.mask(KEY + " tk_test_FAKE_second"));
    }

    @Test
    void controlAndLineBreakingCharactersAreEscaped() {
        assertEquals("a\\nb\\rc\\td\\u0000e\\u007ff\\u0085g\\u2028h\\u2029i\\u202ej\\u2066k\\ufeffl",
                OutsideText.clean("a\nb\rc\td\u0000e\u007ff\u0085g\u2028h\u2029i\u202ej\u2066k\ufeffl", NONE));
        assertEquals("plain ascii, é and \u00a0 and \u2027 and \u202f and \u2065 and \u206a stay",
                OutsideText.clean("plain ascii, é and \u00a0 and \u2027 and \u202f and \u2065 and \u206a stay", NONE));
        assertEquals("\\u001f \\u009f \\u202a \\u2069", OutsideText.clean("\u001f \u009f \u202a \u2069", NONE));
        assertEquals("", OutsideText.clean(null, NONE));
        assertEquals("", OutsideText.clean("", NONE));
    }

    @Test
    void longTextIsCutAndSaysHowLongItWas() {
        String text = "x".repeat(300);
        assertEquals("x".repeat(256) + "… (300 characters in all)", OutsideText.clean(text, NONE));
        assertEquals("x".repeat(256), OutsideText.clean("x".repeat(256), NONE));
        assertEquals("ab\\ncd… (10 characters in all)", OutsideText.clean("ab\ncdefghi", NONE, 5));
    }

    @Test
    void aCutNeverSplitsACharacterOutsideTheBasicPlane() {
        String text = "abcd\uD83D\uDE00tail";
        assertEquals("abcd… (10 characters in all)", OutsideText.clean(text, NONE, 5));
        assertEquals("abcd\uD83D\uDE00… (10 characters in all)", OutsideText.clean(text, NONE, 6));
    }

    @Test
    void maskingComesBeforeTheCutSoACredentialIsNeverHalfShown() {
        SecretMask mask = new SecretMask(List.of(Secret.of(KEY)));
        assertEquals("key ****… (12 characters in all)", OutsideText.clean("key " + KEY + " end", mask, 8));
    }

    @Test
    void durationsReadAsAPersonWouldSayThem() {
        assertEquals("0ms", Durations.format(Duration.ZERO));
        assertEquals("999ms", Durations.format(Duration.ofMillis(999)));
        assertEquals("1.00s", Durations.format(Duration.ofSeconds(1)));
        assertEquals("4.21s", Durations.format(Duration.ofMillis(4214)));
        assertEquals("59.99s", Durations.format(Duration.ofMillis(59_990)));
        assertEquals("1m00s", Durations.format(Duration.ofMinutes(1)));
        assertEquals("2m05s", Durations.format(Duration.ofSeconds(125)));
    }

    @Test
    void sizesReadInWholeUnitsWhenTheyAreWhole() {
        assertEquals("1023 bytes", Durations.bytes(1023));
        assertEquals("1 KiB", Durations.bytes(1024));
        assertEquals("1.50 KiB (1536 bytes)", Durations.bytes(1536));
        assertEquals("1 MiB", Durations.bytes(1024 * 1024));
        assertEquals("1.02 MiB (1069547 bytes)", Durations.bytes(1_069_547));
        assertEquals("64 MiB", Durations.bytes(64L * 1024 * 1024));
    }

    @Test
    void aRequiredGapGetsAMarginOfOneSixteenthAndAtLeastTwoMilliseconds() {
        assertEquals(0, Durations.withMargin(0));
        assertEquals(0, Durations.withMargin(-5));
        assertEquals(1 + 2_000_000L, Durations.withMargin(1));
        assertEquals(16_000_000L + 2_000_000L, Durations.withMargin(16_000_000L));
        assertEquals(1_600_000_000L + 100_000_000L, Durations.withMargin(1_600_000_000L));
        assertTrue(Durations.withMargin(32_000_001L) > 34_000_000L);
        assertFalse(Durations.withMargin(1) > 2_000_001L);
    }
}
